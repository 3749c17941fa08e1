// The loan's arrangement as its workflow keeps it (in the record's state, carried across
// continue-as-new) and shows it: which instalments are the arrangement's and how each is paid.
import type { IsoDate } from '../../domain/calendar.js';
import type { ArrangementKind, ArrangementTerms } from '../../domain/arrangements.js';
import type { ArrangementView } from '../../domain/loan-view.js';
import type { AmountsDue, LoanAccount } from '../../domain/servicing.js';

export interface ArrangementState {
  id: string;
  kind: ArrangementKind;
  terms: ArrangementTerms;
  status: ArrangementView['status'];
  appliedOn: IsoDate;
  brokenOn?: IsoDate;
  proposedBy: string;
  approvedBy: string | null;
  owedMinor: number;
  /** a settlement's forgiven part (principal still on the books until the write-down) */
  writeDown: AmountsDue;
  /** the first instalment (seq) the arrangement put on the account */
  firstSeq: number;
}

export function arrangementView(a: ArrangementState, account: LoanAccount): ArrangementView {
  return {
    id: a.id,
    kind: a.kind,
    terms: a.terms,
    status: a.status,
    appliedOn: a.appliedOn,
    proposedBy: a.proposedBy,
    approvedBy: a.approvedBy,
    owedMinor: a.owedMinor,
    writeDownMinor: a.writeDown.total,
    instalments: account.installments
      .filter((i) => i.seq >= a.firstSeq)
      .map((i) => ({ seq: i.seq, dueOn: i.dueDate, amountMinor: i.principal + i.interest + i.fees, paidMinor: i.paidPrincipal + i.paidInterest + i.paidFees })),
  };
}
