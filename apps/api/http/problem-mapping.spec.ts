import { describe, expect, it } from '@jest/globals';
import { BadRequestException, InternalServerErrorException, NotFoundException, PayloadTooLargeException, type ValidationError } from '@nestjs/common';
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
} from '../errors.js';
import { ForbiddenError, IdentityProviderUnavailableError, UnauthenticatedError } from '../auth/auth-errors.js';
import { ProblemException } from './problem.js';
import { toProblem } from './problem-mapping.js';
import { fieldErrors } from './validation.js';

const ctx = { instance: '/v1/loans/x', requestId: 'req-1' };
const loanId = '0b6f3c2e-9a41-4d5e-8f70-1c2d3e4f5a6b';

describe('errors as problem documents', () => {
  it.each([
    [new LoanNotFoundError(loanId), 404, 'loan-not-found'],
    [new LoanClosedError(loanId), 409, 'loan-closed'],
    [new LoanCommandRejectedError('there is no open offer: the loan is active'), 409, 'command-rejected'],
    [new NoPayoffQuoteError(loanId), 409, 'no-payoff-quote'],
    [new IdempotencyKeyReusedError('k-1'), 422, 'idempotency-key-reused'],
    [new InvalidReviewTermsError('principal must be between 1000000 and 100000000 INR minor units'), 422, 'invalid-review-terms'],
    [new InvalidWebhookSignatureError('Gateway-Signature is stale'), 401, 'invalid-signature'],
    [new MalformedWebhookError('not a gateway event'), 400, 'validation-error'],
    [new UnappliedCashNotFoundError(loanId), 404, 'unapplied-cash-not-found'],
    [new UnappliedCashSettledError('it was refunded'), 409, 'unapplied-cash-settled'],
    [new LoanNotServicingError('loan is paid_off'), 409, 'loan-not-servicing'],
    [new CurrencyMismatchError('the money is USD, the loan INR'), 422, 'currency-mismatch'],
    [new NotRefundableError('no gateway payment'), 422, 'not-refundable'],
    [new RefundRefusedError('account_closed'), 422, 'refund-refused'],
  ])('%s -> %i', (error, status, slug) => {
    const { problem, unexpected } = toProblem(error, ctx);
    expect(unexpected).toBe(false);
    expect(problem).toEqual({ type: `https://credence.dev/problems/${slug}`, title: expect.any(String), status, detail: error.message, instance: ctx.instance, requestId: 'req-1' });
  });

  it('answers a refused credential 401 and a missing permission 403, each with its RFC 6750 challenge', () => {
    expect(toProblem(new UnauthenticatedError('missing', 'no credential'), ctx)).toEqual({
      problem: { type: 'https://credence.dev/problems/unauthenticated', title: expect.any(String), status: 401, detail: 'no credential', instance: ctx.instance, requestId: 'req-1' },
      unexpected: false,
      headers: { 'WWW-Authenticate': 'Bearer realm="credence"' },
    });
    expect(toProblem(new UnauthenticatedError('expired', 'the token expired at "then"'), ctx).headers).toEqual({ 'WWW-Authenticate': `Bearer realm="credence", error="invalid_token", error_description="the token expired at 'then'"` });
    expect(toProblem(new ForbiddenError('loans:review', 'ops (ops)'), ctx)).toMatchObject({
      problem: { type: 'https://credence.dev/problems/forbidden', status: 403, detail: 'ops (ops) may not do this: it needs the permission loans:review' },
      headers: { 'WWW-Authenticate': 'Bearer realm="credence", error="insufficient_scope", scope="loans:review"' },
    });
    expect(toProblem(new IdentityProviderUnavailableError('its keys could not be read'), ctx)).toMatchObject({ problem: { status: 503, type: 'https://credence.dev/problems/dependency-unavailable' }, retryAfterSeconds: 5 });
  });

  it('reads PostgreSQL gone under a pooled connection as the database unreachable, and a refused connection as a service', () => {
    expect(toProblem(new Error('Connection terminated unexpectedly'), ctx).problem.detail).toMatch(/^The database is unreachable right now/);
    expect(toProblem(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' }), ctx).problem.detail).toMatch(/^A service the API depends on is unreachable right now/);
  });

  it('keeps the field errors of a validation problem', () => {
    const { problem } = toProblem(ProblemException.validation([{ field: 'loan.principal', message: 'must be a whole number' }]), ctx);
    expect(problem).toMatchObject({ status: 400, detail: '1 invalid field: loan.principal', errors: [{ field: 'loan.principal', message: 'must be a whole number' }] });
  });

  it("reads Nest's HTTP exceptions as about:blank problems with the status's title", () => {
    expect(toProblem(new NotFoundException('Cannot GET /nope'), ctx).problem).toMatchObject({ type: 'about:blank', title: 'Not Found', status: 404, detail: 'Cannot GET /nope' });
    expect(toProblem(new PayloadTooLargeException('too big'), ctx).problem).toMatchObject({ title: 'Payload Too Large', status: 413 });
    expect(toProblem(new BadRequestException(['a', 'b']), ctx).problem).toMatchObject({ status: 400, detail: 'a; b' });
  });

  it('answers anything else with a 500 that leaks nothing but the request id', () => {
    for (const error of [new Error('connect ECONNREFUSED 10.0.0.5:5432 password=hunter2'), new InternalServerErrorException('db down'), 'a string']) {
      const { problem, unexpected } = toProblem(error, ctx);
      expect(unexpected).toBe(true);
      expect(problem).toEqual({ type: 'https://credence.dev/problems/internal-error', title: expect.any(String), status: 500, detail: expect.stringContaining('req-1'), instance: ctx.instance, requestId: 'req-1' });
      expect(JSON.stringify(problem)).not.toMatch(/ECONNREFUSED|hunter2|db down/);
    }
  });
});

describe('validation errors as field paths', () => {
  const error = (property: string, constraints?: Record<string, string>, children: ValidationError[] = []): ValidationError => ({ property, constraints, children });

  it('names nested fields with dots and array items with [i], one message each', () => {
    const tree = [
      error('applicant', undefined, [error('address', undefined, [error('country', { matches: 'must be upper case', isIso31661Alpha2: 'country must be a valid ISO31661 Alpha2 code' })])]),
      error('reasonCodes', undefined, [error('1', { isReasonCode: 'must be a known adverse-action reason code' })]),
      error('consents', { isObject: 'consents must be an object', isDefined: 'consents should not be null or undefined' }),
    ];
    expect(fieldErrors(tree)).toEqual([
      { field: 'applicant.address.country', message: 'must be a valid ISO31661 Alpha2 code' },
      { field: 'reasonCodes[1]', message: 'must be a known adverse-action reason code' },
      { field: 'consents', message: 'should not be null or undefined' },
    ]);
  });
});
