// A plan, restructure or settlement proposed for a loan that is being repaid, by a person or a
// borrower's reply. Terms that do not fit the loan are refused (422, each fault by field); sound
// terms are held to the active policy's bounds (policies/recovery/check-arrangement.ts): within
// them, and not a kind that always needs a checker, the arrangement is applied at once through
// the loan workflow; otherwise it waits, pending, for a second person (approvals/). Either way it
// is recorded with its proposer, so a loan's arrangements are read from one place. The proposer's
// request key makes a retry the same proposal (applied once); the same key with other terms is a
// 422.
import { Injectable } from '@nestjs/common';
import type { ApprovalRecord } from '../../../db/repositories/approval.repository.js';
import type { TermsProblem } from '../../../domain/arrangement-schedule.js';
import type { ArrangementTerms } from '../../../domain/arrangements.js';
import { checkArrangement, checkerReasons, type ArrangementHistory, type OwedNow } from '../../../policies/recovery/check-arrangement.js';
import { canonicalJson } from '../applications/request-hash.js';
import { ApplyApproval } from '../approvals/apply-approval.js';
import { mustBePersonToPropose } from '../approvals/proposer.js';
import type { Principal } from '../auth/principal.js';
import { Database } from '../database.js';
import { IdempotencyKeyReusedError, LoanNotFoundError, LoanNotServicingError } from '../errors.js';
import { ProblemException } from '../http/problem.js';
import { GetArrangementBasisUseCase } from '../loans/get-arrangement-basis.usecase.js';

export interface ProposeArrangementCommand {
  loanId: string;
  terms: ArrangementTerms;
  note?: string;
  /** the proposer's subject, or `borrower-reply` */
  proposedBy: string;
  proposedByRoles: readonly string[];
  /** a machine (API key) may propose only what is applied at once (approvals/proposer.ts); a person or a borrower's reply by default */
  proposerKind?: Principal['kind'];
  requestKey: string;
}

const SERVICING = new Set(['active', 'delinquent']);

@Injectable()
export class ProposeArrangementUseCase {
  constructor(
    private readonly db: Database,
    private readonly apply: ApplyApproval,
    private readonly basis: GetArrangementBasisUseCase,
  ) {}

  async execute({ loanId, terms, note, proposedBy, proposedByRoles, proposerKind = 'person', requestKey }: ProposeArrangementCommand): Promise<ApprovalRecord> {
    // A retry is answered before the loan is looked at: a settlement it applied may have closed the loan since.
    const earlier = await this.db.approvals().byRequest(proposedBy, requestKey);
    if (earlier) return this.apply.execute(sameRequest(earlier, loanId, terms, requestKey));
    const loan = await this.db.loans().find(loanId);
    if (!loan) throw new LoanNotFoundError(loanId);
    if (!SERVICING.has(loan.snapshot.status)) throw notServicing(loanId, loan.snapshot.status);
    // What is owed comes from the workflow (the payoff quote today), and the terms are judged by
    // the workflow's own check, the one applying them makes.
    const basis = await this.basis.execute({ loanId });
    if (!SERVICING.has(basis.status)) throw notServicing(loanId, basis.status);
    const owed: OwedNow = { totalMinor: basis.owed.total, currency: basis.currency, aprBps: loan.snapshot.offer?.aprBps ?? null };
    const today = basis.asOf;
    const preview = await this.basis.preview(loanId, terms, today);
    if (preview.problems.length > 0) throw invalidTerms(preview.problems);
    const history: ArrangementHistory = { last: basis.arrangement, currentLastDueOn: preview.currentLastDueOn, lastDueOn: preview.lastDueOn! };

    const policy = await this.db.recoveryPolicies().activePolicy();
    const reasons = policy
      ? checkerReasons(terms, checkArrangement(terms, owed, policy.document, today, history), policy.document, history, today)
      : ['no escalation policy is active, so there are no bounds: a second person approves it'];
    if (reasons.length > 0) mustBePersonToPropose({ kind: proposerKind }, 'an arrangement that needs a second person');
    const payload = { terms, ...(note !== undefined ? { note } : {}), owed, policyVersion: policy?.version ?? null };
    const proposed = await this.db.approvals().propose({ kind: 'arrangement', loanId, payload, reasons, status: reasons.length > 0 ? 'pending' : 'approved', proposedBy, proposedByRoles, requestKey });
    return this.apply.execute(proposed.outcome === 'retried' ? sameRequest(proposed.approval, loanId, terms, requestKey) : proposed.approval);
  }
}

/** The domain names fields under `terms`; the request has them at its top level. */
export function invalidTerms(problems: readonly TermsProblem[]): ProblemException {
  const errors = problems.map((p) => ({ field: p.field.replace(/^terms\.?/, '') || 'kind', message: p.message }));
  return new ProblemException('invalidArrangement', problems.map((p) => p.message).join('; '), errors);
}

function notServicing(loanId: string, status: string): LoanNotServicingError {
  return new LoanNotServicingError(`loan ${loanId} is ${status}: only a loan being repaid (active or delinquent) takes a plan, restructure or settlement`);
}

/** The proposal a retried request made, if it asked for the same thing; a 422 otherwise. */
function sameRequest(earlier: ApprovalRecord, loanId: string, terms: ArrangementTerms, requestKey: string): ApprovalRecord {
  if (earlier.kind !== 'arrangement' || earlier.loanId !== loanId || canonicalJson(earlier.payload.terms) !== canonicalJson(terms)) throw new IdempotencyKeyReusedError(requestKey);
  return earlier;
}
