// Ops add or change a collector or agency. New room, new skills or a return to active gives the
// waiting cases that now fit to them at once; those cases' episodes are told (through the signal
// outbox, in the same transaction), so the SLA clock of each starts when it was given out.
import { Injectable } from '@nestjs/common';
import type { Assignee } from '../../../db/repositories/recovery-case.repository.js';
import { EpisodeSignals } from '../../shared/temporal/episode-signals.js';
import { Database } from '../database.js';

@Injectable()
export class SaveAssigneeUseCase {
  constructor(
    private readonly db: Database,
    private readonly signals: EpisodeSignals,
  ) {}

  async execute(assignee: Assignee): Promise<Assignee> {
    const at = new Date().toISOString();
    const { assignee: saved, waitingAssigned } = await this.db.recoveryCases().upsertAssignee(assignee, at);
    await this.signals.deliver(waitingAssigned.map((a) => a.signalId));
    return saved;
  }
}
