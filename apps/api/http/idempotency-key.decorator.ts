// The Idempotency-Key header: optional, and when present 1 to 255 visible ASCII characters
// (Stripe's limit, and the column's). ApiIdempotencyKey documents it with that schema, so the
// OpenAPI document and this check say the same.
import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { ApiHeader } from '@nestjs/swagger';
import { ProblemException } from './problem.js';
import type { ApiRequest } from './request-context.js';
import { VISIBLE_ASCII_REFERENCE } from './schema.js';

export const IDEMPOTENCY_KEY_HEADER = 'Idempotency-Key';

export function idempotencyKeyOf(req: ApiRequest): string | undefined {
  const value = req.headers['idempotency-key'];
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || !VISIBLE_ASCII_REFERENCE.test(value)) {
    throw ProblemException.validation([{ field: IDEMPOTENCY_KEY_HEADER, message: 'must be 1 to 255 visible ASCII characters, e.g. a UUID' }]);
  }
  return value;
}

export const IdempotencyKey = createParamDecorator((_data: unknown, ctx: ExecutionContext) => idempotencyKeyOf(ctx.switchToHttp().getRequest<ApiRequest>()));

/** The header in the OpenAPI document, for an operation that reads it with IdempotencyKey or RequestKey. */
export function ApiIdempotencyKey(description: string): MethodDecorator & ClassDecorator {
  return ApiHeader({ name: IDEMPOTENCY_KEY_HEADER, required: false, description: `${description} (1 to 255 visible ASCII characters)`, schema: { type: 'string', minLength: 1, maxLength: 255, pattern: VISIBLE_ASCII_REFERENCE.source } });
}
