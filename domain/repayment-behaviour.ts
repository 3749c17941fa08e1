// How a borrower has been repaying us, as the servicing-side models read it (the behaviour
// columns of models/training/portfolio.md): months on book, DPD now and over recent months, the
// share of months kept current and how much of what fell due was paid.
//
// Months: the month of instalment k runs from its due date to the next one, and its end is read
// on the next due date (the DPD then says whether instalment k, and any before it, was paid), so
// servicing records one observation on each due date after the first. Between due dates the
// month in progress counts too, with today's DPD: a borrower who has just missed an instalment is
// behind this month, not still on time.
import { addDays, compareIsoDates, type IsoDate } from './calendar.js';
import { daysPastDue } from './delinquency.js';
import type { LoanAccount } from './servicing.js';

/** Monthly observations kept: the longest window a behaviour feature looks back over. */
export const DPD_HISTORY_MONTHS = 6;
/** Instalments the repayment velocity looks back over. */
export const VELOCITY_INSTALMENTS = 3;

export interface DpdHistory {
  /** DPD at the end of the last months, oldest first, at most DPD_HISTORY_MONTHS */
  recent: number[];
  /** months observed since the loan started */
  observed: number;
  /** of those, the months that ended current (0 DPD) */
  current: number;
  /** the date of the latest observation */
  lastOn: IsoDate | null;
}

export interface RepaymentBehaviour {
  monthsOnBook: number;
  currentDpd: number;
  /** the worst month-end DPD over the last six months, the month in progress included */
  maxDpd6m: number;
  /** DPD now less DPD three months before (0 before the loan began) */
  dpdTrend3m: number;
  /** months at 0 DPD over all months observed, basis points, rounded down; 10,000 before any */
  onTimePaymentRatioBps: number;
  /** paid over due on the last VELOCITY_INSTALMENTS instalments due before today, basis points; null when none is */
  repaymentVelocityBps: number | null;
  // What recovery learnt. Optional: loans running code from before recovery send none (read as none yet).
  /** promises to pay made in the 90 days before `on` (recovery's) */
  promiseToPayCount90d?: number;
  /** promises kept over promises that came due, basis points; null before any came due */
  promisesKeptRatioBps?: number | null;
  /** recovery's calls the borrower answered (pressed a key, spoke to us) over calls made, basis points; null before any call */
  communicationEngagementBps?: number | null;
}

/** What recovery learnt of the borrower, carried by the loan across episodes (recovery-episode.ts). */
export interface ContactRecord {
  /** each promise that came due: the day it was made and whether it was kept */
  promises: { madeOn: IsoDate; kept: boolean }[];
  /** promises made and still open, by the day they were made */
  openPromises: IsoDate[];
  calls: number;
  callsAnswered: number;
}

export function contactFeatures(contact: ContactRecord | undefined, on: IsoDate): Required<Pick<RepaymentBehaviour, 'promiseToPayCount90d' | 'promisesKeptRatioBps' | 'communicationEngagementBps'>> {
  if (!contact) return { promiseToPayCount90d: 0, promisesKeptRatioBps: null, communicationEngagementBps: null };
  const since = addDays(on, -90);
  const made = [...contact.promises.map((p) => p.madeOn), ...contact.openPromises].filter((d) => compareIsoDates(d, since) > 0 && compareIsoDates(d, on) <= 0);
  const due = contact.promises.length;
  return {
    promiseToPayCount90d: made.length,
    promisesKeptRatioBps: due === 0 ? null : Math.floor((contact.promises.filter((p) => p.kept).length * 10_000) / due),
    communicationEngagementBps: contact.calls === 0 ? null : Math.floor((Math.min(contact.callsAnswered, contact.calls) * 10_000) / contact.calls),
  };
}

export function emptyDpdHistory(): DpdHistory {
  return { recent: [], observed: 0, current: 0, lastOn: null };
}

/** The history with the end of one more month: its DPD, read on `on`. */
export function observeDpd(history: DpdHistory, dpd: number, on: IsoDate): DpdHistory {
  if (!Number.isSafeInteger(dpd) || dpd < 0) throw new RangeError(`DPD must be a whole number of days, 0 or more, got ${String(dpd)}`);
  return {
    recent: [...history.recent, dpd].slice(-DPD_HISTORY_MONTHS),
    observed: history.observed + 1,
    current: history.current + (dpd === 0 ? 1 : 0),
    lastOn: on,
  };
}

export interface BehaviourInput {
  account: LoanAccount;
  on: IsoDate;
  toleranceMinor: number;
  /** instalments whose due date servicing has handled */
  monthsOnBook: number;
  history: DpdHistory;
  /** what recovery learnt (promises, calls answered); absent before any episode */
  contact?: ContactRecord;
}

export function repaymentBehaviour({ account, on, toleranceMinor, monthsOnBook, history, contact }: BehaviourInput): RepaymentBehaviour {
  const currentDpd = daysPastDue(account, on, toleranceMinor);
  // Observed today, the latest month has just ended and today's DPD is its end; otherwise the
  // month in progress is one more month, as it stands today.
  const inProgress = history.lastOn !== on;
  const months = inProgress ? [...history.recent, currentDpd] : history.recent;
  const observed = history.observed + (inProgress ? 1 : 0);
  const current = history.current + (inProgress && currentDpd === 0 ? 1 : 0);
  return {
    monthsOnBook,
    currentDpd,
    maxDpd6m: Math.max(currentDpd, ...months.slice(-DPD_HISTORY_MONTHS)),
    dpdTrend3m: currentDpd - (months.at(-4) ?? 0),
    onTimePaymentRatioBps: observed === 0 ? 10_000 : Math.floor((current * 10_000) / observed),
    repaymentVelocityBps: repaymentVelocity(account, on),
    ...(contact ? contactFeatures(contact, on) : {}),
  };
}

/**
 * What was paid against the last instalments that fell due before `on`, over what they charged
 * (late fees included). One due today is not late yet, so it does not count against the borrower.
 */
export function repaymentVelocity(account: LoanAccount, on: IsoDate): number | null {
  const fallenDue = account.installments.filter((i) => compareIsoDates(i.dueDate, on) < 0).slice(-VELOCITY_INSTALMENTS);
  const due = fallenDue.reduce((sum, i) => sum + i.principal + i.interest + i.fees, 0);
  if (due === 0) return null;
  const paid = fallenDue.reduce((sum, i) => sum + i.paidPrincipal + i.paidInterest + i.paidFees, 0);
  return Math.floor((paid * 10_000) / due);
}
