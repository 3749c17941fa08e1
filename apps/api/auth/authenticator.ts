// Who sent a request: a person's OIDC access token (`Authorization: Bearer <JWT>`) or a
// machine's API key (`Authorization: Bearer ck_...` or `X-Api-Key: ck_...`). One credential per
// request; the outcome is kept on the request, so the early check and the guard verify it once.
import { Inject, Injectable } from '@nestjs/common';
import type { CredenceConfig } from '../../shared/config.js';
import type { ApiRequest } from '../http/request-context.js';
import { CONFIG } from '../tokens.js';
import { ApiKeyVerifier } from './api-key-verifier.js';
import { looksLikeApiKey } from './api-key.js';
import { ForbiddenError, UnauthenticatedError } from './auth-errors.js';
import { OidcVerifier } from './oidc-verifier.js';
import type { Permission } from './permissions.js';
import type { Principal } from './principal.js';

@Injectable()
export class Authenticator {
  private readonly oidc: OidcVerifier;

  constructor(
    @Inject(CONFIG) config: CredenceConfig,
    private readonly apiKeys: ApiKeyVerifier,
  ) {
    this.oidc = new OidcVerifier(config.auth);
  }

  authenticate(req: ApiRequest): Promise<Principal> {
    req.authentication ??= this.identify(req);
    return req.authentication;
  }

  /** The principal when it holds `permission`; ForbiddenError otherwise. */
  async authorize(req: ApiRequest, permission: Permission): Promise<Principal> {
    const principal = await this.authenticate(req);
    if (!principal.permissions.has(permission)) throw new ForbiddenError(permission, describe(principal));
    return principal;
  }

  private async identify(req: ApiRequest): Promise<Principal> {
    const credential = credentialOf(req);
    const principal = looksLikeApiKey(credential) ? await this.apiKeys.verify(credential) : await this.oidc.verify(credential);
    req.principal = principal;
    return principal;
  }
}

function credentialOf(req: ApiRequest): string {
  const authorization = req.headers.authorization;
  const apiKey = req.headers['x-api-key'];
  if (authorization !== undefined && apiKey !== undefined) throw new UnauthenticatedError('malformed', 'send one credential: an Authorization header or an X-Api-Key header, not both');
  if (typeof apiKey === 'string') {
    if (!looksLikeApiKey(apiKey)) throw new UnauthenticatedError('malformed', 'X-Api-Key takes an API key (ck_...)');
    return apiKey;
  }
  if (authorization !== undefined) {
    const bearer = /^Bearer +([^\s]+) *$/i.exec(authorization);
    if (!bearer) throw new UnauthenticatedError('malformed', 'the Authorization header must be "Bearer <token or API key>"');
    return bearer[1]!;
  }
  throw new UnauthenticatedError('missing', "this route needs a person's bearer token (Authorization: Bearer <OIDC access token>) or an API key (Authorization: Bearer ck_... or X-Api-Key: ck_...)");
}

function describe(principal: Principal): string {
  if (principal.kind === 'machine') return `the API key ${principal.subject.replace(/^api-key:/, '')}`;
  return `${principal.subject} (${principal.roles.length > 0 ? principal.roles.join(', ') : 'no Credence role'})`;
}
