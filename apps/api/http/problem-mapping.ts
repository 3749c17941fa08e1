// Every error the API can meet, as the problem document the client reads. PostgreSQL or Temporal
// out of reach (down, restarting) is a 503 with Retry-After: the request may succeed in a moment,
// and a client must not read it as a bug. Anything else not listed is our fault: a 500 whose
// detail names only the request id, never the error itself.
import { HttpException } from '@nestjs/common';
import { STATUS_CODES } from 'node:http';
import {
  ApiKeyNotFoundError,
  ChallengerNotEligibleError,
  CurrencyMismatchError,
  ExperimentEndedError,
  ExperimentNotFoundError,
  ExperimentRunningError,
  IdempotencyKeyReusedError,
  InvalidPolicyError,
  InvalidReviewTermsError,
  ForgedCallbackError,
  InvalidWebhookSignatureError,
  LoanClosedError,
  LoanCommandRejectedError,
  LoanNotFoundError,
  LoanNotServicingError,
  MalformedWebhookError,
  NoActivePolicyError,
  NoPayoffQuoteError,
  NoValidImportRowsError,
  NotRefundableError,
  PolicyNotValidatedError,
  PolicyVersionNotFoundError,
  PortfolioImportNotFoundError,
  RefundRefusedError,
  UnappliedCashNotFoundError,
  UnappliedCashSettledError,
  UnprocessableFieldsError,
} from '../errors.js';
import { ForbiddenError, IdentityProviderUnavailableError, UnauthenticatedError } from '../auth/auth-errors.js';
import { PROBLEM_TYPES, ProblemException, type Problem, type ProblemKind } from './problem.js';

/** What a client is told to wait before retrying when a dependency is unreachable. */
export const RETRY_AFTER_SECONDS = 5;

export interface ProblemContext {
  /** the request path, as RFC 9457's `instance` */
  instance: string;
  requestId: string;
}

const APP_ERRORS: [new (...args: never[]) => Error, ProblemKind][] = [
  [LoanNotFoundError, 'loanNotFound'],
  [LoanClosedError, 'loanClosed'],
  [LoanCommandRejectedError, 'commandRejected'],
  [InvalidReviewTermsError, 'invalidReviewTerms'],
  [NoPayoffQuoteError, 'noPayoffQuote'],
  [IdempotencyKeyReusedError, 'idempotencyKeyReused'],
  [InvalidWebhookSignatureError, 'invalidSignature'],
  [ForgedCallbackError, 'forgedCallback'],
  [MalformedWebhookError, 'validation'],
  [UnappliedCashNotFoundError, 'unappliedCashNotFound'],
  [UnappliedCashSettledError, 'unappliedCashSettled'],
  [LoanNotServicingError, 'loanNotServicing'],
  [CurrencyMismatchError, 'currencyMismatch'],
  [NotRefundableError, 'notRefundable'],
  [RefundRefusedError, 'refundRefused'],
  [PolicyVersionNotFoundError, 'policyVersionNotFound'],
  [NoActivePolicyError, 'noActivePolicy'],
  [PolicyNotValidatedError, 'policyNotValidated'],
  [PortfolioImportNotFoundError, 'portfolioImportNotFound'],
  [ExperimentNotFoundError, 'experimentNotFound'],
  [ExperimentRunningError, 'experimentRunning'],
  [ChallengerNotEligibleError, 'challengerNotEligible'],
  [ExperimentEndedError, 'experimentEnded'],
  [ApiKeyNotFoundError, 'apiKeyNotFound'],
];

export interface MappedProblem {
  problem: Problem;
  /** to be logged as an error */
  unexpected: boolean;
  /** when a retry may succeed */
  retryAfterSeconds?: number;
  /** headers the answer needs beside Retry-After (a 401's or 403's WWW-Authenticate) */
  headers?: Record<string, string>;
}

