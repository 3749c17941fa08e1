// Renders a bank statement from a subject's bank plan: month by month, counted back from the
// request's asOf, each month seeded by (national ID, months back), so the last six months of a
// twelve-month statement are exactly the six-month statement, and nothing reads the clock.
// Amounts are percentages of the currency's reference income, in whole major units.
import { addDays, addMonths, compareIsoDates, parseIsoDate } from '../../../domain/calendar.js';
import type { BankStatement, BankTransaction } from '../../../domain/credit-data.js';
import { hashHex, SeededRandom } from '../../../domain/seeded-random.js';
import { referenceIncome } from '../reference-income.js';
import type { BankPlan } from '../subject-profiles.js';
import { CUSTOMERS, EMPLOYERS, FAMILY, GIG_PLATFORMS, GROCERS, LANDLORDS, LENDERS, MERCHANTS, UTILITIES } from './counterparties.js';
import type { StatementRequest } from './statement-request.js';

/** What a returned (bounced) debit costs the account holder, minor units. */
const RETURN_FEE: Readonly<Record<string, number>> = { INR: 59_000, USD: 3_500, EUR: 2_000, GBP: 2_500 };
const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];

export function renderStatement(request: StatementRequest, plan: BankPlan): BankStatement {
  const typical = Math.round((referenceIncome(request.currency) * plan.incomePct) / 100);
  const subject = new SeededRandom(`bank|${request.nationalId.toUpperCase()}`);
  const firstLender = subject.int(0, LENDERS.length - plan.lenders);
  const persona: Persona = {
    plan,
    typical,
    currency: request.currency,
    payday: subject.pick([1, 1, 3, 7]),
    employer: subject.pick(EMPLOYERS),
    landlord: subject.pick(LANDLORDS),
    lenders: LENDERS.slice(firstLender, firstLender + plan.lenders),
    bounceSlots: distinct(subject, Math.min(plan.bouncesPer12m, 12), 12),
  };

  const transactions: BankTransaction[] = [];
  for (let back = request.months; back >= 1; back--) {
    const start = addMonths(request.asOf, -back);
    const end = addMonths(request.asOf, -back + 1);
    transactions.push(...renderMonth(persona, start, end, back, new SeededRandom(`bank|${request.nationalId.toUpperCase()}|${back}`)));
  }
  transactions.sort((a, b) => compareIsoDates(a.date, b.date));

  const net = transactions.reduce((sum, t) => sum + (t.direction === 'credit' ? t.amount : -t.amount), 0);
  let running = whole((typical * plan.openingBalancePct) / 100);
  let lowest = running;
  for (const t of transactions) {
    running += t.direction === 'credit' ? t.amount : -t.amount;
    lowest = Math.min(lowest, running);
  }
  // A savings account cannot go below zero: the money that paid for the dips was there at the start.
  const openingBalance = whole((typical * plan.openingBalancePct) / 100) + (lowest < 0 ? -lowest + whole(typical / 20) : 0);

  const canonical = JSON.stringify(request);
  return {
    statementId: `st_${hashHex(canonical)}${hashHex(`${request.nationalId}|${canonical}`)}`,
    from: addMonths(request.asOf, -request.months),
    to: addDays(request.asOf, -1),
    accounts: [
      {
        accountRef: `XXXXXXXX${String(subject.int(1000, 9999))}`,
        kind: plan.income === 'business' ? 'current' : 'savings',
        currency: request.currency,
        openingBalance,
        closingBalance: openingBalance + net,
        transactions,
      },
    ],
  };
}

interface Persona {
  plan: BankPlan;
  typical: number;
  currency: string;
  payday: number;
  employer: string;
  landlord: string;
  lenders: readonly string[];
  /** which months of every twelve carry a returned debit */
  bounceSlots: ReadonlySet<number>;
}

