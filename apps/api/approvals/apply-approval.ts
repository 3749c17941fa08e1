// Applies a proposal once it may be applied (approved by a second person, or needing none), by
// its kind: an arrangement or a write-off through the loan workflow's updates, an activation
// through the one activation path (a promotion through the experiment's). Applied, it is marked
// so with what applying answered; refused for what it asks (the loan closed meanwhile, the version
// no longer validates), it stays approved with the refusal recorded, and the refusal is thrown
// for the caller's answer. A fault that may pass (Temporal unreachable) leaves it approved: the
// checker's retry applies it (the proposal's ID is the arrangement's or write-off's ID, which the
// loan workflow applies once).
import { Injectable } from '@nestjs/common';
import type { ApprovalRecord } from '../../../db/repositories/approval.repository.js';
import { Database } from '../database.js';
import { toProblem } from '../http/problem-mapping.js';
import { RequotePlan } from '../arrangements/requote-plan.js';
import { ApplyArrangementUseCase } from '../loans/apply-arrangement.usecase.js';
import { WriteOffLoanUseCase } from '../loans/write-off.usecase.js';
import { ActivatePolicyVersionUseCase } from '../policies/activate-policy-version.usecase.js';
import { PromoteExperimentUseCase } from '../policies/experiments/promote-experiment.usecase.js';

@Injectable()
export class ApplyApproval {
  constructor(
    private readonly db: Database,
    private readonly arrangements: ApplyArrangementUseCase,
    private readonly writeOffs: WriteOffLoanUseCase,
    private readonly activate: ActivatePolicyVersionUseCase,
    private readonly promote: PromoteExperimentUseCase,
    private readonly requote: RequotePlan,
  ) {}

  async execute(approval: ApprovalRecord): Promise<ApprovalRecord> {
    if (approval.status !== 'approved') return approval;
    let outcome: Record<string, unknown>;
    try {
      outcome = await this.apply(approval);
    } catch (err) {
      const { problem, unexpected, retryAfterSeconds } = toProblem(err, { instance: '', requestId: '' });
      if (!unexpected && retryAfterSeconds === undefined) await this.db.approvals().applyFailed(approval.id, { type: problem.type, detail: problem.detail ?? problem.title });
      throw err;
    }
    return (await this.db.approvals().applied(approval.id, outcome)) ?? approval;
  }

  private async apply(approval: ApprovalRecord): Promise<Record<string, unknown>> {
    const maker = { proposedBy: approval.proposedBy, approvedBy: approval.decidedBy };
    switch (approval.kind) {
      case 'arrangement': {
        // A plan is re-quoted on the day it is applied (requote-plan.ts); the outcome records any adjustment.
        const { terms, requote } = await this.requote.execute(approval);
        const loan = await this.arrangements.execute({ loanId: approval.loanId!, arrangement: { arrangementId: approval.id, terms, ...maker } });
        return { loan, ...(requote ? { requote } : {}) };
      }
      case 'write_off':
        return { loan: await this.writeOffs.execute({ loanId: approval.loanId!, writeOff: { writeOffId: approval.id, reason: String(approval.payload.reason), ...maker } }) };
      case 'policy_activation': {
        // The activation log names the checker: the one whose decision made it active.
        const by = approval.decidedBy ?? approval.proposedBy;
        if (approval.experimentId) return { promotion: await this.promote.execute({ id: approval.experimentId, by }) };
        return { activation: await this.activate.execute({ version: approval.policyVersion!, by }) };
      }
    }
  }
}
