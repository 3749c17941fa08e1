// A second person approves or rejects a proposal (maker-checker). The checker is a person (not an
// API key), holds the right the kind needs (arrangements:approve for arrangements and write-offs,
// policies:activate for activations), and is not the proposer: the one who proposes cannot
// decide, and a check constraint on the table holds that too. An approval is applied at once
// (apply-approval.ts). The checker's retry is the same decision: it answers the proposal as it is,
// and applies an approval whose application had not finished; a different decision, or another
// checker, after it was decided is a 409 naming who decided it.
import { Injectable } from '@nestjs/common';
import type { ApprovalKind, ApprovalRecord } from '../../../db/repositories/approval.repository.js';
import { ForbiddenError } from '../auth/auth-errors.js';
import type { Permission } from '../auth/permissions.js';
import type { Principal } from '../auth/principal.js';
import { Database } from '../database.js';
import { ProblemException } from '../http/problem.js';
import { RequotePlan } from '../arrangements/requote-plan.js';
import { ApplyApproval } from './apply-approval.js';

export interface DecideApprovalCommand {
  id: string;
  decision: 'approved' | 'rejected';
  note?: string;
  checker: Principal;
}

/** The right a checker of each kind needs besides approvals:decide. */
export const CHECKER_PERMISSION: Record<ApprovalKind, Permission> = {
  arrangement: 'arrangements:approve',
  write_off: 'arrangements:approve',
  policy_activation: 'policies:activate',
};

@Injectable()
export class DecideApprovalUseCase {
  constructor(
    private readonly db: Database,
    private readonly apply: ApplyApproval,
    private readonly requote: RequotePlan,
  ) {}

  async execute({ id, decision, note, checker }: DecideApprovalCommand): Promise<ApprovalRecord> {
    const repo = this.db.approvals();
    const current = await repo.get(id);
    if (!current) throw new ProblemException('approvalNotFound', `there is no approval ${id}`);
    if (checker.kind !== 'person') throw new ProblemException('forbidden', 'a second person decides: an API key cannot approve or reject a proposal');
    const needs = CHECKER_PERMISSION[current.kind];
    if (!checker.permissions.has(needs)) throw new ForbiddenError(needs, checker.subject);
    if (current.proposedBy === checker.subject) throw ownProposal(current);
    // A plan that no longer fits the loan, even re-quoted, is not approved: the checker hears why (409) and it stays pending.
    if (decision === 'approved' && current.kind === 'arrangement' && current.status === 'pending') await this.requote.execute(current);
    const decided = await repo.decide(id, decision, checker.subject, note ?? null);
    switch (decided.outcome) {
      case 'not_found':
        throw new ProblemException('approvalNotFound', `there is no approval ${id}`);
      case 'own_proposal':
        throw ownProposal(decided.approval);
      case 'decided':
        return decision === 'approved' ? this.apply.execute(decided.approval) : decided.approval;
      case 'already_decided': {
        const was = decided.approval;
        const same = was.decidedBy === checker.subject && (decision === 'rejected' ? was.status === 'rejected' : was.status === 'approved' || was.status === 'applied');
        if (!same) throw new ProblemException('approvalDecided', `${was.kind.replace('_', ' ')} ${id} was already ${was.status === 'rejected' ? 'rejected' : 'approved'}${was.decidedBy ? ` by ${was.decidedBy} at ${was.decidedAt}` : ' (it needed no second person)'}`);
        return this.apply.execute(was);
      }
    }
  }
}

function ownProposal(approval: ApprovalRecord): ProblemException {
  return new ProblemException(
    'ownProposal',
    `${approval.proposedBy} proposed ${approval.kind.replace('_', ' ')} ${approval.id}: the one who proposes cannot approve or reject it; another person with ${CHECKER_PERMISSION[approval.kind]} decides`,
  );
}
