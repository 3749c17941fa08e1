// Recovery strategy for a delinquent account, pure: the propensity-to-pay model (1.0.0: P(a
// payment within 30 days)) and a few behaviour features pick one of five segments, each with the
// contact plan it implies. The question each rule asks is the collector's: can they pay, will
// they, and is a nudge, a new schedule or a new plan what gets the money back?
//
// First matching rule:
//   1. Income comes in a few months of the year (or, unmeasured, UPI use is very irregular) and the
//      account is not yet 90+: flexible_schedule (due dates moved into the income months).
//   2. Late arrears (over 30 DPD), low propensity, or a card used to its limit (distress):
//      a. promises broken: field_or_legal (unwilling);
//      b. answers our calls, or the card is maxed (no capacity left), or never called yet: restructure;
//      c. otherwise (called, rarely answers, capacity not exhausted): field_or_legal.
//   3. Early arrears with good propensity: self_cure when propensity is high, they answer calls and
//      mostly paid on time before; reminder otherwise.
// Tuned on the synthetic collections table (models/training/portfolio.md), whose `treatment`
// labels these segments name; simple monotone thresholds, not a fit: run
// models/cli/evaluate-segments.ts for the figures. Every channel listed is still subject to the
// compliance gate (contact windows, frequency caps, opt-outs) contact by contact.

export const RECOVERY_SEGMENTS_POLICY_VERSION = 'recovery-segments/1.0.0';

export const RECOVERY_SEGMENTS = ['self_cure', 'reminder', 'flexible_schedule', 'restructure', 'field_or_legal'] as const;
export type RecoverySegment = (typeof RECOVERY_SEGMENTS)[number];

/**
 * Bands on P(pays within 30 days), basis points. Most delinquent accounts pay (76% in training), so
 * "low" is below 80%: about the worst 37% of accounts on the card's held-out deciles.
 */
export const PROPENSITY_BANDS = { highFrom: 8500, mediumFrom: 8000 } as const;
export type PropensityBand = 'high' | 'medium' | 'low';

export const SEGMENT_THRESHOLDS = {
  /** bucket 1-30 ends here; later arrears are past a nudge */
  earlyDpd: 30,
  /** past 90 DPD a new schedule no longer fits: restructure or recover */
  severeDpd: 90,
  /** share of a year's income earned in its best three months (2,500 = flat) */
  seasonalIncomeBps: 6500,
  /** UPI regularity below this reads as lumpy income when seasonality is unmeasured */
  irregularUpiBps: 2000,
  /** card utilisation at or above this: borrowing to the limit elsewhere */
  cardMaxedBps: 9800,
  /** share of our calls answered */
  engagedBps: 1500,
  /** promises kept below this share: promises are not being kept */
  brokenPromisesBps: 2500,
  selfCureEngagementBps: 3000,
  selfCureOnTimeBps: 7500,
} as const;

/** The behaviour features used, named as on the propensity-to-pay card; null where the card allows it. */
export interface RecoveryFeatures {
  current_dpd: number;
  on_time_payment_ratio_bps: number;
  credit_utilisation_bps: number | null;
  income_seasonality_bps: number | null;
  transaction_regularity_bps: number | null;
  communication_engagement_bps: number | null;
  promises_kept_ratio_bps: number | null;
}

export interface RecoveryInput {
  /** propensity-to-pay: P(payment within 30 days), basis points */
  propensityBps: number;
  features: RecoveryFeatures;
}

export type RecoveryChannel = 'statutory_notice' | 'sms' | 'email' | 'call' | 'field_visit' | 'legal_notice';
export type RecoveryOffer = 'none' | 'due_date_change' | 'restructuring_plan';

export interface ContactPlan {
  channels: RecoveryChannel[];
  /** outbound contacts a week this strategy asks for; the compliance gate may allow fewer */
  maxOutboundPerWeek: number;
  offer: RecoveryOffer;
  cadence: string;
}

