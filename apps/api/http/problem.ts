// RFC 9457 problem details: the one shape every error answer has. `type` names the kind of
// problem (stable, documented in the OpenAPI spec); `detail` is about this occurrence.
import { HttpException } from '@nestjs/common';

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

export interface FieldError {
  /** dotted path into the request, e.g. applicant.dateOfBirth or reasonCodes[1]; a JSON Pointer into a policy document */
  field: string;
  message: string;
  /** 1-based line and column in submitted text (a policy's YAML or JSON), where known */
  line?: number;
  column?: number;
}

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail?: string;
  instance?: string;
  errors?: FieldError[];
  requestId?: string;
  /** an import none of whose rows could be imported: its report (POST /v1/portfolio/imports) */
  report?: object;
}

const base = 'https://credence.dev/problems/';

/** The problem types Credence defines; plain HTTP failures use about:blank with the status's title. */
export const PROBLEM_TYPES = {
  validation: { type: `${base}validation-error`, title: 'The request is not valid', status: 400 },
  malformedJson: { type: `${base}malformed-json`, title: 'The request body is not valid JSON', status: 400 },
  invalidSignature: { type: `${base}invalid-signature`, title: 'The webhook signature is missing or wrong', status: 401 },
  unauthenticated: { type: `${base}unauthenticated`, title: 'A valid bearer token or API key is required', status: 401 },
  forbidden: { type: `${base}forbidden`, title: 'The caller may not do this', status: 403 },
  notAnAssignee: { type: `${base}not-an-assignee`, title: 'The desk acts as its caller, who is no collector or agency', status: 403 },
  forgedCallback: { type: `${base}forged-callback`, title: 'The callback is not signed by the provider', status: 403 },
  loanNotFound: { type: `${base}loan-not-found`, title: 'No such loan', status: 404 },
  modelNotFound: { type: `${base}model-not-found`, title: 'No such model', status: 404 },
  commandRejected: { type: `${base}command-rejected`, title: 'The loan cannot do that in its current state', status: 409 },
  loanClosed: { type: `${base}loan-closed`, title: 'The loan is closed', status: 409 },
  noPayoffQuote: { type: `${base}no-payoff-quote`, title: 'The loan has no payoff amount', status: 409 },
  portfolioImportNotFound: { type: `${base}portfolio-import-not-found`, title: 'No such portfolio import', status: 404 },
  importRejected: { type: `${base}import-rejected`, title: 'No row of the import could be imported', status: 422 },
  unappliedCashNotFound: { type: `${base}unapplied-cash-not-found`, title: 'No such unapplied cash', status: 404 },
  unappliedCashSettled: { type: `${base}unapplied-cash-settled`, title: 'The money has already gone, or is going, elsewhere', status: 409 },
  loanNotServicing: { type: `${base}loan-not-servicing`, title: 'The loan is not being repaid', status: 409 },
  currencyMismatch: { type: `${base}currency-mismatch`, title: 'The money is in another currency than the loan', status: 422 },
  notRefundable: { type: `${base}not-refundable`, title: 'The money cannot be refunded through the gateway', status: 422 },
  refundRefused: { type: `${base}refund-refused`, title: 'The gateway did not refund the money', status: 422 },
  idempotencyKeyReused: { type: `${base}idempotency-key-reused`, title: 'The Idempotency-Key was used with a different request', status: 422 },
  unprocessable: { type: `${base}unprocessable`, title: 'The request is well formed but does not fit the loan', status: 422 },
  invalidReviewTerms: { type: `${base}invalid-review-terms`, title: 'The reviewed terms are outside the product', status: 422 },
  notInRecovery: { type: `${base}not-in-recovery`, title: 'The loan has no recovery episode running', status: 409 },
  recoveryCaseNotFound: { type: `${base}recovery-case-not-found`, title: 'No such recovery case', status: 404 },
  promiseRefused: { type: `${base}promise-refused`, title: 'The episode cannot take this promise now', status: 409 },
  workItemNotFound: { type: `${base}work-item-not-found`, title: 'No such work item', status: 404 },
  workItemConflict: { type: `${base}work-item-conflict`, title: 'The work item is not in a state that allows this', status: 409 },
  agencyNotFound: { type: `${base}agency-not-found`, title: 'No such agency', status: 404 },
  agencyInactive: { type: `${base}agency-inactive`, title: 'The agency is not taking cases', status: 409 },
  placementNotFound: { type: `${base}placement-not-found`, title: 'No such placement', status: 404 },
  deadLetterNotFound: { type: `${base}dead-letter-not-found`, title: 'No such dead letter', status: 404 },
  episodeEnded: { type: `${base}episode-ended`, title: 'The recovery episode the contact belonged to has ended', status: 409 },
  deadLetterReplayed: { type: `${base}dead-letter-replayed`, title: 'The dead letter has already been replayed', status: 409 },
  contactProfileNotFound: { type: `${base}contact-profile-not-found`, title: 'The loan has no contact profile', status: 404 },
  noOpenDispute: { type: `${base}no-open-dispute`, title: 'The loan has no open dispute to verify', status: 409 },
  policyVersionNotFound: { type: `${base}policy-version-not-found`, title: 'No such escalation-policy version', status: 404 },
  noActivePolicy: { type: `${base}no-active-policy`, title: 'No escalation-policy version is active', status: 404 },
  policyNotValidated: { type: `${base}policy-not-validated`, title: 'Only a validated policy version can be activated', status: 409 },
  policyNoLongerActive: { type: `${base}policy-no-longer-active`, title: 'The version stopped being the active one meanwhile: ask again to activate it (a second person approves)', status: 409 },
  experimentNotFound: { type: `${base}experiment-not-found`, title: 'No such recovery experiment', status: 404 },
  experimentRunning: { type: `${base}experiment-running`, title: 'Another recovery experiment is running', status: 409 },
  challengerNotEligible: { type: `${base}challenger-not-eligible`, title: 'The challenger must be a validated version that is not the active one', status: 409 },
  experimentEnded: { type: `${base}experiment-ended`, title: 'The experiment has already ended otherwise', status: 409 },
  invalidPolicy: { type: `${base}invalid-policy`, title: 'The escalation policy has faults', status: 422 },
  approvalNotFound: { type: `${base}approval-not-found`, title: 'No such approval', status: 404 },
  personProposes: { type: `${base}person-proposes`, title: 'What waits for a second person is proposed by a person, not an API key', status: 403 },
  ownProposal: { type: `${base}own-proposal`, title: 'The one who proposes a change cannot approve or reject it: a second person decides', status: 403 },
  approvalDecided: { type: `${base}approval-decided`, title: 'The proposal has already been decided', status: 409 },
  invalidArrangement: { type: `${base}invalid-arrangement`, title: 'The arrangement does not fit the loan', status: 422 },
  arrangementOutdated: { type: `${base}arrangement-outdated`, title: 'The arrangement no longer fits the loan: have it proposed again', status: 409 },
  collectionNotFound: { type: `${base}collection-not-found`, title: 'No such document collection', status: 404 },
  conversationNotFound: { type: `${base}conversation-not-found`, title: 'No such conversation of yours', status: 404 },
  conversationCollection: { type: `${base}conversation-collection`, title: 'The conversation asks another collection', status: 422 },
  passageNotFound: { type: `${base}passage-not-found`, title: 'No such passage', status: 404 },
  contactRecordsMissing: { type: `${base}contact-records-missing`, title: 'The loan has no records to draft a message from', status: 409 },
  apiKeyNotFound: { type: `${base}api-key-not-found`, title: 'No such API key', status: 404 },
  devSignInUnavailable: { type: `${base}dev-sign-in-unavailable`, title: 'Demo sign-in is only offered with the local development issuer', status: 404 },
  rateLimited: { type: `${base}rate-limited`, title: 'Too many requests from this client', status: 429 },
  internal: { type: `${base}internal-error`, title: 'Something went wrong on our side', status: 500 },
  dependencyUnavailable: { type: `${base}dependency-unavailable`, title: 'A service the API depends on is unreachable; retry shortly', status: 503 },
  overloaded: { type: `${base}overloaded`, title: 'The server is too busy to take this request now', status: 503 },
} as const;

export type ProblemKind = keyof typeof PROBLEM_TYPES;

/** Thrown anywhere in the API to answer with a specific problem document. */
export class ProblemException extends HttpException {
  constructor(
    readonly kind: ProblemKind,
    readonly detail: string,
    readonly errors?: FieldError[],
  ) {
    super(detail, PROBLEM_TYPES[kind].status);
  }

  static validation(errors: FieldError[]): ProblemException {
    const fields = [...new Set(errors.map((e) => e.field))];
    return new ProblemException('validation', `${fields.length} invalid field${fields.length === 1 ? '' : 's'}: ${fields.join(', ')}`, errors);
  }
}
