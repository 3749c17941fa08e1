// People's bearer tokens against a real issuer: the local development issuer, started here with
// keys of its own, and the API (over no backend: GET /v1/models needs none) verifying its tokens
// through discovery and its JWKS. A good token of either algorithm is let in; each way a token can
// be wrong is refused with 401, its problem document and its RFC 6750 challenge; a rotated key is
// picked up; a role without the permission is a 403.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { base64url, generateKeyPair, SignJWT } from 'jose';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startLocalIssuer, type LocalIssuer } from '../../sandboxes/oidc/local-issuer.js';
import { loadConfig } from '../../shared/config.js';
import { createOfflineApi, type OfflineApi } from '../offline-api.js';
import { OidcVerifier } from './oidc-verifier.js';

let issuer: LocalIssuer;
let api: OfflineApi;
let base: string;

beforeAll(async () => {
  issuer = await startLocalIssuer({ port: 0, keyDir: mkdtempSync(join(tmpdir(), 'credence-issuer-')) });
  // A cooldown of 0: a token with an unknown key id fetches the keys again at once (30 s by default).
  api = await createOfflineApi(undefined, { OIDC_ISSUER: issuer.issuer, OIDC_JWKS_COOLDOWN_SECONDS: '0', API_RATE_LIMIT: 'off' });
  await api.app.listen(0, '127.0.0.1');
  base = await api.app.getUrl();
});
afterAll(async () => {
  await api?.close();
  await issuer?.close();
});

interface Answer {
  status: number;
  challenge: string | null;
  type: string | undefined;
  detail: string | undefined;
}

async function get(path: string, headers: Record<string, string> = {}): Promise<Answer> {
  const res = await fetch(`${base}${path}`, { headers });
  const text = await res.text();
  const body = res.headers.get('content-type')?.startsWith('application/problem+json') ? (JSON.parse(text) as { type?: string; detail?: string }) : {};
  return { status: res.status, challenge: res.headers.get('www-authenticate'), type: body.type, detail: body.detail };
}

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
/** The key id a token's header names. */
const kidOf = (token: string) => (JSON.parse(Buffer.from(token.split('.')[0]!, 'base64url').toString('utf8')) as { kid: string }).kid;
const now = () => Math.floor(Date.now() / 1000);
const UNAUTHENTICATED = 'https://credence.dev/problems/unauthenticated';

/** A 401 for this defect: the problem document and the challenge both say why. */
function refused(why: RegExp) {
  return { status: 401, type: UNAUTHENTICATED, challenge: expect.stringMatching(new RegExp(`^Bearer realm="credence", error="invalid_token", error_description="${why.source}`)), detail: expect.stringMatching(why) };
}

