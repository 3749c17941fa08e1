// Every error the API can meet, as the problem document the client reads. Anything not listed
// is our fault: a 500 whose detail names only the request id, never the error itself.
import { HttpException } from '@nestjs/common';
import { STATUS_CODES } from 'node:http';
import {
  CurrencyMismatchError,
  IdempotencyKeyReusedError,
  InvalidReviewTermsError,
  InvalidWebhookSignatureError,
  LoanClosedError,
  LoanCommandRejectedError,
  LoanNotFoundError,
  LoanNotServicingError,
  MalformedWebhookError,
  NoPayoffQuoteError,
  NotRefundableError,
  RefundRefusedError,
  UnappliedCashNotFoundError,
  UnappliedCashSettledError,
  UnprocessableFieldsError,
} from '../errors.js';
import { PROBLEM_TYPES, ProblemException, type Problem, type ProblemKind } from './problem.js';

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
  [MalformedWebhookError, 'validation'],
  [UnappliedCashNotFoundError, 'unappliedCashNotFound'],
  [UnappliedCashSettledError, 'unappliedCashSettled'],
  [LoanNotServicingError, 'loanNotServicing'],
  [CurrencyMismatchError, 'currencyMismatch'],
  [NotRefundableError, 'notRefundable'],
  [RefundRefusedError, 'refundRefused'],
];

/** The problem for `exception`, and whether it was unexpected (to be logged as an error). */
export function toProblem(exception: unknown, ctx: ProblemContext): { problem: Problem; unexpected: boolean } {
  const common = { instance: ctx.instance, requestId: ctx.requestId };
  if (exception instanceof UnprocessableFieldsError) {
    const { type, title, status } = PROBLEM_TYPES.unprocessable;
    return { problem: { type, title, status, detail: exception.message, ...common, errors: exception.errors }, unexpected: false };
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

function httpDetail(exception: HttpException): string {
  const response = exception.getResponse();
  if (typeof response === 'string') return response;
  const message = (response as { message?: unknown }).message;
  if (typeof message === 'string') return message;
  if (Array.isArray(message)) return message.map(String).join('; ');
  return exception.message;
}