export type RecoverySignal =
  | 'SEASONAL_INCOME' | 'IRREGULAR_INCOME' | 'LATE_ARREARS' | 'SEVERE_ARREARS' | 'LOW_PROPENSITY' | 'CARD_MAXED'
  | 'PROMISES_BROKEN' | 'ENGAGED' | 'NEVER_CALLED' | 'LOW_ENGAGEMENT' | 'GOOD_HISTORY';

export interface RecoveryStrategy {
  segment: RecoverySegment;
  propensityBand: PropensityBand;
  /** the facts that decided the segment, for audit */
  signals: RecoverySignal[];
  /** plain words for the collector and the audit log */
  rationale: string;
  plan: ContactPlan;
  policyVersion: string;
}

export function propensityBand(propensityBps: number): PropensityBand {
  if (propensityBps >= PROPENSITY_BANDS.highFrom) return 'high';
  return propensityBps >= PROPENSITY_BANDS.mediumFrom ? 'medium' : 'low';
}

export function segmentRecovery(input: RecoveryInput): RecoveryStrategy {
  const problems = inputProblems(input);
  if (problems.length > 0) throw new RangeError(`invalid recovery input: ${problems.join('; ')}`);
  const f = input.features;
  const t = SEGMENT_THRESHOLDS;
  const band = propensityBand(input.propensityBps);
  const pct = (bps: number) => `${Math.round(bps / 100)}%`;
  const odds = `a ${pct(input.propensityBps)} chance of paying within 30 days`;
  const answers = f.communication_engagement_bps === null ? 'has not been called yet' : `answers ${pct(f.communication_engagement_bps)} of our calls`;
  const decide = (segment: RecoverySegment, signals: RecoverySignal[], rationale: string): RecoveryStrategy => ({
    segment, propensityBand: band, signals, rationale, plan: contactPlan(segment, f.current_dpd), policyVersion: RECOVERY_SEGMENTS_POLICY_VERSION,
  });

  const seasonal = f.income_seasonality_bps !== null ? f.income_seasonality_bps >= t.seasonalIncomeBps : f.transaction_regularity_bps !== null && f.transaction_regularity_bps < t.irregularUpiBps;
  if (seasonal && f.current_dpd <= t.severeDpd) {
    const income = f.income_seasonality_bps !== null ? `earns ${pct(f.income_seasonality_bps)} of a year's income in three months` : `shows very irregular income (UPI regularity ${pct(f.transaction_regularity_bps ?? 0)})`;
    return decide('flexible_schedule', [f.income_seasonality_bps !== null ? 'SEASONAL_INCOME' : 'IRREGULAR_INCOME'], `Falls behind between paydays rather than for good: ${income}. Due dates in the income months should cure it (${f.current_dpd} DPD, ${odds}).`);
  }

  const cardMaxed = f.credit_utilisation_bps !== null && f.credit_utilisation_bps >= t.cardMaxedBps;
  const late = f.current_dpd > t.earlyDpd;
  if (late || band === 'low' || cardMaxed) {
    const weak: RecoverySignal[] = [...(f.current_dpd > t.severeDpd ? ['SEVERE_ARREARS' as const] : late ? ['LATE_ARREARS' as const] : []), ...(band === 'low' ? ['LOW_PROPENSITY' as const] : []), ...(cardMaxed ? ['CARD_MAXED' as const] : [])];
    const situation = `${f.current_dpd} DPD with ${odds}${cardMaxed ? ', and a card used to its limit' : ''}`;
    if (f.promises_kept_ratio_bps !== null && f.promises_kept_ratio_bps < t.brokenPromisesBps) {
      return decide('field_or_legal', [...weak, 'PROMISES_BROKEN'], `Unwilling rather than unable: keeps only ${pct(f.promises_kept_ratio_bps)} of promises to pay (${situation}).`);
    }
    const engaged = f.communication_engagement_bps !== null && f.communication_engagement_bps >= t.engagedBps;
    if (engaged || cardMaxed || f.communication_engagement_bps === null) {
      const why: RecoverySignal[] = [...weak, ...(engaged ? ['ENGAGED' as const] : f.communication_engagement_bps === null ? ['NEVER_CALLED' as const] : [])];
      const reading = engaged || cardMaxed ? `Unable rather than unwilling: ${answers} and is ${situation}` : `Not reached yet (${answers}) and ${situation}: the first call offers a plan rather than pressure`;
      return decide('restructure', why, `${reading}. A plan sized to what they can pay now keeps the account paying.`);
    }
    return decide('field_or_legal', [...weak, 'LOW_ENGAGEMENT'], `Avoids contact despite capacity: ${answers}, no sign of wider distress, ${situation}.`);
  }

  const history = `paid ${pct(f.on_time_payment_ratio_bps)} of instalments on time`;
  if (band === 'high' && (f.communication_engagement_bps ?? 0) >= t.selfCureEngagementBps && f.on_time_payment_ratio_bps >= t.selfCureOnTimeBps) {
    return decide('self_cure', ['ENGAGED', 'GOOD_HISTORY'], `A slip, not a problem: ${f.current_dpd} DPD, ${odds}, ${answers} and ${history}. Likely to pay without being chased.`);
  }
  return decide('reminder', [], `Early arrears (${f.current_dpd} DPD) with ${odds}; ${answers} and ${history}. A reminder with a payment link is usually enough.`);
}

