// The authoritative check, on every route: the handler's own declaration, read from the handler
// Nest chose. Public routes pass; any other needs a caller holding its permission.
import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import type { ApiRequest } from '../http/request-context.js';
import { accessOf } from './access.decorator.js';
import { Authenticator } from './authenticator.js';

@Injectable()
export class AccessGuard implements CanActivate {
  constructor(private readonly authenticator: Authenticator) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const access = accessOf(context.getClass(), context.getHandler());
    // The API does not start with an undeclared route (route-access.ts); this only keeps it shut if one got through.
    if (!access) throw new Error(`${context.getClass().name}.${context.getHandler().name} declares no access`);
    if ('public' in access) return true;
    await this.authenticator.authorize(context.switchToHttp().getRequest<ApiRequest>(), access.permission);
    return true;
  }
}
