// Ops recall cases from an agency, a placement's or named by hand, with a reason: each goes
// round-robin among collectors, never kept by the agency, and its episode is told through the
// signal outbox; the agency's freed room goes to the waiting cases at once.
import { Injectable } from '@nestjs/common';
import { sealNote } from '../../shared/crypto/sealed-note.js';
import { EpisodeSignals } from '../../shared/temporal/episode-signals.js';
import { Database } from '../database.js';
import { ProblemException } from '../http/problem.js';
import { ContactRecords } from '../recovery/contact-records.js';

export interface RecallCommand {
  agencyId: string;
  by: string;
  placementId?: string;
  caseIds?: string[];
  reason: string;
}

export interface Recall {
  recalled: string[];
  /** the cases named that the agency does not hold (not_with_agency) */
  refused: { caseId: string; reason: string }[];
}

@Injectable()
export class RecallCasesUseCase {
  constructor(
    private readonly db: Database,
    private readonly signals: EpisodeSignals,
    private readonly records: ContactRecords,
  ) {}

  async execute(cmd: RecallCommand): Promise<Recall> {
    if (cmd.placementId === undefined && cmd.caseIds === undefined) throw ProblemException.validation([{ field: 'placementId', message: 'give placementId, caseIds or both' }]);
    const result = await this.db.agencyPlacements().recall({
      agencyId: cmd.agencyId,
      by: cmd.by,
      ...(cmd.placementId ? { placementId: cmd.placementId } : {}),
      ...(cmd.caseIds ? { caseIds: cmd.caseIds.map((id) => id.toLowerCase()) } : {}),
      reason: sealNote(this.records.contacts.cipher, cmd.reason),
      at: new Date().toISOString(),
    });
    if (!result.ok) throw new ProblemException('placementNotFound', `agency ${cmd.agencyId} has no placement ${cmd.placementId ?? ''}`);
    await this.signals.deliver(result.signals);
    return { recalled: result.changed, refused: result.refused };
  }
}
