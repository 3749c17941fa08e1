// Ops place hand-off cases with an outside agency, by hand or by a rule, up to its room
// (agency-placement.repository.ts); each case's episode is told, through the signal outbox, so its
// SLA clock restarts with the agency; a collector's room freed goes to the waiting cases at once.
import { Injectable } from '@nestjs/common';
import type { PlacementRule, PlacementView } from '../../../db/repositories/agency-placement.repository.js';
import { EpisodeSignals } from '../../shared/temporal/episode-signals.js';
import { Database } from '../database.js';
import { ProblemException, type FieldError } from '../http/problem.js';

export interface PlaceCasesCommand {
  agencyId: string;
  placedBy: string;
  caseIds?: string[];
  rule?: PlacementRule;
}

@Injectable()
export class PlaceCasesUseCase {
  constructor(
    private readonly db: Database,
    private readonly signals: EpisodeSignals,
  ) {}

  async execute(cmd: PlaceCasesCommand): Promise<PlacementView> {
    const faults = problems(cmd);
    if (faults.length > 0) throw ProblemException.validation(faults);
    const result = await this.db.agencyPlacements().place({
      agencyId: cmd.agencyId,
      placedBy: cmd.placedBy,
      at: new Date().toISOString(),
      ...(cmd.caseIds ? { caseIds: cmd.caseIds.map((id) => id.toLowerCase()) } : {}),
      ...(cmd.rule ? { rule: cmd.rule } : {}),
    });
    if (!result.ok) {
      if (result.reason === 'agency_not_found') throw new ProblemException('agencyNotFound', `there is no agency ${cmd.agencyId} (an assignee of kind agency)`);
      throw new ProblemException('agencyInactive', `agency ${cmd.agencyId} is not active`);
    }
    await this.signals.deliver(result.signals);
    return result.placement;
  }
}

function problems({ caseIds, rule }: PlaceCasesCommand): FieldError[] {
  if ((caseIds === undefined) === (rule === undefined)) return [{ field: 'caseIds', message: 'give either caseIds (by hand) or rule, not both or neither' }];
  if (!rule) return [];
  const faults: FieldError[] = [];
  if ((rule.minBalanceMinor !== undefined || rule.maxBalanceMinor !== undefined) && rule.currency === undefined) faults.push({ field: 'rule.currency', message: 'is needed with a balance bound' });
  if (rule.minBalanceMinor !== undefined && rule.maxBalanceMinor !== undefined && rule.minBalanceMinor > rule.maxBalanceMinor) faults.push({ field: 'rule.maxBalanceMinor', message: 'must not be below minBalanceMinor' });
  if (rule.minDpd !== undefined && rule.maxDpd !== undefined && rule.minDpd > rule.maxDpd) faults.push({ field: 'rule.maxDpd', message: 'must not be below minDpd' });
  return faults;
}
