// The early check: a request to a route that needs a permission is authenticated and authorized
// here, before the body reader, so a caller without the right credential costs a header check
// and a signature verification, never a body read and parsed. The guard (access.guard.ts) checks
// again against the handler Nest actually chose, so nothing rests on this lookup alone.
import { Injectable, type NestMiddleware } from '@nestjs/common';
import { pathOf, type ApiRequest, type ApiResponse } from '../http/request-context.js';
import { Authenticator } from './authenticator.js';
import { RouteAccess } from './route-access.js';

@Injectable()
export class AuthenticateMiddleware implements NestMiddleware<ApiRequest, ApiResponse> {
  constructor(
    private readonly routes: RouteAccess,
    private readonly authenticator: Authenticator,
  ) {}

  async use(req: ApiRequest, _res: ApiResponse, next: (error?: unknown) => void): Promise<void> {
    const access = this.routes.find(req.method, pathOf(req));
    if (access && 'permission' in access) await this.authenticator.authorize(req, access.permission);
    next();
  }
}
