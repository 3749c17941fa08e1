// The figures of a validation notice (12 CFR 1006.34(c)(2), model form B-1) and of the pay page,
// from the loan's records only: its schedule and payments as projected, and the credit balance the
// ledger holds. Pure integer arithmetic on minor units.
//
// Itemization date: the transaction date, 1006.34(b)(3)(iv) (the day the loan was disbursed: one
// date every loan has, imported ones included). Since then the borrower was charged the interest
// of every instalment that has fallen due and every late fee assessed, and paid what the payments
// brought in (less any overpayment returned). Interest of instalments not yet due is not owed
// today (a payoff waives it), so it is not in the current amount: the current amount is the unpaid
// principal, the unpaid interest and fees already due, less the credit balance.
import { addDays, type IsoDate } from '../calendar.js';
import type { ScheduleLineView } from '../loan-view.js';
import { addUsBusinessDays } from '../us-business-days.js';

/** Days after the assumed receipt that the validation period runs (1006.34(b)(5)). */
export const VALIDATION_PERIOD_DAYS = 30;
/** Business days after it was provided that receipt is assumed (1006.34(b)(5)). */
export const ASSUMED_RECEIPT_BUSINESS_DAYS = 5;

export interface NoticeRecords {
  currency: string;
  /** what was lent (the projection's principal) */
  principal: number;
  disbursedOn: IsoDate;
  schedule: readonly ScheduleLineView[];
  /** every payment applied to the loan, with what of it was returned as overpayment */
  payments: readonly { amount: number; overpayment: number }[];
  /** money received ahead of its due date, held for the borrower (ledger: borrower_advances) */
  creditBalance: number;
  /** the first communication about the debt, if one has gone out */
  firstCommunicationOn: IsoDate | null;
}

export interface Itemization {
  currency: string;
  itemizationDate: IsoDate;
  /** the debt on the itemization date */
  amountThen: number;
  interest: number;
  fees: number;
  paymentsAndCredits: number;
  /** amountThen + interest + fees - paymentsAndCredits */
  amountNow: number;
}

export interface NoticeFigures {
  itemization: Itemization;
  /** instalments due and unpaid */
  overdue: number;
  /** the validation period's last day, once the first communication has gone out */
  validationEndsOn: IsoDate | null;
}

const hasFallenDue = (line: ScheduleLineView) => line.status !== 'upcoming';
const sum = (values: number[]) => values.reduce((s, v) => s + v, 0);

export function noticeFigures(r: NoticeRecords): NoticeFigures {
  const due = r.schedule.filter(hasFallenDue);
  const interest = sum(due.map((l) => l.interest));
  const fees = sum(r.schedule.map((l) => l.fees));
  const paymentsAndCredits = sum(r.payments.map((p) => p.amount - p.overpayment));
  return {
    itemization: {
      currency: r.currency,
      itemizationDate: r.disbursedOn,
      amountThen: r.principal,
      interest,
      fees,
      paymentsAndCredits,
      amountNow: r.principal + interest + fees - paymentsAndCredits,
    },
    overdue: sum(r.schedule.filter((l) => l.status === 'due' || l.status === 'past_due').map((l) => l.amountDue - l.amountPaid)),
    validationEndsOn: r.firstCommunicationOn === null ? null : validationPeriodEnd(r.firstCommunicationOn),
  };
}

/** What the records say is owed now, counted the other way: unpaid principal, unpaid interest and fees due, less credit. */
export function balanceOwed(r: Pick<NoticeRecords, 'schedule' | 'creditBalance'>): number {
  const unpaidDue = sum(r.schedule.filter(hasFallenDue).map((l) => l.amountDue - l.amountPaid));
  const principalNotDue = sum(r.schedule.filter((l) => !hasFallenDue(l)).map((l) => l.principal - l.amountPaid));
  return unpaidDue + principalNotDue - r.creditBalance;
}

/** 30 days after receipt, receipt assumed 5 business days after the notice was provided. */
export function validationPeriodEnd(providedOn: IsoDate): IsoDate {
  return addDays(addUsBusinessDays(providedOn, ASSUMED_RECEIPT_BUSINESS_DAYS), VALIDATION_PERIOD_DAYS);
}
