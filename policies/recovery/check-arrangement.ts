// Is a proposed plan, restructure or settlement one a collector may agree alone? Whether the
// terms make sense at all for the loan today is the domain's question (arrangementTermsProblems
// in domain/arrangement-schedule.ts, asked of the loan workflow, which applies the same check):
// a fault is refused (422). `checkArrangement` holds sound terms to the active policy's bounds:
// outside them is not refused, a second person approves it. `checkerReasons` says why a second
// person must approve (the bounds broken, a settlement, a kind the policy always sends to one, a
// policy without bounds, an arrangement already applied within a year); none means it is applied
// at once. Pure: the loan's figures and today come in from the edge.
//
// Re-ageing: every arrangement makes the loan current. One applied within
// REAGE_WINDOW_MONTHS of another needs a second person, and a restructure's extension is
// measured against the schedule's last due date (arrears and a holiday move it too), not just
// the months it adds.
import type { ArrangementInstalment, ArrangementTerms } from '../../domain/arrangements.js';
import { addMonths, compareIsoDates, parseIsoDate, type IsoDate } from '../../domain/calendar.js';
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

/** The loan's arrangements and schedule as they bear on another: from the loan workflow. */
export interface ArrangementHistory {
  /** the arrangement the loan last had applied, if any (active, broken or completed) */
  last: { kind: string; status: string; appliedOn: IsoDate } | null;
  /** the schedule's last due date as it stands */
  currentLastDueOn: IsoDate;
  /** the last due date under the proposed terms */
  lastDueOn: IsoDate;
}

/** A second arrangement within this many months of one applied needs a second person. */
export const REAGE_WINDOW_MONTHS = 12;

const BPS = 10_000;

/** Sound terms (the loan workflow found no problems in them) against the policy's bounds. */
export function checkArrangement(terms: ArrangementTerms, owed: OwedNow, policy: RecoveryPolicyDocument, today: IsoDate, history: ArrangementHistory): ArrangementCheck {
  const bounds = policy.settings.arrangements;
  if (!bounds) return { within: false, violations: [{ bound: '/settings/arrangements', message: 'the policy sets no bounds on arrangements' }] };
  const violations = terms.kind === 'restructure' ? restructureViolations(terms, owed, bounds.restructure, history) : scheduleViolations(terms, owed, bounds, today);
  return violations.length === 0 ? { within: true, violations: [] } : { within: false, violations };
}

function restructureViolations(terms: Extract<ArrangementTerms, { kind: 'restructure' }>, owed: OwedNow, bounds: ArrangementBounds['restructure'], history: ArrangementHistory): BoundViolation[] {
  const at = (name: string) => `/settings/arrangements/restructure/${name}`;
  const out: BoundViolation[] = [];
  // The arrears re-amortised and the holiday lengthen the loan as much as the months added.
  const { currentLastDueOn: from, lastDueOn: to } = history;
  const limit = addMonths(from, bounds.maxExtraMonths, Math.max(parseIsoDate(from).day, parseIsoDate(to).day));
  if (compareIsoDates(to, limit) > 0) {
    out.push({ bound: at('maxExtraMonths'), message: `the last instalment moves from ${from} to ${to}, after ${limit} (${bounds.maxExtraMonths} months beyond the schedule's last due date)` });
  }
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
export function checkerReasons(terms: ArrangementTerms, check: ArrangementCheck, policy: RecoveryPolicyDocument, history: ArrangementHistory, today: IsoDate): string[] {
  const reasons = check.violations.map((v) => `outside the policy's bounds (${v.bound}): ${v.message}`);
  const last = history.last;
  if (last && compareIsoDates(last.appliedOn, addMonths(today, -REAGE_WINDOW_MONTHS)) > 0) {
    reasons.push(`the loan had a ${last.kind} applied on ${last.appliedOn} (now ${last.status}), within ${REAGE_WINDOW_MONTHS} months: a second person approves another (it makes the loan current again)`);
  }
  if (terms.kind === 'settlement') reasons.push('a settlement writes money off: a second person approves every one');
  else if (policy.settings.arrangements?.alwaysApprove.includes(terms.kind)) reasons.push(`the policy has a second person approve every ${terms.kind} (/settings/arrangements/alwaysApprove)`);
  return reasons;
}

function sum(instalments: readonly ArrangementInstalment[]): number {
  return instalments.reduce((total, line) => total + line.amountMinor, 0);
}
