// Dynamic credit limits: on each due date the borrower's limit is re-assessed from how they repay
// (the delinquency-roll model and policies/credit-limit-review.ts, in one local activity) and the
// result applied. The policy never raises a limit without fresh consent: without it the answer is
// `offer_increase`, and the limit stays where it is. A review that fails is recorded and servicing
// goes on: the limit stays as it was until the next due date.
import { ActivityFailure } from '@temporalio/common';
import { patched } from '@temporalio/workflow';
import type { CreditLimitReviewed } from '../../activities/scoring/index.js';
import { toIsoDate } from '../../domain/calendar.js';
import { outstandingPrincipal } from '../../domain/servicing.js';
import { checks } from './activities.js';
import { behaviourOn } from './behaviour.js';
import type { LoanWorkflowInput } from './definitions.js';
import { CREDIT_LIMIT_REVIEW, type LoanRecord } from './loan-record.js';
import { failureType } from './origination.js';
import type { ServicingState } from './servicing-state.js';

export async function reviewCreditLimit(record: LoanRecord, state: ServicingState, input: LoanWorkflowInput): Promise<void> {
  const limit = record.state.creditLimit;
  const basis = state.limitReview;
  if (!limit || !basis || !patched(CREDIT_LIMIT_REVIEW)) return;
  const asOf = new Date().toISOString();
  const behaviour = behaviourOn(record, state, toIsoDate(Date.now()));
  let reviewed: CreditLimitReviewed;
  try {
    reviewed = await checks.reviewCreditLimit({
      loanId: record.loanId,
      asOf,
      behaviour,
      limit,
      productMaxPrincipal: input.product.maxPrincipal[limit.currency] ?? 0,
      outstandingPrincipal: outstandingPrincipal(record.state.account!),
      ...basis,
    });
  } catch (err) {
    if (!(err instanceof ActivityFailure)) throw err;
    record.emit('credit_limit.review_failed', { reason: failureType(err) });
    return;
  }
  const { review, rollProbability, model } = reviewed;
  if (review.newLimit !== limit.amount) record.state.creditLimit = { ...limit, amount: review.newLimit, changedAt: asOf };
  record.emit('credit_limit.reviewed', {
    action: review.action,
    currency: review.currency,
    from: review.currentLimit,
    to: review.newLimit,
    proposed: review.proposedLimit ?? null,
    reasons: review.reasons,
    rollProbability,
    model,
    policyVersion: review.policyVersion,
    monthsOnBook: behaviour.monthsOnBook,
    daysPastDue: behaviour.currentDpd,
  });
}

/** The borrower agreed to a higher limit: the next review may apply one (within the policy's validity). */
export function recordLimitIncreaseConsent(record: LoanRecord): void {
  const limit = record.state.creditLimit;
  if (!limit) return;
  const at = new Date().toISOString();
  record.state.creditLimit = { ...limit, increaseConsentAt: at };
  record.emit('credit_limit.consent_given', { at, currency: limit.currency, limit: limit.amount });
}
