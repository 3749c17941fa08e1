// A person's bearer token, checked as OIDC says: the issuer's discovery document
// (<issuer>/.well-known/openid-configuration) names its keys (jwks_uri); the token must be signed
// by one of them with an asymmetric algorithm, be issued by the configured issuer for the
// configured audience, and be within its validity (give or take the clock tolerance). The keys are
// fetched once and cached; a token whose key id is not among them fetches them again (the issuer
// rotated its keys), at most once per cooldown. Each way a token can be wrong is its own defect,
// told to the caller in the 401's WWW-Authenticate.
//
// A client sends the same token with every request until it expires, and checking an ES256
// signature costs more CPU than answering a cached read, so a token that verified is remembered
// (by its exact text) until it expires, for at most a minute: a key the issuer withdraws stops
// working within that minute, as with any cache of its keys.
import { createRemoteJWKSet, decodeProtectedHeader, errors, jwtVerify, type JWTPayload, type JWTVerifyGetKey } from 'jose';
import type { AuthConfig } from '../../shared/config.js';
import { IdentityProviderUnavailableError, UnauthenticatedError, type CredentialDefect } from './auth-errors.js';
import type { Principal } from './principal.js';
import { isRole, permissionsOf } from './roles.js';

/** Asymmetric only: an HMAC "signature" keyed with the issuer's public key would be anyone's to forge. */
export const ACCEPTED_ALGORITHMS = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512', 'EdDSA', 'Ed25519'];

const FETCH_TIMEOUT_MS = 5_000;
/** The issuer's keys are fetched again at least this often, so a key it withdrew stops working. */
const JWKS_MAX_AGE_MS = 10 * 60_000;
/** How long a verified token is taken on trust, at most (never past its exp). */
const VERIFIED_TTL_MS = 60_000;
/** Tokens remembered at once: beyond it, the oldest is forgotten first. */
const VERIFIED_MAX = 10_000;

export class OidcVerifier {
  private keys: Promise<JWTVerifyGetKey> | undefined;
  private readonly verified = new Map<string, { principal: Principal; until: number }>();

  constructor(
    private readonly config: AuthConfig,
    private readonly now: () => number = Date.now,
  ) {}

  async verify(token: string): Promise<Principal> {
    const known = this.verified.get(token);
    if (known && known.until > this.now()) return known.principal;
    if (known) this.verified.delete(token);
    const alg = headerAlgorithm(token);
    if (!ACCEPTED_ALGORITHMS.includes(alg)) throw new UnauthenticatedError('algorithm_not_allowed', `tokens signed with alg ${alg} are not accepted (${ACCEPTED_ALGORITHMS.join(', ')} are)`);
    const keys = await this.issuerKeys();
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, keys, {
        issuer: this.config.issuer,
        audience: this.config.audience,
        algorithms: ACCEPTED_ALGORITHMS,
        clockTolerance: this.config.clockToleranceSeconds,
        currentDate: new Date(this.now()),
        requiredClaims: ['exp', 'sub'],
      }));
    } catch (err) {
      throw refusal(err, this.config);
    }
    const principal = this.principal(payload);
    this.remember(token, principal, Number(payload.exp) * 1000);
    return principal;
  }

  private remember(token: string, principal: Principal, expiresAt: number): void {
    if (this.verified.size >= VERIFIED_MAX) this.verified.delete(this.verified.keys().next().value!);
    this.verified.set(token, { principal, until: Math.min(expiresAt, this.now() + VERIFIED_TTL_MS) });
  }

  private principal(payload: JWTPayload): Principal {
    const roles = rolesIn(claimAt(payload, this.config.rolesClaim)).filter(isRole);
    const agency = claimAt(payload, this.config.agencyClaim);
    if (roles.includes('agency') && (typeof agency !== 'string' || agency === '')) {
      throw new UnauthenticatedError('invalid_claims', `an agency user's token must name their agency in the ${this.config.agencyClaim} claim`);
    }
    const name = typeof payload['name'] === 'string' ? payload['name'] : undefined;
    return {
      kind: 'person',
      subject: String(payload.sub),
      roles,
      permissions: permissionsOf(roles),
      ...(typeof agency === 'string' && agency !== '' ? { agencyId: agency } : {}),
      ...(name ? { name } : {}),
    };
  }

  /** The key set of the issuer's discovery document, asked for once; a failure is asked again by the next request. */
  private issuerKeys(): Promise<JWTVerifyGetKey> {
    this.keys ??= this.discover().catch((err: unknown) => {
      this.keys = undefined;
      throw err;
    });
    return this.keys;
  }

  private async discover(): Promise<JWTVerifyGetKey> {
    const { issuer, jwksCooldownSeconds } = this.config;
    const url = `${issuer.replace(/\/+$/, '')}/.well-known/openid-configuration`;
    let document: { issuer?: unknown; jwks_uri?: unknown };
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(FETCH_TIMEOUT_MS), headers: { accept: 'application/json' } });
      if (!res.ok) throw new Error(`${url} answered ${res.status}`);
      document = (await res.json()) as typeof document;
    } catch (err) {
      throw new IdentityProviderUnavailableError(`its discovery document at ${url} could not be read: ${(err as Error).message}`, { cause: err });
    }
    // OpenID Connect Discovery 4.3: the document must name the issuer it was asked for.
    if (document.issuer !== issuer) throw new IdentityProviderUnavailableError(`${url} names the issuer ${JSON.stringify(document.issuer)}, not ${issuer} (OIDC_ISSUER must be the issuer exactly as its tokens say it)`);
    if (typeof document.jwks_uri !== 'string') throw new IdentityProviderUnavailableError(`${url} names no jwks_uri`);
    const jwks = createRemoteJWKSet(new URL(document.jwks_uri), { timeoutDuration: FETCH_TIMEOUT_MS, cooldownDuration: jwksCooldownSeconds * 1000, cacheMaxAge: JWKS_MAX_AGE_MS });
    return async (header, token) => {
      try {
        return await jwks(header, token);
      } catch (err) {
        if (err instanceof errors.JWKSNoMatchingKey || err instanceof errors.JWKSMultipleMatchingKeys) throw err;
        throw new IdentityProviderUnavailableError(`its keys at ${document.jwks_uri as string} could not be read: ${(err as Error).message}`, { cause: err });
      }
    };
  }
}

