// The Idempotency-Key header: optional, and when present 1 to 255 visible ASCII characters
// (Stripe's limit, and the column's).
import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { ProblemException } from './problem.js';
import type { ApiRequest } from './request-context.js';

export function idempotencyKeyOf(req: ApiRequest): string | undefined {
  const value = req.headers['idempotency-key'];
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || !/^[\x21-\x7e]{1,255}$/.test(value)) {
    throw ProblemException.validation([{ field: 'Idempotency-Key', message: 'must be 1 to 255 visible ASCII characters, e.g. a UUID' }]);
  }
  return value;
}

export const IdempotencyKey = createParamDecorator((_data: unknown, ctx: ExecutionContext) => idempotencyKeyOf(ctx.switchToHttp().getRequest<ApiRequest>()));