function renderMonth(p: Persona, start: string, end: string, back: number, rng: SeededRandom): BankTransaction[] {
  const out: BankTransaction[] = [];
  const ref = () => String(rng.int(100_000, 999_999)) + String(rng.int(100_000, 999_999));
  const day = (dayOfMonth: number) => onDay(start, end, dayOfMonth);
  const anyDay = () => addDays(start, rng.int(0, 27));
  const pct = (percent: number) => (p.typical * percent) / 100;

  if (!rng.chance(p.plan.missedIncomePct)) out.push(...income(p, day, anyDay, ref, rng));

  if (p.plan.rentPct > 0) {
    out.push(debit(day(rng.int(2, 5)), whole(pct(p.plan.rentPct)), 'upi', 'rent', `UPI/DR/${ref()}/${p.landlord}/HDFC/RENT`));
  }
  const utilities = pct(p.plan.utilitiesPct);
  if (utilities > 0) {
    out.push(debit(day(12), whole(rng.vary(utilities / 2, 2000)), 'upi', 'utilities', `UPI/DR/${ref()}/${UTILITIES.power}/SBIN/ELECTRICITY BILL`));
    out.push(debit(day(18), whole(utilities / 5), 'ach', 'utilities', `ACH DR ${UTILITIES.mobile} ${ref()}`));
    out.push(debit(day(20), whole((utilities * 3) / 10), 'upi', 'utilities', `UPI/DR/${ref()}/${UTILITIES.broadband}/ICIC/BROADBAND`));
  }

  const bounces = p.bounceSlots.has((back - 1) % 12);
  const emiTotal = pct(p.plan.emiPct);
  p.lenders.forEach((lender, i) => {
    const dueDay = 5 + 3 * i;
    const emi = whole(emiTotal / p.lenders.length);
    if (bounces && i === 0) {
      // The first presentation bounces; the lender re-presents four days later and it clears.
      out.push(debit(day(dueDay), returnFee(p.currency), 'ach', 'bounced', `NACH RTN CHG ${lender} EMI INSUFFICIENT FUNDS`));
      out.push(debit(day(dueDay + 4), emi, 'ach', 'loan_repayment', `NACH DR ${lender} EMI ${ref()} REPRESENTED`));
    } else {
      out.push(debit(day(dueDay), emi, 'ach', 'loan_repayment', `NACH DR ${lender} EMI ${ref()}`));
    }
  });
  if (bounces && p.lenders.length === 0) {
    out.push(debit(day(18), returnFee(p.currency), 'ach', 'bounced', `ACH RTN CHG ${UTILITIES.mobile} INSUFFICIENT FUNDS`));
  }

  const spend = rng.vary(pct(p.plan.spendPct), 2500);
  const purchases = rng.int(10, 22);
  const weights = Array.from({ length: purchases }, () => rng.int(1, 10));
  const weightSum = weights.reduce((a, b) => a + b, 0);
  for (const weight of weights) {
    const amount = whole((spend * weight) / weightSum);
    if (rng.chance(40)) out.push(debit(anyDay(), amount, 'upi', 'groceries', `UPI/DR/${ref()}/${rng.pick(GROCERS)}/YESB/GROCERIES`));
    else if (rng.chance(15)) out.push(debit(anyDay(), amount, 'cash', 'other', `ATM WDL ${ref()}`));
    else out.push(debit(anyDay(), amount, rng.chance(80) ? 'upi' : 'card', 'other', `UPI/DR/${ref()}/${rng.pick(MERCHANTS)}/AXIS/PAYMENT`));
  }
  return out;
}

function income(p: Persona, day: (d: number) => string, anyDay: () => string, ref: () => string, rng: SeededRandom): BankTransaction[] {
  const amount = Math.max(Math.round(p.typical / 10), rng.vary(p.typical, p.plan.incomeSpreadBps));
  switch (p.plan.income) {
    case 'salary': {
      const date = day(p.payday);
      const { month, year } = parseIsoDate(date);
      return [credit(date, whole(amount), 'neft', 'salary', `NEFT CR-${ref().slice(0, 6)}-${p.employer}-SALARY ${MONTHS[month - 1] ?? ''} ${year}`)];
    }
    case 'business':
      return split(amount, rng.int(12, 30), rng).map((part) => credit(anyDay(), part, 'upi', 'business_income', `UPI/CR/${ref()}/${rng.pick(CUSTOMERS)}/KKBK/PAYMENT`));
    case 'gig':
      return split(amount, rng.int(2, 5), rng).map((part) => credit(anyDay(), part, 'imps', 'business_income', `IMPS CR ${ref()} ${rng.pick(GIG_PLATFORMS)} PARTNER PAYOUT`));
    case 'allowance':
      return [credit(day(1), whole(amount), 'upi', 'transfer', `UPI/CR/${ref()}/${rng.pick(FAMILY)}/SBIN/POCKET MONEY`)];
  }
}

/** `total` in `parts` random whole-unit pieces. */
function split(total: number, parts: number, rng: SeededRandom): number[] {
  const weights = Array.from({ length: parts }, () => rng.int(1, 10));
  const sum = weights.reduce((a, b) => a + b, 0);
  return weights.map((w) => whole((total * w) / sum));
}

function credit(date: string, amount: number, channel: BankTransaction['channel'], category: BankTransaction['category'], narration: string): BankTransaction {
  return { date, amount, direction: 'credit', channel, category, narration };
}

function debit(date: string, amount: number, channel: BankTransaction['channel'], category: BankTransaction['category'], narration: string): BankTransaction {
  return { date, amount, direction: 'debit', channel, category, narration };
}

/** Whole major units (all sandbox currencies have two decimals), at least one. */
function whole(minor: number): number {
  return Math.max(100, Math.round(minor / 100) * 100);
}

function returnFee(currency: string): number {
  return RETURN_FEE[currency] ?? 2_500;
}

/**
 * The date in [start, end) that falls on `dayOfMonth`. A month-long window anchored on asOf
 * holds exactly one such date for days 1-27, so a payday never repeats or goes missing.
 */
function onDay(start: string, end: string, dayOfMonth: number): string {
  const { year, month } = parseIsoDate(start);
  const sameMonth = `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(dayOfMonth).padStart(2, '0')}`;
  const date = compareIsoDates(sameMonth, start) >= 0 ? sameMonth : addMonths(sameMonth, 1);
  if (compareIsoDates(date, end) >= 0) throw new RangeError(`day ${dayOfMonth} is not in [${start}, ${end})`);
  return date;
}

function distinct(rng: SeededRandom, count: number, of: number): Set<number> {
  const chosen = new Set<number>();
  while (chosen.size < count) chosen.add(rng.int(0, of - 1));
  return chosen;
}
