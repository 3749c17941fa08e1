// The loan account a workflow keeps while servicing a loan: what each instalment owes and what
// has been paid against it. Every function returns a new object and leaves its input alone, and
// the state is plain JSON, so it can sit in workflow state and Temporal history as it is.
//
// Rules (stated for auditors in domain/README.md):
// - Waterfall: money goes to instalments due on or before the payment date only, first to all
//   their unpaid fees (oldest instalment first), then all unpaid interest (oldest first), then all
//   unpaid principal (oldest first).
// - A payment that, with the credit balance, covers the payoff quote pays the loan off; the
//   excess is reported as overpayment, to be refunded. Otherwise what the waterfall leaves is
//   kept as creditBalance (an advance) and applied, by the same waterfall, as later instalments
//   fall due (applyCredit).
// - Payoff quote: unpaid fees, unpaid interest of instalments already due, interest accrued in the
//   current period (outstanding principal x aprBps x days since the last due date, or since
//   disbursement in the first period, / (10000 x 365), rounded half up, capped at that
//   instalment's scheduled interest) and all unpaid principal, less the credit balance. Paying off
//   waives the scheduled interest not yet accrued.
// - A payment is netted against the credit balance: the payment is applied first and credit
//   covers the rest, so one operation moves money either from credit (fromCredit) or to it
//   (toCredit), never both ways.
import { compareIsoDates, daysBetween, isIsoDate, type IsoDate } from './calendar.js';
import { isSupportedCurrency } from './currency.js';
import { roundHalfUp, toMinorUnits } from './money.js';
import { MAX_APR_BPS, type ScheduledInstallment } from './schedule.js';

export interface InstallmentAccount {
  seq: number;
  dueDate: IsoDate;
  /** what the instalment charges, minor units */
  principal: number;
  /** scheduled interest; lowered to what actually accrued when the loan is paid off early */
  interest: number;
  fees: number;
  paidPrincipal: number;
  paidInterest: number;
  paidFees: number;
  /** a late fee has been assessed on this instalment: assessing again changes nothing */
  lateFeeAssessed?: boolean;
  /**
   * the part of `interest` that was already earned when an arrangement moved it here (arrears and
   * the interest accrued to the day it was applied, domain/arrangement-schedule.ts): a payoff
   * never waives it. Absent means 0.
   */
  earnedInterest?: number;
  /**
   * the day this instalment's interest starts to accrue, when not the previous due date: a
   * restructure's first instalment, from the day it was applied (what accrued before is in
   * earnedInterest) or the end of its holiday (none accrues in the holiday). Absent for any other.
   */
  accruesFrom?: IsoDate;
}

export interface LoanAccount {
  currency: string;
  aprBps: number;
  disbursedOn: IsoDate;
  installments: InstallmentAccount[];
  /** money received ahead of its due date, minor units, waiting for applyCredit */
  creditBalance: number;
  /** when the last of the loan was paid */
  closedOn?: IsoDate;
}

/** Where the money an operation handled went. fees + interest + principal + toCredit + overpayment = amount + fromCredit. */
export interface Allocation {
  fees: number;
  interest: number;
  principal: number;
  /** drawn from the credit balance (applied, or refunded with the overpayment) */
  fromCredit: number;
  /** added to the credit balance */
  toCredit: number;
  /** paid beyond the payoff quote: to be refunded */
  overpayment: number;
  /** scheduled interest forgiven by an early payoff */
  interestWaived: number;
  /** the account is paid off after this operation */
  paidOff: boolean;
}

export interface AmountsDue {
  fees: number;
  interest: number;
  principal: number;
  total: number;
}

export interface PayoffQuote extends AmountsDue {
  /** the credit balance, already deducted from total */
  credit: number;
  asOf: IsoDate;
}

export interface ServicingResult {
  account: LoanAccount;
  allocation: Allocation;
}

export interface OpenAccountInput {
  currency: string;
  aprBps: number;
  disbursedOn: IsoDate;
  schedule: readonly ScheduledInstallment[];
}

export class ServicingError extends Error {
  override readonly name = 'ServicingError';
}

const ACCRUAL_DENOMINATOR = 10_000n * 365n;

/** Interest on `principal` at `aprBps` for `days` days (actual/365), rounded half up: the daily accrual the payoff quote charges. */
export function accruedInterest(principal: number, aprBps: number, days: number): number {
  return toMinorUnits(roundHalfUp(BigInt(principal) * BigInt(aprBps) * BigInt(days), ACCRUAL_DENOMINATOR), 'accrued interest');
}

