// Is a proposed plan, restructure or settlement one a collector may agree alone? Two questions,
// kept apart because they are answered differently: `arrangementFaults` says whether the terms
// make sense at all for this loan today (dates in order and not past, a plan that pays what is
// owed, a settlement that pays less): a fault is refused (422). `checkArrangement` holds sound
// terms to the active policy's bounds: outside them is not refused, a second person approves it.
// `checkerReasons` says why a second person must approve (the bounds broken, a settlement, a kind
// the policy always sends to one, a policy without bounds); none means it is applied at once.
// Pure: the loan's figures and today come in from the edge.
import type { ArrangementInstalment, ArrangementTerms } from '../../domain/arrangements.js';
import { addMonths, compareIsoDates, isIsoDate, type IsoDate } from '../../domain/calendar.js';
import type { ArrangementBounds, RecoveryPolicyDocument } from './policy-document.js';

/** What the loan owes when the arrangement is proposed. */
export interface OwedNow {
  /** everything owed, minor units of `currency` */
  totalMinor: number;
  currency: string;
  /** the loan's APR today, basis points; null when it has none (not yet priced) */
  aprBps: number | null;
}

/** A bound the terms break: its JSON Pointer into the policy document, and what was proposed. */
export interface BoundViolation {
  bound: string;
  message: string;
}

export type ArrangementCheck = { within: true; violations: [] } | { within: false; violations: BoundViolation[] };

export interface ArrangementFault {
  field: string;
  message: string;
}

const BPS = 10_000;

export function arrangementFaults(terms: ArrangementTerms, owed: OwedNow, today: IsoDate): ArrangementFault[] {
  if (terms.kind === 'restructure') {
    return owed.aprBps !== null && terms.aprBps !== undefined && terms.aprBps > owed.aprBps
      ? [{ field: 'aprBps', message: `a restructure lowers the rate or keeps it: ${terms.aprBps} is above the loan's ${owed.aprBps}` }]
      : [];
  }
  const faults = instalmentFaults(terms.instalments, today);
  if (faults.length > 0) return faults;
  const total = sum(terms.instalments);
  if (terms.kind === 'plan' && total !== owed.totalMinor) {
    faults.push({ field: 'instalments', message: `a plan pays everything owed: its instalments add up to ${total}, and ${owed.totalMinor} ${owed.currency} is owed (for less, propose a settlement)` });
  }
  if (terms.kind === 'settlement' && total >= owed.totalMinor) {
    faults.push({ field: 'instalments', message: `a settlement pays less than is owed: its instalments add up to ${total}, and ${owed.totalMinor} ${owed.currency} is owed (for all of it, propose a plan)` });
  }
  return faults;
}

function instalmentFaults(instalments: readonly ArrangementInstalment[], today: IsoDate): ArrangementFault[] {
  const faults: ArrangementFault[] = [];
  instalments.forEach((line, i) => {
    if (!isIsoDate(line.dueOn)) faults.push({ field: `instalments[${i}].dueOn`, message: 'must be a date, YYYY-MM-DD' });
    else if (compareIsoDates(line.dueOn, today) < 0) faults.push({ field: `instalments[${i}].dueOn`, message: `${line.dueOn} is before today (${today})` });
    else if (i > 0 && isIsoDate(instalments[i - 1]!.dueOn) && compareIsoDates(line.dueOn, instalments[i - 1]!.dueOn) <= 0) {
      faults.push({ field: `instalments[${i}].dueOn`, message: `${line.dueOn} is not after the instalment before it (${instalments[i - 1]!.dueOn}): instalments are in date order, one a day at most` });
    }
    if (!Number.isSafeInteger(line.amountMinor) || line.amountMinor < 1) faults.push({ field: `instalments[${i}].amountMinor`, message: 'must be a whole number of minor units, 1 or more' });
  });
  return faults;
}

/** Sound terms (arrangementFaults found none) against the policy's bounds. */
export function checkArrangement(terms: ArrangementTerms, owed: OwedNow, policy: RecoveryPolicyDocument, today: IsoDate): ArrangementCheck {
  const bounds = policy.settings.arrangements;
  if (!bounds) return { within: false, violations: [{ bound: '/settings/arrangements', message: 'the policy sets no bounds on arrangements' }] };
  const violations = terms.kind === 'restructure' ? restructureViolations(terms, owed, bounds.restructure) : scheduleViolations(terms, owed, bounds, today);
  return violations.length === 0 ? { within: true, violations: [] } : { within: false, violations };
}

