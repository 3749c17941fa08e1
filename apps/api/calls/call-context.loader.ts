// What the assist knows of the borrower when a call opens, read once from the read models: the
// case and its holder, the episode (bucket, DPD, segment), the models' last word on the loan
// (propensity-to-pay from the recovery segmentation, delinquency-roll from the last limit review,
// application-pd from origination, each as the loan's events recorded them), and the contact
// standing and history the compliance gate judges a call by.
import { Injectable } from '@nestjs/common';
import { ContactDeliveryRepository } from '../../../db/repositories/contact-delivery.repository.js';
import type { CaseView } from '../../../db/repositories/recovery-case.repository.js';
import type { EpisodeView } from '../../../db/repositories/recovery-episode.repository.js';
import { UUID_PATTERN } from '../../../domain/loan-id.js';
import type { LoanEventRecord } from '../../../domain/loan-view.js';
import { Database } from '../database.js';
import { ContactRecords } from '../recovery/contact-records.js';
import { RECOVERY_CASE_ID_PATTERN, WORK_ITEM_ID_PATTERN } from '../recovery/recovery-ids.js';
import type { BorrowerRisk, CallContext } from './call-session.js';
import { holderOf } from './call-scope.js';

export type CallTarget = { caseId: string } | { loanId: string };

export class CallTargetError extends Error {
  constructor(
    readonly status: 400 | 404,
    message: string,
  ) {
    super(message);
  }
}

/** The query's caseId (a work item or a recovery case) or loanId, checked. */
export function callTargetOf(query: URLSearchParams): CallTarget {
  const caseId = query.get('caseId')?.toLowerCase();
  const loanId = query.get('loanId')?.toLowerCase();
  if ((caseId === undefined) === (loanId === undefined)) throw new CallTargetError(400, 'name the call\'s case: ?caseId=<work item or recovery case ID> or ?loanId=<loan ID>, one of them');
  if (caseId !== undefined) {
    if (!new RegExp(WORK_ITEM_ID_PATTERN).test(caseId) && !new RegExp(RECOVERY_CASE_ID_PATTERN).test(caseId)) throw new CallTargetError(400, 'caseId is a work item ID (case-recovery-<loanId>-<episode>) or a recovery case ID (recovery-<loanId>-<episode>)');
    return { caseId };
  }
  if (!new RegExp(UUID_PATTERN).test(loanId!)) throw new CallTargetError(400, 'loanId is a loan ID (a UUID)');
  return { loanId: loanId! };
}

@Injectable()
export class CallContextLoader {
  constructor(
    private readonly db: Database,
    private readonly records: ContactRecords,
  ) {}

  /** The episode and hand-off case the call is about; CallTargetError 404 when there is none. */
  async resolve(target: CallTarget): Promise<{ loanId: string; episode: EpisodeView | null; workItem: CaseView | null }> {
    if ('loanId' in target) {
      const running = await this.db.recoveryEpisodes().running(target.loanId);
      const episode = running ? await this.db.recoveryEpisodes().get(running.workflowId) : null;
      if (!episode && !(await this.db.loans().summary(target.loanId))) throw new CallTargetError(404, `there is no loan ${target.loanId}`);
      const workItem = episode?.case ? await this.db.recoveryCases().get(episode.case.caseId) : null;
      return { loanId: target.loanId, episode, workItem };
    }
    if (target.caseId.startsWith('case-')) {
      const workItem = await this.db.recoveryCases().get(target.caseId);
      if (!workItem) throw new CallTargetError(404, `there is no work item ${target.caseId}`);
      return { loanId: workItem.loanId, episode: await this.db.recoveryEpisodes().get(workItem.workflowId), workItem };
    }
    const episode = await this.db.recoveryEpisodes().get(target.caseId);
    if (!episode) throw new CallTargetError(404, `there is no recovery case ${target.caseId}`);
    const workItem = episode.case ? await this.db.recoveryCases().get(episode.case.caseId) : null;
    return { loanId: episode.loanId, episode, workItem };
  }

  async load({ loanId, episode, workItem }: { loanId: string; episode: EpisodeView | null; workItem: CaseView | null }): Promise<CallContext> {
    // An episode carries what the call needs even where the loan's read model does not (yet) hold it.
    const loan = await this.db.loans().find(loanId);
    if (!loan && !episode) throw new CallTargetError(404, `there is no loan ${loanId}`);
    const profiles = this.records.contactsConfigured ? this.records.profiles() : null;
    const [profile, history] = await Promise.all([profiles ? profiles.find(loanId) : Promise.resolve(null), new ContactDeliveryRepository(this.records.orm.em.fork()).history(loanId)]);
    const events = loan?.events ?? [];
    const segmented = latest(events, 'recovery.segmented');
    const reviewed = latest(events, 'credit_limit.reviewed');
    const plan = segmented?.plan as { offer?: string } | undefined;
    const risk: BorrowerRisk = {
      propensity: num(segmented?.propensity),
      propensityBand: episode?.propensityBand ?? str(segmented?.propensityBand),
      segment: episode?.segment ?? str(segmented?.segment),
      offer: str(plan?.offer),
      rationale: str(segmented?.rationale),
      rollProbability: num(reviewed?.rollProbability),
      pd: loan?.snapshot.decision?.pd ?? null,
      dpd: episode?.dpd ?? loan?.snapshot.daysPastDue ?? null,
      bucket: episode?.bucket ?? loan?.snapshot.bucket ?? null,
      overdueMinor: episode ? episode.delinquentMinor : null,
      outstandingMinor: episode?.outstandingMinor ?? loan?.snapshot.outstandingTotal ?? null,
    };
    return {
      loanId,
      caseId: workItem?.caseId ?? null,
      workflowId: episode?.workflowId ?? null,
      // A closed case's last assignee holds it no longer: a confirmation is then the standing's, not a desk outcome.
      assigneeId: holderOf(workItem),
      currency: loan?.snapshot.currency ?? episode!.currency,
      country: profile?.standing.country ?? episode?.country ?? 'default',
      timeZone: profile?.standing.timeZone ?? null,
      risk,
      standing: profile?.standing ?? null,
      history,
    };
  }
}

function latest(events: readonly LoanEventRecord[], type: string): Record<string, unknown> | undefined {
  for (let i = events.length - 1; i >= 0; i--) if (events[i]!.type === type) return events[i]!.data;
  return undefined;
}

const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);