export function openAccount({ currency, aprBps, disbursedOn, schedule }: OpenAccountInput): LoanAccount {
  if (!isSupportedCurrency(currency)) throw new ServicingError(`Unsupported currency ${JSON.stringify(currency)}`);
  if (!Number.isInteger(aprBps) || aprBps < 0 || aprBps > MAX_APR_BPS) {
    throw new ServicingError(`aprBps must be a whole number from 0 to ${MAX_APR_BPS}, got ${String(aprBps)}`);
  }
  if (!isIsoDate(disbursedOn)) throw new ServicingError(`disbursedOn must be a real date as YYYY-MM-DD, got ${JSON.stringify(disbursedOn)}`);
  if (schedule.length === 0) throw new ServicingError('The schedule has no instalments');
  let previousDue = disbursedOn;
  const installments = schedule.map((row, index): InstallmentAccount => {
    const where = `Schedule row ${index + 1}`;
    if (row.seq !== index + 1) throw new ServicingError(`${where} has seq ${row.seq}: rows must be numbered 1, 2, 3 ... in order`);
    if (!isIsoDate(row.dueDate) || compareIsoDates(row.dueDate, previousDue) <= 0) {
      throw new ServicingError(`${where} is due ${JSON.stringify(row.dueDate)}: due dates must be real dates, after disbursement and strictly increasing`);
    }
    for (const [name, value] of [['principal', row.principal], ['interest', row.interest]] as const) {
      if (!Number.isSafeInteger(value) || value < 0) throw new ServicingError(`${where}: ${name} must be a non-negative whole number of minor units, got ${String(value)}`);
    }
    if (row.total !== row.principal + row.interest) throw new ServicingError(`${where}: total ${row.total} is not principal + interest`);
    previousDue = row.dueDate;
    return { seq: row.seq, dueDate: row.dueDate, principal: row.principal, interest: row.interest, fees: 0, paidPrincipal: 0, paidInterest: 0, paidFees: 0 };
  });
  if (sum(installments.map((i) => i.principal)) <= 0) throw new ServicingError('The schedule lends no principal');
  return { currency, aprBps, disbursedOn, installments, creditBalance: 0 };
}

/** The unpaid parts of every instalment due on or before asOf. */
export function dueAsOf(account: LoanAccount, asOf: IsoDate): AmountsDue {
  requireAsOf(account, asOf);
  return totals(account.installments.filter((i) => isDue(i, asOf)).map(unpaid));
}

export function outstandingPrincipal(account: LoanAccount): number {
  return sum(account.installments.map((i) => i.principal - i.paidPrincipal));
}

export function isPaidOff(account: LoanAccount): boolean {
  return account.installments.every((i) => unpaid(i).total === 0);
}

export function nextUnpaidDueDate(account: LoanAccount): IsoDate | undefined {
  return account.installments.find((i) => unpaid(i).total > 0)?.dueDate;
}

/** What settles the loan on asOf: see the header for the rule. */
export function payoffQuote(account: LoanAccount, asOf: IsoDate): PayoffQuote {
  requireAsOf(account, asOf);
  const gross = totals(chargedAtPayoff(account, asOf).map(unpaid));
  const credit = account.creditBalance;
  return { ...gross, credit, total: Math.max(0, gross.total - credit), asOf };
}

/** A payment received on asOf, allocated by the waterfall (or paying the loan off). */
export function applyPayment(account: LoanAccount, amount: number, asOf: IsoDate): ServicingResult {
  if (!Number.isSafeInteger(amount) || amount <= 0) {
    throw new ServicingError(`A payment must be a positive whole number of minor units, got ${String(amount)}`);
  }
  requireAsOf(account, asOf);
  return settle(account, amount, asOf);
}

/** Applies the credit balance to what has fallen due by asOf; the workflow calls it on each due date. */
export function applyCredit(account: LoanAccount, asOf: IsoDate): ServicingResult {
  requireAsOf(account, asOf);
  if (account.creditBalance === 0) return { account, allocation: { ...noAllocation(), paidOff: isPaidOff(account) } };
  return settle(account, 0, asOf);
}

/** Adds a late fee to instalment seq once; later calls for the same seq, and calls on a closed loan, change nothing. */
export function assessLateFee(account: LoanAccount, seq: number, fee: number): LoanAccount {
  if (!Number.isSafeInteger(fee) || fee < 0) throw new ServicingError(`A late fee must be a non-negative whole number of minor units, got ${String(fee)}`);
  const index = account.installments.findIndex((i) => i.seq === seq);
  const target = account.installments[index];
  if (target === undefined) throw new ServicingError(`No instalment ${String(seq)}: the loan has ${account.installments.length}`);
  if (account.closedOn !== undefined || target.lateFeeAssessed === true) return account;
  const installments = account.installments.map((i, at) => (at === index ? { ...i, fees: checked(i.fees + fee), lateFeeAssessed: true } : i));
  return { ...account, installments };
}