/** Channels and cadence per segment; field_or_legal adds the legal route only past 90 DPD. */
export function contactPlan(segment: RecoverySegment, currentDpd: number): ContactPlan {
  switch (segment) {
    case 'self_cure':
      return { channels: ['statutory_notice'], maxOutboundPerWeek: 0, offer: 'none', cadence: 'No outbound contact beyond statutory notices, which carry a payment link; re-segmented at the next review.' };
    case 'reminder':
      return { channels: ['statutory_notice', 'sms', 'email'], maxOutboundPerWeek: 2, offer: 'none', cadence: 'An SMS and an email with a payment link after the missed due date, again 7 days later if still unpaid; no calls.' };
    case 'flexible_schedule':
      return { channels: ['statutory_notice', 'call', 'sms', 'email'], maxOutboundPerWeek: 2, offer: 'due_date_change', cadence: 'One call to offer moving due dates into the income months (or a short deferral to the next one), confirmed by SMS or email; no chasing while the offer is open.' };
    case 'restructure':
      return { channels: ['statutory_notice', 'call', 'email'], maxOutboundPerWeek: 2, offer: 'restructuring_plan', cadence: 'A collector call to offer a restructuring plan (longer term, lower instalment, a short moratorium where income stopped), sent in writing by email; follow up weekly until agreed.' };
    case 'field_or_legal':
      return currentDpd > SEGMENT_THRESHOLDS.severeDpd
        ? { channels: ['statutory_notice', 'call', 'field_visit', 'legal_notice'], maxOutboundPerWeek: 3, offer: 'none', cadence: 'Recovery: a field visit and a legal notice after the statutory notice period; referral to an agency or legal action if it stays unanswered.' }
        : { channels: ['statutory_notice', 'call', 'field_visit'], maxOutboundPerWeek: 3, offer: 'none', cadence: 'Collector calls across the day and a field visit; a promise to pay is taken only with a date and an amount, and checked on that date.' };
  }
}

function inputProblems({ propensityBps, features: f }: RecoveryInput): string[] {
  const problems: string[] = [];
  const bps = (name: string, value: number | null, nullable: boolean, max = 10_000) => {
    if (value === null ? !nullable : !(Number.isInteger(value) && value >= 0 && value <= max)) problems.push(`${name} must be whole basis points from 0 to ${max}${nullable ? ' or null' : ''}`);
  };
  bps('propensityBps', propensityBps, false);
  if (!Number.isSafeInteger(f.current_dpd) || f.current_dpd < 1) problems.push('current_dpd must be a whole number of days, 1 or more: the account must be delinquent');
  bps('on_time_payment_ratio_bps', f.on_time_payment_ratio_bps, false);
  // Utilisation can pass 100% (interest on a maxed card).
  bps('credit_utilisation_bps', f.credit_utilisation_bps, true, Number.MAX_SAFE_INTEGER);
  for (const name of ['income_seasonality_bps', 'transaction_regularity_bps', 'communication_engagement_bps', 'promises_kept_ratio_bps'] as const) bps(name, f[name], true);
  return problems;
}
