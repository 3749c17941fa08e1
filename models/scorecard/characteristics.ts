// The two points tables. Each characteristic bins one feature into attributes; an applicant's
// score is the card's base points plus the points of the attribute they fall in, for every
// characteristic. README.md in this folder prints these tables; a spec keeps the two in step.
// Bins are [min, below): min inclusive, below exclusive; `missing` catches a null feature.
import type { ScorecardFeatures } from './features.js';
import type { ReasonCode } from './reasons.js';

export const SCORECARD_NAME = 'credence-points-scorecard';
/** Bump on any change to a bin, a point value, the base points or the scaling. */
export const SCORECARD_VERSION = '1.0.0';

export interface Attribute {
  label: string;
  points: number;
  missing?: true;
  min?: number;
  below?: number;
}

type NumericFeature = { [K in keyof ScorecardFeatures]: ScorecardFeatures[K] extends number | null ? K : never }[keyof ScorecardFeatures];

export interface Characteristic {
  id: string;
  name: string;
  feature: NumericFeature;
  attributes: Attribute[];
  /** the reason given when this characteristic costs points */
  reason: ReasonCode;
  /** the reason when the feature is missing, if different */
  missingReason?: ReasonCode;
}

export interface Scorecard {
  id: 'thick_file' | 'thin_file';
  name: string;
  basePoints: number;
  characteristics: Characteristic[];
}

const missing = (points: number): Attribute => ({ label: 'missing', points, missing: true });

export const THICK_FILE_CARD: Scorecard = {
  id: 'thick_file',
  name: 'Bureau file with tradelines (+ statement when available)',
  basePoints: 170,
  characteristics: [
    {
      id: 'payment_history',
      name: 'On-time payments, 24 months (bps)',
      feature: 'onTimeRatioBps',
      reason: 'DELINQUENCY',
      missingReason: 'LIMITED_EXPERIENCE',
      attributes: [missing(45), { label: '>= 9900', min: 9900, points: 80 }, { label: '9500-9899', min: 9500, below: 9900, points: 65 }, { label: '9000-9499', min: 9000, below: 9500, points: 45 }, { label: '8000-8999', min: 8000, below: 9000, points: 25 }, { label: '< 8000', below: 8000, points: 5 }],
    },
    {
      id: 'worst_delinquency',
      name: 'Worst days past due, 24 months',
      feature: 'worstDpd24m',
      reason: 'DELINQUENCY_LEVEL',
      attributes: [missing(60), { label: '0', below: 1, points: 75 }, { label: '1-29', min: 1, below: 30, points: 60 }, { label: '30-59', min: 30, below: 60, points: 40 }, { label: '60-89', min: 60, below: 90, points: 20 }, { label: '>= 90', min: 90, points: 0 }],
    },
    {
      id: 'revolving_utilisation',
      name: 'Revolving utilisation (bps)',
      feature: 'revolvingUtilisationBps',
      reason: 'UTILISATION',
      missingReason: 'LIMITED_EXPERIENCE',
      attributes: [missing(45), { label: '< 1000', below: 1000, points: 70 }, { label: '1000-2999', min: 1000, below: 3000, points: 62 }, { label: '3000-4999', min: 3000, below: 5000, points: 50 }, { label: '5000-7499', min: 5000, below: 7500, points: 35 }, { label: '7500-8999', min: 7500, below: 9000, points: 20 }, { label: '>= 9000', min: 9000, points: 8 }],
    },
    {
      id: 'credit_history_length',
      name: 'Months since oldest tradeline opened',
      feature: 'monthsSinceOldestTradeline',
      reason: 'HISTORY_LENGTH',
      missingReason: 'LIMITED_EXPERIENCE',
      attributes: [missing(10), { label: '< 12', below: 12, points: 15 }, { label: '12-35', min: 12, below: 36, points: 30 }, { label: '36-71', min: 36, below: 72, points: 45 }, { label: '72-119', min: 72, below: 120, points: 58 }, { label: '>= 120', min: 120, points: 68 }],
    },
    {
      id: 'recent_inquiries',
      name: 'Hard inquiries, 6 months',
      feature: 'hardInquiries6m',
      reason: 'INQUIRIES',
      attributes: [missing(45), { label: '0', below: 1, points: 60 }, { label: '1', min: 1, below: 2, points: 55 }, { label: '2', min: 2, below: 3, points: 45 }, { label: '3-4', min: 3, below: 5, points: 30 }, { label: '>= 5', min: 5, points: 12 }],
    },
    {
      id: 'derogatory_records',
      name: 'Charge-offs + public records',
      feature: 'derogatoryRecords',
      reason: 'DEROGATORY',
      attributes: [missing(45), { label: '0', below: 1, points: 70 }, { label: '1', min: 1, below: 2, points: 20 }, { label: '>= 2', min: 2, points: 0 }],
    },
    {
      id: 'debt_to_income',
      name: 'Loan repayments / income (bps)',
      feature: 'dtiBps',
      reason: 'OBLIGATIONS',
      missingReason: 'INCOME_UNVERIFIED',
      attributes: [missing(30), { label: '< 1500', below: 1500, points: 65 }, { label: '1500-2999', min: 1500, below: 3000, points: 55 }, { label: '3000-3999', min: 3000, below: 4000, points: 40 }, { label: '4000-4999', min: 4000, below: 5000, points: 25 }, { label: '>= 5000', min: 5000, points: 10 }],
    },
    {
      id: 'returned_payments',
      name: 'Bounced debits on statement',
      feature: 'bouncedDebits',
      reason: 'RETURNED_PAYMENTS',
      missingReason: 'INCOME_UNVERIFIED',
      attributes: [missing(30), { label: '0', below: 1, points: 50 }, { label: '1', min: 1, below: 2, points: 35 }, { label: '2-3', min: 2, below: 4, points: 18 }, { label: '>= 4', min: 4, points: 0 }],
    },
  ],
};