function settle(account: LoanAccount, payment: number, asOf: IsoDate): ServicingResult {
  if (account.closedOn !== undefined) {
    return { account, allocation: { ...noAllocation(), overpayment: payment, paidOff: true } };
  }
  const charged = chargedAtPayoff(account, asOf);
  const funds = checked(payment + account.creditBalance);
  return funds >= totals(charged.map(unpaid)).total ? payOff(account, charged, funds, asOf) : waterfall(account, payment, asOf);
}

function waterfall(account: LoanAccount, payment: number, asOf: IsoDate): ServicingResult {
  const installments = account.installments.map((i) => ({ ...i }));
  const allocation = noAllocation();
  let remaining = payment + account.creditBalance;
  for (const part of ['fees', 'interest', 'principal'] as const) {
    const paidKey = PAID[part];
    for (const installment of installments) {
      if (!isDue(installment, asOf)) break;
      const take = Math.min(remaining, installment[part] - installment[paidKey]);
      installment[paidKey] += take;
      allocation[part] += take;
      remaining -= take;
    }
  }
  const applied = allocation.fees + allocation.interest + allocation.principal;
  allocation.fromCredit = Math.max(0, applied - payment);
  allocation.toCredit = Math.max(0, payment - applied);
  return { account: { ...account, installments, creditBalance: remaining }, allocation };
}

function payOff(account: LoanAccount, charged: InstallmentAccount[], funds: number, asOf: IsoDate): ServicingResult {
  const allocation = noAllocation();
  const installments = charged.map((i, index): InstallmentAccount => {
    const owed = unpaid(i);
    allocation.fees += owed.fees;
    allocation.interest += owed.interest;
    allocation.principal += owed.principal;
    allocation.interestWaived += (account.installments[index]?.interest ?? i.interest) - i.interest;
    return { ...i, paidFees: i.fees, paidInterest: i.interest, paidPrincipal: i.principal };
  });
  const applied = allocation.fees + allocation.interest + allocation.principal;
  allocation.fromCredit = account.creditBalance;
  allocation.overpayment = funds - applied;
  allocation.paidOff = true;
  return { account: { ...account, installments, creditBalance: 0, closedOn: asOf }, allocation };
}

/**
 * The instalments as they stand if the loan is settled on asOf: interest in full where due, the
 * accrued part (capped at the scheduled interest) in the current period, none after it.
 * Interest already paid is never taken back, nor interest an arrangement moved here already earned.
 */
function chargedAtPayoff(account: LoanAccount, asOf: IsoDate): InstallmentAccount[] {
  const { installments } = account;
  const current = installments.findIndex((i) => !isDue(i, asOf));
  if (current === -1) return installments;
  const principal = outstandingPrincipal(account);
  return installments.map((i, index) => {
    if (index < current) return i;
    const earned = i.earnedInterest ?? 0;
    if (index > current) return { ...i, interest: Math.max(earned, Math.min(i.interest, i.paidInterest)) };
    const periodStart = i.accruesFrom ?? installments[index - 1]?.dueDate ?? account.disbursedOn;
    const accrued = accruedInterest(principal, account.aprBps, Math.max(0, daysBetween(periodStart, asOf)));
    return { ...i, interest: Math.max(i.paidInterest, earned + Math.min(accrued, i.interest - earned)) };
  });
}

const PAID = { fees: 'paidFees', interest: 'paidInterest', principal: 'paidPrincipal' } as const;

function unpaid(i: InstallmentAccount): AmountsDue {
  const fees = i.fees - i.paidFees;
  const interest = i.interest - i.paidInterest;
  const principal = i.principal - i.paidPrincipal;
  return { fees, interest, principal, total: checked(fees + interest + principal) };
}

function totals(parts: AmountsDue[]): AmountsDue {
  const fees = sum(parts.map((p) => p.fees));
  const interest = sum(parts.map((p) => p.interest));
  const principal = sum(parts.map((p) => p.principal));
  return { fees, interest, principal, total: checked(fees + interest + principal) };
}

function isDue(installment: InstallmentAccount, asOf: IsoDate): boolean {
  return compareIsoDates(installment.dueDate, asOf) <= 0;
}

function requireAsOf(account: LoanAccount, asOf: IsoDate): void {
  if (!isIsoDate(asOf)) throw new ServicingError(`asOf must be a real date as YYYY-MM-DD, got ${JSON.stringify(asOf)}`);
  if (compareIsoDates(asOf, account.disbursedOn) < 0) throw new ServicingError(`asOf ${asOf} is before the loan was disbursed on ${account.disbursedOn}`);
}

function noAllocation(): Allocation {
  return { fees: 0, interest: 0, principal: 0, fromCredit: 0, toCredit: 0, overpayment: 0, interestWaived: 0, paidOff: false };
}

function sum(values: number[]): number {
  return values.reduce((total, value) => checked(total + value), 0);
}

function checked(value: number): number {
  if (!Number.isSafeInteger(value)) throw new ServicingError(`An amount (${value}) left the safe integer range`);
  return value;
}