describe('a bearer token from the configured issuer', () => {
  it('lets its holder in, signed ES256 or RS256', async () => {
    for (const alg of ['ES256', 'RS256'] as const) expect((await get('/v1/models', bearer(await issuer.mint('ops', { alg })))).status).toBe(200);
  });

  it('is asked for, with a bare challenge, when none is sent', async () => {
    expect(await get('/v1/models')).toEqual({ status: 401, type: UNAUTHENTICATED, challenge: 'Bearer realm="credence"', detail: expect.stringMatching(/needs a person's bearer token/) });
  });

  it('is refused once expired, and before it is valid (beyond the 30 s clock tolerance)', async () => {
    expect(await get('/v1/models', bearer(await issuer.mint('ops', { claims: { iat: now() - 7200, nbf: now() - 7200, exp: now() - 60 } })))).toEqual(refused(/the token expired at \d{4}-/));
    expect(await get('/v1/models', bearer(await issuer.mint('ops', { claims: { nbf: now() + 600 } })))).toEqual(refused(/the token is not valid before \d{4}-/));
    // Within the tolerance, a clock a little behind the issuer's is forgiven.
    expect((await get('/v1/models', bearer(await issuer.mint('ops', { claims: { nbf: now() + 10 } })))).status).toBe(200);
  });

  it('is refused when meant for another audience, or issued by another issuer', async () => {
    expect(await get('/v1/models', bearer(await issuer.mint('ops', { audience: 'another-api' })))).toEqual(refused(/the token is not meant for this API \(its audience is not credence-api\)/));
    expect(await get('/v1/models', bearer(await issuer.mint('ops', { claims: { iss: 'https://login.example.com' } })))).toEqual(refused(/the token was not issued by http:\/\/127\.0\.0\.1:\d+/));
  });

  it('is refused when its signature does not verify: altered claims, or signed by another key under the issuer\'s key id', async () => {
    const [header, , signature] = (await issuer.mint('borrower')).split('.');
    const [, adminClaims] = (await issuer.mint('admin')).split('.');
    expect(await get('/v1/models', bearer(`${header}.${adminClaims}.${signature}`))).toEqual(refused(/the token's signature does not verify with the issuer's key/));
    const { privateKey } = await generateKeyPair('ES256');
    const kid = kidOf(`${header!}..`);
    const forged = await new SignJWT({ sub: 'mallory', roles: ['admin'] }).setProtectedHeader({ alg: 'ES256', kid }).setIssuer(issuer.issuer).setAudience('credence-api').setExpirationTime('1h').sign(privateKey);
    expect(await get('/v1/models', bearer(forged))).toEqual(refused(/the token's signature does not verify/));
  });

  it('is refused unsigned (alg none), or HMAC-signed with the issuer\'s public key', async () => {
    const claims = { iss: issuer.issuer, aud: 'credence-api', sub: 'mallory', roles: ['admin'], exp: now() + 3600 };
    const unsigned = `${base64url.encode(JSON.stringify({ alg: 'none', typ: 'JWT' }))}.${base64url.encode(JSON.stringify(claims))}.`;
    expect(await get('/v1/models', bearer(unsigned))).toEqual(refused(/tokens signed with alg none are not accepted/));
    const jwks = (await (await fetch(`${issuer.url}/jwks.json`)).json()) as { keys: { kty: string }[] };
    const publicKey = new TextEncoder().encode(JSON.stringify(jwks.keys.find((k) => k.kty === 'RSA')));
    const confused = await new SignJWT(claims).setProtectedHeader({ alg: 'HS256' }).sign(publicKey);
    expect(await get('/v1/models', bearer(confused))).toEqual(refused(/tokens signed with alg HS256 are not accepted/));
  });

  it("is refused when its key id is none of the issuer's, even after fetching the keys again", async () => {
    const { privateKey } = await generateKeyPair('ES256');
    const stranger = await new SignJWT({ sub: 'mallory', roles: ['admin'] }).setProtectedHeader({ alg: 'ES256', kid: 'not-a-key-of-the-issuer' }).setIssuer(issuer.issuer).setAudience('credence-api').setExpirationTime('1h').sign(privateKey);
    expect(await get('/v1/models', bearer(stranger))).toEqual(refused(/the token's key id is not among the issuer's keys/));
  });

  it('is refused when it is not a JWT, or the Authorization header is not Bearer', async () => {
    for (const garbage of ['not-a-token', 'a.b', 'eyJub3QganNvbg.eyJ9.c2ln', '!!.??.##', 'a.b.c.d']) {
      expect({ garbage, ...(await get('/v1/models', bearer(garbage))) }).toEqual({ garbage, ...refused(/the bearer token is not a JWT/) });
    }
    expect(await get('/v1/models', { authorization: 'Basic b3BzOmNyZWRlbmNlLWRlbW8=' })).toEqual(refused(/the Authorization header must be .Bearer <token or API key>./));
    expect(await get('/v1/models', { authorization: `Bearer ${await issuer.mint('ops')}`, 'x-api-key': 'ck_000000000000_x' })).toEqual(refused(/send one credential/));
  });

  it('is refused without a subject, and for an agency user without the agency claim', async () => {
    expect(await get('/v1/models', bearer(await issuer.mint('ops', { claims: { sub: undefined } })))).toEqual(refused(/the token's claims are not acceptable: missing required .sub. claim/));
    expect(await get('/v1/recovery/work-items', bearer(await issuer.mint('agency-northstar', { claims: { agency_id: undefined } })))).toEqual(refused(/an agency user's token must name their agency in the agency_id claim/));
  });

  it('signed with a rotated key is let in (the keys are fetched again), and so is one signed before the rotation', async () => {
    const before = await issuer.mint('ops');
    expect((await get('/v1/models', bearer(before))).status).toBe(200);
    await issuer.rotate();
    const after = await issuer.mint('ops');
    expect(kidOf(after)).not.toBe(kidOf(before));
    expect((await get('/v1/models', bearer(after))).status).toBe(200);
    expect((await get('/v1/models', bearer(before))).status).toBe(200);
  });
});

describe('permissions', () => {
  it('a role without the permission the route needs is a 403 naming it', async () => {
    expect(await get('/v1/models', bearer(await issuer.mint('borrower')))).toEqual({
      status: 403,
      type: 'https://credence.dev/problems/forbidden',
      challenge: 'Bearer realm="credence", error="insufficient_scope", scope="models:read"',
      detail: 'borrower (borrower) may not do this: it needs the permission models:read',
    });
  });

  it('refuses before reading the body: a body over the limit without a token is a 401, not a 413', async () => {
    const res = await fetch(`${base}/v1/score`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: `{"records":"${'x'.repeat(3 * 1024 * 1024)}"}` });
    expect(res.status).toBe(401);
  });

  it('public routes ignore any credential: the OpenAPI document and an unsubscribe page answer a garbage token', async () => {
    expect((await get('/openapi.json', bearer('garbage'))).status).toBe(200);
    expect((await get('/unsubscribe/recovery-0b6f3c2e-9a41-4d5e-8f70-1c2d3e4f5a6b-1-3-email', bearer('garbage'))).status).toBe(200);
  });
});

describe('an issuer the API cannot reach', () => {
  it('is a 503 with Retry-After, not a 401: the token may well be good', async () => {
    const gone = await startLocalIssuer({ port: 0, keyDir: mkdtempSync(join(tmpdir(), 'credence-issuer-')) });
    const token = await gone.mint('ops');
    await gone.close();
    const orphan = await createOfflineApi(undefined, { OIDC_ISSUER: gone.issuer });
    try {
      await orphan.app.listen(0, '127.0.0.1');
      const res = await fetch(`${await orphan.app.getUrl()}/v1/models`, { headers: bearer(token) });
      expect(res.status).toBe(503);
      expect(res.headers.get('retry-after')).toBe('5');
      expect(((await res.json()) as { detail: string }).detail).toMatch(/^The identity provider could not be asked about the token \(its discovery document at http:\/\/127\.0\.0\.1:\d+\/\.well-known\/openid-configuration could not be read/);
    } finally {
      await orphan.close();
    }
  });
});

describe('a token that verified', () => {
  it('is remembered until its exp at most: once past it (and the clock tolerance) it is refused as expired', async () => {
    const own = await startLocalIssuer({ port: 0, keyDir: mkdtempSync(join(tmpdir(), 'credence-issuer-')) });
    try {
      let clock = Date.now();
      const verifier = new OidcVerifier(loadConfig({ OIDC_ISSUER: own.issuer }).auth, () => clock);
      const token = await own.mint('col-asha', { ttlSeconds: 20 });
      expect(await verifier.verify(token)).toMatchObject({ kind: 'person', subject: 'col-asha', roles: ['collector'] });
      clock += 15_000;
      expect((await verifier.verify(token)).subject).toBe('col-asha');
      clock += 40_000;
      await expect(verifier.verify(token)).rejects.toMatchObject({ defect: 'expired' });
    } finally {
      await own.close();
    }
  });
});
