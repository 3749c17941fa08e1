// When a late fee falls due: once per instalment, on the day it is the product's lateFeeAfterDays
// past its due date, if more than the tolerance is still unpaid then. One rule for servicing's
// daily check (workflows/loan/delinquency.ts) and for an imported loan's history
// (imported-history.ts), so a book brought in from elsewhere is charged as ours would have been.
import { addDays, compareIsoDates, type IsoDate } from './calendar.js';
import type { Product } from './product.js';
import type { LoanAccount } from './servicing.js';

export interface LateFeeRule {
  /** minor units of the loan's currency; 0 charges none */
  fee: number;
  afterDays: number;
  toleranceMinor: number;
}

/** The instalments (seq, oldest first) whose late fee is due by `on` and not yet assessed. */
export function lateFeesDue(account: LoanAccount, rule: LateFeeRule, on: IsoDate): number[] {
  if (rule.fee === 0) return [];
  const due: number[] = [];
  for (const inst of account.installments) {
    if (inst.lateFeeAssessed) continue;
    if (compareIsoDates(addDays(inst.dueDate, rule.afterDays), on) > 0) break;
    const unpaid = inst.principal + inst.interest + inst.fees - (inst.paidPrincipal + inst.paidInterest + inst.paidFees);
    if (unpaid > rule.toleranceMinor) due.push(inst.seq);
  }
  return due;
}

/** The product's rule for a loan in `currency`. */
export function lateFeeRuleOf(product: Pick<Product, 'lateFee' | 'lateFeeAfterDays' | 'dpdToleranceMinor'>, currency: string): LateFeeRule {
  return { fee: product.lateFee[currency] ?? 0, afterDays: product.lateFeeAfterDays, toleranceMinor: product.dpdToleranceMinor };
}
