// What makes a command request safe to retry: the client's Idempotency-Key when it sent one,
// else this request's id (X-Request-Id, the client's own when it sent a usable one). A retry under
// the same key is the same command; a new key is a new command, answered on its own merits.
import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { idempotencyKeyOf } from './idempotency-key.decorator.js';
import { requestIdOf, type ApiRequest } from './request-context.js';

export const RequestKey = createParamDecorator((_data: unknown, ctx: ExecutionContext) => {
  const req = ctx.switchToHttp().getRequest<ApiRequest>();
  return idempotencyKeyOf(req) ?? requestIdOf(req);
});
