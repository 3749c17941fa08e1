// An agency accepts the cases of a placement made with it (each as the work item's own accept), or
// rejects them with a reason (each as the work item's decline: round-robin gives it to someone
// else, never back to the agency). Only the agency the caller works for: another's placement is
// answered as though it did not exist. The episodes are told through the signal outbox.
import { Injectable } from '@nestjs/common';
import type { PlacementView } from '../../../db/repositories/agency-placement.repository.js';
import { sealNote } from '../../shared/crypto/sealed-note.js';
import { EpisodeSignals } from '../../shared/temporal/episode-signals.js';
import type { Principal } from '../auth/principal.js';
import { Database } from '../database.js';
import { ProblemException } from '../http/problem.js';
import { ContactRecords } from '../recovery/contact-records.js';
import { agencyOf, placementFor } from './agency-scope.js';

export type PlacementAnswer = { kind: 'accept' } | { kind: 'reject'; reason: string };

export interface AnsweredPlacement {
  placement: PlacementView;
  /** the cases this answer changed */
  changed: string[];
  /** the cases it could not change, with why (not_with_agency: no longer the agency's; already_accepted; closed) */
  refused: { caseId: string; reason: string }[];
}

@Injectable()
export class AnswerPlacementUseCase {
  constructor(
    private readonly db: Database,
    private readonly signals: EpisodeSignals,
    private readonly records: ContactRecords,
  ) {}

  async execute(caller: Principal, placementId: string, caseIds: string[] | undefined, answer: PlacementAnswer): Promise<AnsweredPlacement> {
    const agencyId = agencyOf(caller);
    const missing = () => new ProblemException('placementNotFound', `your agency has no placement ${placementId}`);
    if (agencyId === null) throw missing();
    const placements = this.db.agencyPlacements();
    const at = new Date().toISOString();
    const ids = caseIds?.map((id) => id.toLowerCase()) ?? null;
    const result =
      answer.kind === 'accept'
        ? await placements.accept(placementId, agencyId, ids, at)
        : // A reason is free text about the borrower: kept sealed (sealed-note.ts).
          await placements.reject(placementId, agencyId, ids, sealNote(this.records.contacts.cipher, answer.reason), at);
    if (!result.ok) throw missing();
    await this.signals.deliver(result.signals);
    return { placement: placementFor(caller, (await this.db.agencyPlacements().get(placementId, agencyId))!), changed: result.changed, refused: result.refused };
  }
}