function restructureViolations(terms: Extract<ArrangementTerms, { kind: 'restructure' }>, owed: OwedNow, bounds: ArrangementBounds['restructure']): BoundViolation[] {
  const at = (name: string) => `/settings/arrangements/restructure/${name}`;
  const out: BoundViolation[] = [];
  if (terms.extraMonths > bounds.maxExtraMonths) out.push({ bound: at('maxExtraMonths'), message: `${terms.extraMonths} extra months, over the ${bounds.maxExtraMonths} allowed` });
  if (terms.holidayMonths > bounds.maxHolidayMonths) out.push({ bound: at('maxHolidayMonths'), message: `a holiday of ${terms.holidayMonths} months, over the ${bounds.maxHolidayMonths} allowed` });
  if (terms.aprBps !== undefined) {
    if (terms.aprBps < bounds.minAprBps) out.push({ bound: at('minAprBps'), message: `an APR of ${terms.aprBps} bps, below the ${bounds.minAprBps} allowed` });
    if (owed.aprBps === null) out.push({ bound: at('maxRateCutBps'), message: 'the loan has no APR to cut from' });
    else if (owed.aprBps - terms.aprBps > bounds.maxRateCutBps) out.push({ bound: at('maxRateCutBps'), message: `a cut of ${owed.aprBps - terms.aprBps} bps (from ${owed.aprBps}), over the ${bounds.maxRateCutBps} allowed` });
  }
  return out;
}

function scheduleViolations(terms: Extract<ArrangementTerms, { kind: 'plan' | 'settlement' }>, owed: OwedNow, bounds: ArrangementBounds, today: IsoDate): BoundViolation[] {
  const kind = terms.kind;
  const limits = bounds[kind];
  const at = (name: string) => `/settings/arrangements/${kind}/${name}`;
  const out: BoundViolation[] = [];
  const count = terms.instalments.length;
  if (count > limits.maxInstalments) out.push({ bound: at('maxInstalments'), message: `${count} instalments, over the ${limits.maxInstalments} allowed` });
  const last = terms.instalments[count - 1]?.dueOn;
  const horizon = addMonths(today, limits.maxMonths);
  if (last !== undefined && compareIsoDates(last, horizon) > 0) out.push({ bound: at('maxMonths'), message: `the last instalment on ${last}, after ${horizon} (${limits.maxMonths} months from ${today})` });
  if (kind === 'plan') {
    const minimum = Math.ceil((owed.totalMinor * bounds.plan.minInstalmentBps) / BPS);
    const smallest = Math.min(...terms.instalments.map((l) => l.amountMinor));
    if (smallest < minimum) out.push({ bound: at('minInstalmentBps'), message: `an instalment of ${smallest}, below ${minimum} ${owed.currency} (${bounds.plan.minInstalmentBps} bps of ${owed.totalMinor} owed)` });
  } else {
    const minimum = Math.ceil((owed.totalMinor * bounds.settlement.minShareBps) / BPS);
    const total = sum(terms.instalments);
    if (total < minimum) out.push({ bound: at('minShareBps'), message: `${total} in all, below ${minimum} ${owed.currency} (${bounds.settlement.minShareBps} bps of ${owed.totalMinor} owed)` });
  }
  return out;
}

/** Why a second person must approve the arrangement; empty when the proposer may apply it alone. */
export function checkerReasons(terms: ArrangementTerms, check: ArrangementCheck, policy: RecoveryPolicyDocument): string[] {
  const reasons = check.violations.map((v) => `outside the policy's bounds (${v.bound}): ${v.message}`);
  if (terms.kind === 'settlement') reasons.push('a settlement writes money off: a second person approves every one');
  else if (policy.settings.arrangements?.alwaysApprove.includes(terms.kind)) reasons.push(`the policy has a second person approve every ${terms.kind} (/settings/arrangements/alwaysApprove)`);
  return reasons;
}

function sum(instalments: readonly ArrangementInstalment[]): number {
  return instalments.reduce((total, line) => total + line.amountMinor, 0);
}
