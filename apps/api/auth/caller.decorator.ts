// The authenticated caller of a route that requires a permission, for a use case that records who
// did what. (A public route has none.)
import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { ApiRequest } from '../http/request-context.js';
import type { Principal } from './principal.js';

export const Caller = createParamDecorator((_data: unknown, context: ExecutionContext): Principal => {
  const principal = context.switchToHttp().getRequest<ApiRequest>().principal;
  if (!principal) throw new Error('@Caller() on a route nobody was authenticated for: declare @Requires(<permission>) on it');
  return principal;
});
