// A write-off proposed for a loan: it always waits for a second person (approvals/), who applies
// it through the loan workflow's writeOff update. One waits per loan at a time: proposing again
// while one waits answers that one (whoever proposed it), and the proposer's retry (the same
// request key) answers its own proposal; the same key with another reason is a 422.
import { Injectable } from '@nestjs/common';
import type { ApprovalRecord } from '../../../db/repositories/approval.repository.js';
import { isTerminal } from '../../../domain/loan-status.js';
import { Database } from '../database.js';
import { IdempotencyKeyReusedError, LoanClosedError, LoanNotFoundError } from '../errors.js';

export interface ProposeWriteOffCommand {
  loanId: string;
  reason: string;
  proposedBy: string;
  proposedByRoles: readonly string[];
  requestKey: string;
}

export const WRITE_OFF_NEEDS_CHECKER = 'a write-off needs a second person, always';

@Injectable()
export class ProposeWriteOffUseCase {
  constructor(private readonly db: Database) {}

  async execute({ loanId, reason, proposedBy, proposedByRoles, requestKey }: ProposeWriteOffCommand): Promise<{ approval: ApprovalRecord; created: boolean }> {
    // A retry is answered before the loan is looked at: the write-off may have closed it since.
    const earlier = await this.db.approvals().byRequest(proposedBy, requestKey);
    if (earlier) return { approval: sameRequest(earlier, loanId, reason, requestKey), created: false };
    const loan = await this.db.loans().summary(loanId);
    if (!loan) throw new LoanNotFoundError(loanId);
    if (isTerminal(loan.status)) throw new LoanClosedError(loanId);
    const owed = { totalMinor: loan.outstandingTotal, currency: loan.currency };
    const proposed = await this.db.approvals().propose({ kind: 'write_off', loanId, payload: { reason, owed }, reasons: [WRITE_OFF_NEEDS_CHECKER], status: 'pending', proposedBy, proposedByRoles, requestKey });
    if (proposed.outcome === 'retried') return { approval: sameRequest(proposed.approval, loanId, reason, requestKey), created: false };
    return { approval: proposed.approval, created: proposed.outcome === 'created' };
  }
}

function sameRequest(earlier: ApprovalRecord, loanId: string, reason: string, requestKey: string): ApprovalRecord {
  if (earlier.kind !== 'write_off' || earlier.loanId !== loanId || earlier.payload.reason !== reason) throw new IdempotencyKeyReusedError(requestKey);
  return earlier;
}
