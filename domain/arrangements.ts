// Arrangements people agree with a borrower in recovery, which change the loan itself: a
// repayment plan (new dates and amounts, seasonal ones included), a restructure (longer term,
// payment holiday, lower rate) or a settlement (less than is owed, the rest written down when it
// is paid). Proposed by a collector or a borrower's reply, checked against the active recovery
// policy's bounds (a second person approves anything outside them, and every settlement, which
// writes money off), and applied by the loan workflow through the `applyArrangement` update.
// A write-off without a settlement goes through `writeOff`, always with a second person.
import type { IsoDate } from './calendar.js';

export const ARRANGEMENT_KINDS = ['plan', 'restructure', 'settlement'] as const;
export type ArrangementKind = (typeof ARRANGEMENT_KINDS)[number];

export interface ArrangementInstalment {
  dueOn: IsoDate;
  /** minor units of the loan's currency */
  amountMinor: number;
}

export type ArrangementTerms =
  /** pays everything owed when it is applied, on these dates and amounts (no further interest) */
  | { kind: 'plan'; instalments: ArrangementInstalment[] }
  /** the remaining principal re-amortised: over `extraMonths` more, after `holidayMonths` without payments, at `aprBps` when given */
  | { kind: 'restructure'; extraMonths: number; holidayMonths: number; aprBps?: number }
  /** less than is owed, on these dates and amounts; paid in full, the loan ends `settled` and the rest is written down */
  | { kind: 'settlement'; instalments: ArrangementInstalment[] };

/** Who agreed it: the maker, and the checker when the policy's bounds or a write-off needed one. */
export interface ArrangementApproval {
  proposedBy: string;
  approvedBy: string | null;
}

export interface ArrangementCommand extends ArrangementApproval {
  /** the proposal's ID: applying the same arrangement again changes nothing */
  arrangementId: string;
  terms: ArrangementTerms;
}

export interface WriteOffCommand extends ArrangementApproval {
  /** the approved request's ID: writing off again changes nothing */
  writeOffId: string;
  reason: string;
}