/** The problem for `exception`, and how it is answered. */
export function toProblem(exception: unknown, ctx: ProblemContext): MappedProblem {
  const common = { instance: ctx.instance, requestId: ctx.requestId };
  if (exception instanceof UnauthenticatedError || exception instanceof ForbiddenError) {
    const { type, title, status } = PROBLEM_TYPES[exception instanceof UnauthenticatedError ? 'unauthenticated' : 'forbidden'];
    return { problem: { type, title, status, detail: exception.message, ...common }, unexpected: false, headers: { 'WWW-Authenticate': exception.challenge() } };
  }
  if (exception instanceof IdentityProviderUnavailableError) {
    const { type, title, status } = PROBLEM_TYPES.dependencyUnavailable;
    const detail = `The identity provider could not be asked about the token (${exception.message}). Retry in ${RETRY_AFTER_SECONDS} s; quote request id ${ctx.requestId} if it persists.`;
    return { problem: { type, title, status, detail, ...common }, unexpected: false, retryAfterSeconds: RETRY_AFTER_SECONDS };
  }
  const down = unreachableDependency(exception);
  if (down) {
    const { type, title, status } = PROBLEM_TYPES.dependencyUnavailable;
    const detail = `${down} is unreachable right now. Retry in ${RETRY_AFTER_SECONDS} s; quote request id ${ctx.requestId} if it persists.`;
    return { problem: { type, title, status, detail, ...common }, unexpected: false, retryAfterSeconds: RETRY_AFTER_SECONDS };
  }
  if (exception instanceof UnprocessableFieldsError) {
    const { type, title, status } = PROBLEM_TYPES.unprocessable;
    return { problem: { type, title, status, detail: exception.message, ...common, errors: exception.errors }, unexpected: false };
  }
  if (exception instanceof InvalidPolicyError) {
    const { type, title, status } = PROBLEM_TYPES.invalidPolicy;
    const errors = exception.problems.map(({ path, ...rest }) => ({ field: path, ...rest }));
    return { problem: { type, title, status, detail: exception.message, ...common, errors }, unexpected: false };
  }
  if (exception instanceof NoValidImportRowsError) {
    const { type, title, status } = PROBLEM_TYPES.importRejected;
    return { problem: { type, title, status, detail: exception.message, ...common, report: exception.report }, unexpected: false };
  }
  if (exception instanceof ProblemException) {
    const { type, title, status } = PROBLEM_TYPES[exception.kind];
    return { problem: { type, title, status, detail: exception.detail, ...common, ...(exception.errors ? { errors: exception.errors } : {}) }, unexpected: false };
  }
  for (const [errorClass, kind] of APP_ERRORS) {
    if (exception instanceof errorClass) {
      const { type, title, status } = PROBLEM_TYPES[kind];
      return { problem: { type, title, status, detail: exception.message, ...common }, unexpected: false };
    }
  }
  if (exception instanceof HttpException && exception.getStatus() < 500) {
    const status = exception.getStatus();
    return { problem: { type: 'about:blank', title: STATUS_CODES[status] ?? 'Error', status, detail: httpDetail(exception), ...common }, unexpected: false };
  }
  const { type, title, status } = PROBLEM_TYPES.internal;
  const detail = `The request failed unexpectedly. Quote request id ${ctx.requestId} when reporting it.`;
  return { problem: { type, title, status, detail, ...common }, unexpected: true };
}

/** Node's errors for a peer that cannot be reached or dropped the connection. */
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN']);
/** gRPC's UNAVAILABLE, as the Temporal client reports a server it cannot reach. */
const GRPC_UNAVAILABLE = 14;
/** What pg says when the server goes away under a connection, or none can be had in time. */
const PG_CONNECTION_LOST = /^Connection terminated|^timeout exceeded when trying to connect/;

/** "Temporal", "The database" or "A service" when the error (or one it wraps) says a peer is out of reach. */
function unreachableDependency(exception: unknown): string | undefined {
  const seen = new Set<unknown>();
  const queue: unknown[] = [exception];
  while (queue.length > 0) {
    const err = queue.shift() as { code?: unknown; message?: unknown; cause?: unknown; errors?: unknown } | null;
    if (!err || typeof err !== 'object' || seen.has(err)) continue;
    seen.add(err);
    if (err.code === GRPC_UNAVAILABLE) return 'Temporal';
    if (typeof err.message === 'string' && PG_CONNECTION_LOST.test(err.message)) return 'The database';
    // SQLSTATE class 08 (connection exception) and 57P01-57P03 (the server shutting down or starting).
    if (typeof err.code === 'string' && /^(08...|57P0[123])$/.test(err.code)) return 'The database';
    if (typeof err.code === 'string' && NETWORK_CODES.has(err.code)) return 'A service the API depends on';
    queue.push(err.cause, ...(Array.isArray(err.errors) ? (err.errors as unknown[]) : []));
  }
  return undefined;
}

function httpDetail(exception: HttpException): string {
  const response = exception.getResponse();
  if (typeof response === 'string') return response;
  const message = (response as { message?: unknown }).message;
  if (typeof message === 'string') return message;
  if (Array.isArray(message)) return message.map(String).join('; ');
  return exception.message;
}