export const THIN_FILE_CARD: Scorecard = {
  id: 'thin_file',
  name: 'No bureau file: bank / UPI transactions',
  basePoints: 200,
  characteristics: [
    {
      id: 'income_months',
      name: 'Months with income credits',
      feature: 'monthsWithIncome',
      reason: 'INCOME_UNVERIFIED',
      attributes: [missing(0), { label: '>= 12', min: 12, points: 85 }, { label: '9-11', min: 9, below: 12, points: 65 }, { label: '6-8', min: 6, below: 9, points: 40 }, { label: '3-5', min: 3, below: 6, points: 20 }, { label: '< 3', below: 3, points: 0 }],
    },
    {
      id: 'income_regularity',
      name: 'Income coefficient of variation (bps)',
      feature: 'incomeCvBps',
      reason: 'IRREGULAR_INCOME',
      missingReason: 'INCOME_UNVERIFIED',
      attributes: [missing(0), { label: '< 1000', below: 1000, points: 90 }, { label: '1000-2499', min: 1000, below: 2500, points: 70 }, { label: '2500-3999', min: 2500, below: 4000, points: 45 }, { label: '4000-5999', min: 4000, below: 6000, points: 25 }, { label: '>= 6000', min: 6000, points: 5 }],
    },
    {
      id: 'net_cash_flow',
      name: 'Net inflow / income (bps)',
      feature: 'netInflowRateBps',
      reason: 'CASH_FLOW',
      missingReason: 'INCOME_UNVERIFIED',
      attributes: [missing(0), { label: '>= 2000', min: 2000, points: 60 }, { label: '1000-1999', min: 1000, below: 2000, points: 50 }, { label: '500-999', min: 500, below: 1000, points: 40 }, { label: '0-499', min: 0, below: 500, points: 25 }, { label: '< 0', below: 0, points: 5 }],
    },
    {
      id: 'returned_payments',
      name: 'Bounced debits on statement',
      feature: 'bouncedDebits',
      reason: 'RETURNED_PAYMENTS',
      missingReason: 'INCOME_UNVERIFIED',
      attributes: [missing(0), { label: '0', below: 1, points: 70 }, { label: '1', min: 1, below: 2, points: 45 }, { label: '2-3', min: 2, below: 4, points: 20 }, { label: '>= 4', min: 4, points: 0 }],
    },
    {
      id: 'debt_to_income',
      name: 'Loan repayments / income (bps)',
      feature: 'dtiBps',
      reason: 'OBLIGATIONS',
      missingReason: 'INCOME_UNVERIFIED',
      attributes: [missing(0), { label: '< 1500', below: 1500, points: 65 }, { label: '1500-2999', min: 1500, below: 3000, points: 50 }, { label: '3000-3999', min: 3000, below: 4000, points: 35 }, { label: '4000-4999', min: 4000, below: 5000, points: 20 }, { label: '>= 5000', min: 5000, points: 5 }],
    },
    {
      id: 'banking_history',
      name: 'Months of statement',
      feature: 'statementMonths',
      reason: 'BANK_HISTORY',
      missingReason: 'NO_CREDIT_FILE',
      attributes: [missing(0), { label: '>= 12', min: 12, points: 45 }, { label: '6-11', min: 6, below: 12, points: 30 }, { label: '3-5', min: 3, below: 6, points: 15 }, { label: '< 3', below: 3, points: 0 }],
    },
  ],
};

/** The attribute a feature value falls in; every characteristic covers every value. */
export function attributeFor(characteristic: Characteristic, value: number | null): Attribute {
  const found = characteristic.attributes.find((a) => (value === null ? a.missing === true : !a.missing && (a.min === undefined || value >= a.min) && (a.below === undefined || value < a.below)));
  if (!found) throw new RangeError(`${characteristic.id}: no attribute for ${String(value)}`);
  return found;
}

export function bestPoints(characteristic: Characteristic): number {
  return Math.max(...characteristic.attributes.map((a) => a.points));
}
