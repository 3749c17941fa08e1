// Manual review: a reviewer approves or declines by update. Nobody waits forever: after the
// product's review timeout the case escalates to senior underwriting, and after a second
// timeout it is declined with a reason the applicant can act on.
import { condition } from '@temporalio/workflow';
import type { CreditScore, Offer } from '../../domain/credit.js';
import { checks } from './activities.js';
import type { LoanWorkflowInput } from './definitions.js';
import type { Inbox } from './inbox.js';
import type { LoanRecord } from './loan-record.js';
import { manualDecisionView } from './decision-view.js';
import { durationMs } from '../../domain/duration.js';

export const REVIEW_QUEUES = ['underwriting', 'senior_underwriting'] as const;
export const REVIEW_TIMEOUT_REASON = { code: 'REVIEW_NOT_COMPLETED', text: 'We could not complete the review of your application within the required time' };

export type ReviewOutcome = { approved: true; offer: Offer } | { approved: false };

export async function awaitReview(record: LoanRecord, inbox: Inbox, input: LoanWorkflowInput, reviewReasons: string[], score: CreditScore | undefined): Promise<ReviewOutcome | 'withdrawn'> {
  const timeout = durationMs(input.product.reviewTimeout);
  for (const [level, queue] of REVIEW_QUEUES.entries()) {
    record.state.review = { queue, level: level + 1, reasons: reviewReasons, dueBy: new Date(Date.now() + timeout).toISOString() };
    record.emit(level === 0 ? 'review.queued' : 'review.escalated', { queue, level: level + 1, dueBy: record.state.review.dueBy });
    if (level === 0) record.setStatus('manual_review');
    record.publish();
    if (await condition(() => inbox.review !== undefined || inbox.withdrawRequested, timeout)) break;
  }
  if (inbox.withdrawRequested) return 'withdrawn';
  const review = inbox.review;
  if (!review) {
    record.state.decision = manualDecisionView(record.state.decision, 'declined', [REVIEW_TIMEOUT_REASON], 'system');
    record.emit('review.timed_out', { levels: REVIEW_QUEUES.length });
    return { approved: false };
  }
  if (review.outcome === 'decline') {
    record.state.decision = manualDecisionView(record.state.decision, 'declined', review.reasons ?? [], review.reviewer);
    record.emit('review.decided', { outcome: 'declined', reviewer: review.reviewer, reasons: (review.reasons ?? []).map((r) => r.code) });
    return { approved: false };
  }
  const offer = await checks.priceReviewedOffer({
    loanId: input.loanId,
    application: input.application,
    product: input.product,
    ...(score ? { score } : {}),
    terms: { principal: review.principal, termMonths: review.termMonths, aprBps: review.aprBps },
  });
  record.state.decision = manualDecisionView(record.state.decision, 'approved', [], review.reviewer);
  record.emit('review.decided', { outcome: 'approved', reviewer: review.reviewer, principal: offer.principal, aprBps: offer.aprBps });
  return { approved: true, offer };
}
