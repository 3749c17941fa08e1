// Adverse-action reasons (Regulation B, 12 CFR 1002.9): specific, in plain words, the principal
// reasons the score is not higher. Texts follow the model notice (Appendix C, form C-1) where it
// has one and the bureau key-factor wording where it does not. Codes are stable: letters store them.
import type { AdverseActionReason } from '../../domain/credit.js';

export const REASONS = {
  DELINQUENCY: 'Delinquent past or present credit obligations with others',
  DELINQUENCY_LEVEL: 'Level of delinquency on accounts',
  DEROGATORY: 'Charged-off account or public record on credit report',
  UTILISATION: 'Proportion of balances to credit limits on revolving accounts is too high',
  HISTORY_LENGTH: 'Insufficient length of credit history',
  LIMITED_EXPERIENCE: 'Limited credit experience',
  INQUIRIES: 'Number of recent inquiries on credit bureau report',
  OBLIGATIONS: 'Excessive obligations in relation to income',
  RETURNED_PAYMENTS: 'Payments returned unpaid on bank account',
  INCOME_UNVERIFIED: 'Unable to verify income',
  IRREGULAR_INCOME: 'Temporary or irregular employment',
  CASH_FLOW: 'Insufficient income after regular expenses',
  BANK_HISTORY: 'Insufficient length of bank account history',
  NO_CREDIT_FILE: 'No credit file',
  INSUFFICIENT_INCOME: 'Income insufficient for amount of credit requested',
} as const;

export type ReasonCode = keyof typeof REASONS;

export function reason(code: ReasonCode): AdverseActionReason {
  return { code, text: REASONS[code] };
}

/** Reg B asks for the principal reasons; more than four is not meaningful to the applicant. */
export const MAX_REASONS = 4;
