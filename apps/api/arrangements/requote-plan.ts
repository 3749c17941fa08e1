// A plan pays exactly what is owed, and interest accrues daily: one that waited for a checker
// owes more on the day it is approved than on the day it was proposed. On approval the plan is
// re-quoted: the difference (interest accrued since, or a payment that came in) goes on its last
// instalment, as lenders do, and the terms applied, adjusted, are recorded in the approval's
// outcome (`requote`). Terms that still do not fit the loan (an instalment date now passed, a
// payment larger than the last instalment) cannot be mended that way: the approval is refused
// with a 409 telling the checker to reject it and have it proposed again. Settlements and
// restructures carry no amount that must match what is owed, and pass unchanged.
import { Injectable } from '@nestjs/common';
import type { ApprovalRecord } from '../../../db/repositories/approval.repository.js';
import type { ArrangementTerms } from '../../../domain/arrangements.js';
import { ProblemException } from '../http/problem.js';
import { GetArrangementBasisUseCase } from '../loans/get-arrangement-basis.usecase.js';

export interface Requote {
  /** what the plan's instalments added up to (what was owed when it was proposed) */
  proposedMinor: number;
  /** what is owed on the day it is applied */
  owedMinor: number;
  /** added to the last instalment (negative: taken off it) */
  adjustmentMinor: number;
  asOf: string;
  /** the terms applied */
  terms: ArrangementTerms;
}

@Injectable()
export class RequotePlan {
  constructor(private readonly basis: GetArrangementBasisUseCase) {}

  /** The terms to apply for the approval: as proposed, or a plan's with its last instalment adjusted (and the requote saying so). */
  async execute(approval: ApprovalRecord): Promise<{ terms: ArrangementTerms; requote?: Requote }> {
    const terms = approval.payload.terms as ArrangementTerms;
    if (terms.kind !== 'plan') return { terms };
    const loanId = approval.loanId!;
    const basis = await this.basis.execute({ loanId });
    const proposedMinor = terms.instalments.reduce((sum, i) => sum + i.amountMinor, 0);
    const adjustmentMinor = basis.owed.total - proposedMinor;
    const last = terms.instalments.at(-1)!;
    const adjusted: ArrangementTerms = adjustmentMinor === 0 ? terms : { kind: 'plan', instalments: [...terms.instalments.slice(0, -1), { ...last, amountMinor: last.amountMinor + adjustmentMinor }] };
    const { problems } = await this.basis.preview(loanId, adjusted, basis.asOf);
    if (problems.length > 0) {
      const owing = adjustmentMinor === 0 ? '' : ` (${basis.owed.total} ${basis.currency} is owed on ${basis.asOf}, ${proposedMinor} when it was proposed)`;
      throw new ProblemException(
        'arrangementOutdated',
        `plan ${approval.id} no longer fits the loan${owing}: ${problems.map((p) => p.message).join('; ')}. Reject it and have it proposed again`,
        problems.map((p) => ({ field: p.field.replace(/^terms\.?/, '') || 'kind', message: p.message })),
      );
    }
    if (adjustmentMinor === 0) return { terms };
    return { terms: adjusted, requote: { proposedMinor, owedMinor: basis.owed.total, adjustmentMinor, asOf: basis.asOf, terms: adjusted } };
  }
}
