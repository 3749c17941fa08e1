// One workflow per loan (ID loan-<loanId>), the source of truth for its lifecycle: application,
// checks and decision, manual review, offer, disbursement, servicing, delinquency and close. A
// loan imported from another system (input.imported) skips to servicing with its history (import.ts).
import { log, workflowInfo } from '@temporalio/workflow';
import { ageOn, compareIsoDates, isIsoDate, toIsoDate, type IsoDate } from '../../domain/calendar.js';
import { buildSchedule, firstDueDateFor } from '../../domain/schedule.js';
import { openAccount } from '../../domain/servicing.js';
import { parseIsoDate } from '../../domain/calendar.js';
import type { CreditScore, Offer } from '../../domain/credit.js';
import { emptyDpdHistory } from '../../domain/repayment-behaviour.js';
import type { LoanStatus } from '../../domain/loan-status.js';
import type { LoanOutcome, LoanWorkflowInput } from './definitions.js';
import { decisionView } from './decision-view.js';
import { disburse } from './disbursement.js';
import { closeLoan } from './closing.js';
import { recordContactProfile } from './contact-profile.js';
import { registerHandlers } from './handlers.js';
import { importLoan } from './import.js';
import { Inbox } from './inbox.js';
import { LoanRecord } from './loan-record.js';
import { presentOffer } from './offer.js';
import { originate } from './origination.js';
import { awaitReview } from './review.js';
import { service } from './servicing.js';
import type { BorrowerProfile, LimitReviewBasis, ServicingState } from './servicing-state.js';

export async function loanWorkflow(input: LoanWorkflowInput): Promise<LoanOutcome> {
  const record = new LoanRecord(input.resume?.record ?? initialState(input));
  const inbox = new Inbox();
  registerHandlers(record, inbox, input);

  if (input.resume) {
    log.info('servicing continues in a new run', { loanId: input.loanId, previousRuns: workflowInfo().continuedFromExecutionRunId ?? null });
    return service(record, inbox, input, input.resume.servicing);
  }

  if (input.imported) {
    const servicing = await importLoan(record, { ...input, imported: input.imported });
    const profile = borrowerProfile(input.application, input.imported.disbursedOn);
    // Later runs (continue-as-new) carry the account, not the history it was built from.
    const { imported: _history, ...servicingInput } = input;
    return service(record, inbox, { ...servicingInput, application: redactedApplication(input) }, { ...servicing, ...profile });
  }

  record.emit('application.submitted', {
    product: input.product.code,
    principal: input.application.loan.principal,
    currency: input.application.loan.currency,
    termMonths: input.application.loan.termMonths,
    purpose: input.application.loan.purpose,
  });
  record.upsertSearchAttributes();
  record.setStatus('under_review');
  record.publish();

  const { decision, score } = await originate(record, input, toIsoDate(Date.now()));
  if (inbox.withdrawRequested) return close(record, inbox, 'withdrawn', 'withdrawn_by_applicant');
  record.state.decision = decisionView(decision, score, decision.policyVersion);
  record.emit('decision.made', { outcome: decision.outcome, reasons: decision.reasons.map((r) => r.code), policyVersion: decision.policyVersion });

  let offer: Offer | undefined = decision.offer;
  if (decision.outcome === 'declined') return close(record, inbox, 'declined', 'credit_decision');
  if (decision.outcome === 'manual_review') {
    const review = await awaitReview(record, inbox, input, decision.reviewReasons, score);
    record.state.review = null;
    if (review === 'withdrawn') return close(record, inbox, 'withdrawn', 'withdrawn_by_applicant');
    if (!review.approved) return close(record, inbox, 'declined', 'manual_review');
    offer = review.offer;
  }
  if (!offer) throw new Error('an approved decision carries an offer');

  const answer = await presentOffer(record, inbox, input, offer);
  if (!answer.accepted) {
    const ending: Record<typeof answer.reason, [LoanStatus, string]> = {
      declined: ['withdrawn', 'offer_declined'],
      withdrawn: ['withdrawn', 'withdrawn_by_applicant'],
      expired: ['expired', 'offer_expired'],
    };
    const [status, reason] = ending[answer.reason];
    return close(record, inbox, status, reason);
  }

  const payout = await disburse(record, offer, answer.bankAccount);
  if (!payout.ok) return close(record, inbox, 'disbursement_failed', payout.failure);

  const disbursedOn = toIsoDate(Date.now());
  const schedule = buildSchedule({
    principal: offer.principal,
    aprBps: offer.aprBps,
    termMonths: offer.termMonths,
    firstDueDate: firstDueDateFor(disbursedOn),
    dueDay: parseIsoDate(disbursedOn).day,
  });
  record.state.principal = offer.principal;
  record.state.account = openAccount({ currency: offer.currency, aprBps: offer.aprBps, disbursedOn, schedule });
  record.state.bucket = input.product.buckets[0]?.name ?? null;
  // A loan approved without a score (no credit file, no statement: a person decided) has no limit to re-assess.
  if (score) record.state.creditLimit = { amount: score.creditLimit, currency: offer.currency, changedAt: null, increaseConsentAt: null };
  await recordContactProfile(input.loanId, input.application);
  record.emit('loan.activated', { disbursedOn, installments: schedule.length, firstDueDate: schedule[0]?.dueDate, installmentAmount: offer.installmentAmount });
  record.setStatus('active');

  const servicing: ServicingState = {
    processedPaymentIds: [],
    handledDueSeq: 0,
    autopayAttempts: {},
    autopaySource: input.application.consents.autopay ? answer.bankAccount : null,
    timeZone: input.application.applicant.timeZone,
    dpdHistory: emptyDpdHistory(),
    ...limitReviewBasis(score),
    ...borrowerProfile(input.application, disbursedOn),
  };
  // The application (with its personal data) is not carried into servicing's later runs.
  return service(record, inbox, { ...input, application: redactedApplication(input) }, servicing);
}

