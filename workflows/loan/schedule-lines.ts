// The repayment schedule as borrowers and ops read it: each instalment's amounts and whether it
// is paid, due today, past due or still to come.
import { compareIsoDates, type IsoDate } from '../../domain/calendar.js';
import type { ScheduleLineView } from '../../domain/loan-view.js';
import type { LoanAccount } from '../../domain/servicing.js';

export function scheduleLines(account: LoanAccount, asOf: IsoDate): ScheduleLineView[] {
  return account.installments.map((i) => {
    const amountDue = i.principal + i.interest + i.fees;
    const amountPaid = i.paidPrincipal + i.paidInterest + i.paidFees;
    const order = compareIsoDates(i.dueDate, asOf);
    const status: ScheduleLineView['status'] = amountPaid >= amountDue ? 'paid' : order > 0 ? 'upcoming' : order === 0 ? 'due' : 'past_due';
    return { seq: i.seq, dueDate: i.dueDate, principal: i.principal, interest: i.interest, fees: i.fees, amountDue, amountPaid, status };
  });
}
