// Why a request was refused for who sent it: no usable credential (401, with the RFC 6750
// challenge saying what was wrong with it), a credential without the permission the route needs
// (403), or an identity provider the API could not ask about a token (503: retrying may work).
import type { Permission } from './permissions.js';

export type CredentialDefect =
  | 'missing'
  | 'malformed'
  | 'expired'
  | 'not_yet_valid'
  | 'wrong_audience'
  | 'wrong_issuer'
  | 'bad_signature'
  | 'algorithm_not_allowed'
  | 'unknown_key'
  | 'invalid_claims'
  | 'unknown_api_key'
  | 'revoked_api_key';

export const REALM = 'credence';

export class UnauthenticatedError extends Error {
  override readonly name = 'UnauthenticatedError';
  constructor(
    readonly defect: CredentialDefect,
    message: string,
  ) {
    super(message);
  }

  /** The WWW-Authenticate challenge: a bare one when no credential came (RFC 6750 3.1), else invalid_token and why. */
  challenge(): string {
    return this.defect === 'missing' ? `Bearer realm="${REALM}"` : `Bearer realm="${REALM}", error="invalid_token", error_description="${quotable(this.message)}"`;
  }
}

export class ForbiddenError extends Error {
  override readonly name = 'ForbiddenError';
  constructor(
    readonly permission: Permission,
    who: string,
  ) {
    super(`${who} may not do this: it needs the permission ${permission}`);
  }

  challenge(): string {
    return `Bearer realm="${REALM}", error="insufficient_scope", scope="${this.permission}"`;
  }
}

/** The issuer's discovery document or keys could not be had (down, unreachable, or not what OIDC says they are). */
export class IdentityProviderUnavailableError extends Error {
  override readonly name = 'IdentityProviderUnavailableError';
}

/** A quoted-string of an auth-param holds no quote or backslash here, nor anything outside visible ASCII and space. */
function quotable(text: string): string {
  return text.replace(/["\\]/g, "'").replace(/[^\x20-\x7e]/g, '?');
}