/** The token's header's alg, before anything else is looked at: `none` and HMAC are refused without asking the issuer. */
function headerAlgorithm(token: string): string {
  if (!/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/.test(token)) throw new UnauthenticatedError('malformed', 'the bearer token is not a JWT (three base64url parts separated by dots)');
  try {
    return String(decodeProtectedHeader(token).alg);
  } catch {
    throw new UnauthenticatedError('malformed', 'the bearer token is not a JWT: its header does not decode');
  }
}

const CLAIM_DEFECTS: Record<string, CredentialDefect> = { nbf: 'not_yet_valid', aud: 'wrong_audience', iss: 'wrong_issuer' };

/** What the verification failure tells the caller; the issuer out of reach is not the caller's fault (503). */
function refusal(err: unknown, config: AuthConfig): Error {
  if (err instanceof IdentityProviderUnavailableError) return err;
  if (err instanceof errors.JWTExpired) return new UnauthenticatedError('expired', `the token expired at ${isoDate(err.payload.exp)}`);
  if (err instanceof errors.JWTClaimValidationFailed) {
    const defect = CLAIM_DEFECTS[err.claim] ?? (err.reason === 'missing' ? 'malformed' : 'invalid_claims');
    if (defect === 'not_yet_valid') return new UnauthenticatedError(defect, `the token is not valid before ${isoDate(err.payload.nbf)}`);
    if (defect === 'wrong_audience') return new UnauthenticatedError(defect, `the token is not meant for this API (its audience is not ${config.audience})`);
    if (defect === 'wrong_issuer') return new UnauthenticatedError(defect, `the token was not issued by ${config.issuer}`);
    return new UnauthenticatedError(defect, `the token's claims are not acceptable: ${err.message}`);
  }
  if (err instanceof errors.JWSSignatureVerificationFailed) return new UnauthenticatedError('bad_signature', "the token's signature does not verify with the issuer's key");
  if (err instanceof errors.JWKSNoMatchingKey || err instanceof errors.JWKSMultipleMatchingKeys) return new UnauthenticatedError('unknown_key', "the token's key id is not among the issuer's keys");
  if (err instanceof errors.JOSEAlgNotAllowed || err instanceof errors.JOSENotSupported) return new UnauthenticatedError('algorithm_not_allowed', `the token's algorithm is not accepted: ${err.message}`);
  if (err instanceof errors.JOSEError) return new UnauthenticatedError('malformed', `the bearer token is not a valid JWT: ${err.message}`);
  return err instanceof Error ? err : new Error(String(err));
}

function isoDate(seconds: unknown): string {
  return typeof seconds === 'number' && Number.isFinite(seconds) ? new Date(seconds * 1000).toISOString() : String(seconds);
}

/** A claim by dotted path (`realm_access.roles`), or undefined. */
function claimAt(payload: JWTPayload, path: string): unknown {
  let at: unknown = payload;
  for (const key of path.split('.')) at = typeof at === 'object' && at !== null && Object.hasOwn(at, key) ? (at as Record<string, unknown>)[key] : undefined;
  return at;
}

/** Roles as an array of names, or one string of names separated by spaces or commas (as some issuers write scopes). */
function rolesIn(claim: unknown): string[] {
  if (Array.isArray(claim)) return claim.filter((r): r is string => typeof r === 'string');
  if (typeof claim === 'string') return claim.split(/[\s,]+/).filter(Boolean);
  return [];
}