function initialState(input: LoanWorkflowInput) {
  return {
    loanId: input.loanId,
    product: input.product,
    currency: input.application.loan.currency,
    requestedPrincipal: input.application.loan.principal,
    createdAt: input.submittedAt,
    status: 'submitted' as const,
    bucket: null,
    decision: null,
    offer: null,
    principal: null,
    account: null,
    review: null,
    closedReason: null,
    seq: 0,
    revision: 0,
  };
}

/** A loan that ends before servicing; money that arrived for it is held for return (closing.ts). */
function close(record: LoanRecord, inbox: Inbox, status: LoanStatus, reason: string): Promise<LoanOutcome> {
  return closeLoan(record, inbox, status, reason, { unappliedFirst: true });
}

/** What limit reviews need from the origination score, which is not carried into servicing. */
function limitReviewBasis(score: CreditScore | undefined): { limitReview?: LimitReviewBasis } {
  const income = score?.features.assessedMonthlyIncome;
  if (typeof income !== 'number') return {};
  const repayments = score?.features.avgMonthlyLoanRepayments;
  // As the origination limit counts them (models/scorecard/credit-limit.ts): from the statement, none without one.
  return { limitReview: { assessedMonthlyIncome: income, existingMonthlyRepayments: typeof repayments === 'number' ? repayments : 0 } };
}

/** Age and employment for contact-hour, kept instead of the date of birth. */
function borrowerProfile(application: LoanWorkflowInput['application'], on: IsoDate): { borrower?: BorrowerProfile } {
  const { dateOfBirth, employment } = application.applicant;
  if (!isIsoDate(dateOfBirth) || compareIsoDates(dateOfBirth, on) > 0) return {};
  return { borrower: { employmentStatus: employment.status, ageAtActivation: ageOn(dateOfBirth, on) } };
}

function redactedApplication(input: LoanWorkflowInput): LoanWorkflowInput['application'] {
  const { applicant, loan, consents } = input.application;
  return {
    applicant: { ...applicant, firstName: '', lastName: '', email: '', phone: '', nationalId: '', address: { ...applicant.address, line1: '' } },
    loan,
    consents,
  };
}
