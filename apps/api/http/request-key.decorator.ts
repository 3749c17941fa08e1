// What makes a command request safe to retry: the client's Idempotency-Key when it sent one,
// else this request's id (X-Request-Id, the client's own when it sent a usable one). A retry under
// the same key is the same command; a new key is a new command, answered on its own merits.
import { applyDecorators, createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { ApiHeader } from '@nestjs/swagger';
import { ApiIdempotencyKey, idempotencyKeyOf } from './idempotency-key.decorator.js';
import { requestIdOf, type ApiRequest } from './request-context.js';
import { ACCEPTABLE_REQUEST_ID } from './request-log.js';

export const RequestKey = createParamDecorator((_data: unknown, ctx: ExecutionContext) => {
  const req = ctx.switchToHttp().getRequest<ApiRequest>();
  return idempotencyKeyOf(req) ?? requestIdOf(req);
});

/**
 * Both headers RequestKey reads, in the OpenAPI document. X-Request-Id is never refused (any
 * request may carry one, for correlation): one that does not look like an id is replaced by a
 * fresh one, so its schema is any string, and what makes it usable is said in words.
 */
export function ApiRequestKey(): MethodDecorator & ClassDecorator {
  return applyDecorators(
    ApiIdempotencyKey('Makes a retried request the same request'),
    ApiHeader({
      name: 'X-Request-Id',
      required: false,
      description: `Correlates the request in logs (every answer carries X-Request-Id). Without an Idempotency-Key it is also the retry key, when it matches ${ACCEPTABLE_REQUEST_ID.source}; otherwise a fresh id is used`,
      schema: { type: 'string' },
    }),
  );
}
