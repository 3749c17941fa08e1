// dev:token mints only from the local development issuer: a token for the role's demo user there,
// a clear refusal for any other issuer (here, one whose discovery document is a real issuer's
// shape without the local issuer's mark), and for an issuer that does not answer.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { decodeJwt } from 'jose';
import { mkdtempSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startLocalIssuer, type LocalIssuer } from '../sandboxes/oidc/local-issuer.js';
import { devToken } from './dev-token.js';

let issuer: LocalIssuer;
let other: Server;
let otherUrl: string;

beforeAll(async () => {
  issuer = await startLocalIssuer({ port: 0, keyDir: mkdtempSync(join(tmpdir(), 'credence-dev-token-')) });
  other = createServer((_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ issuer: otherUrl, jwks_uri: `${otherUrl}/keys`, token_endpoint: `${otherUrl}/token` })));
  await new Promise<void>((resolve) => other.listen(0, '127.0.0.1', () => resolve()));
  otherUrl = `http://127.0.0.1:${(other.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await issuer?.close();
  other?.close();
});

describe('dev:token', () => {
  it("prints a token for the role's demo user, an agency's with --agency", async () => {
    expect(decodeJwt(await devToken({ role: 'ops' }, { OIDC_ISSUER: issuer.issuer }))).toMatchObject({ iss: issuer.issuer, sub: 'ops', roles: ['ops'], aud: 'credence-api' });
    expect(decodeJwt(await devToken({ role: 'agency', agency: 'agy-southgate', alg: 'RS256' }, { OIDC_ISSUER: issuer.issuer }))).toMatchObject({ sub: 'agency-southgate', agency_id: 'agy-southgate' });
    expect(decodeJwt(await devToken({ role: 'collector' }, { OIDC_PORT: new URL(issuer.issuer).port }))).toMatchObject({ sub: 'col-asha', roles: ['collector'] });
  });

  it('refuses an issuer that is not the local development issuer, saying so', async () => {
    await expect(devToken({ role: 'admin' }, { OIDC_ISSUER: otherUrl })).rejects.toThrow(`the configured issuer ${otherUrl} (OIDC_ISSUER) is not Credence's local development issuer, so dev:token mints nothing for it`);
  });

  it('says when no issuer answers, and refuses what it cannot do', async () => {
    await expect(devToken({ role: 'ops' }, { OIDC_ISSUER: 'http://127.0.0.1:9' })).rejects.toThrow(/did not answer at http:\/\/127\.0\.0\.1:9\/\.well-known\/openid-configuration .*is it running\?$/);
    await expect(devToken({ role: 'king' }, { OIDC_ISSUER: issuer.issuer })).rejects.toThrow('--role must be one of admin, ops, underwriter, collector, agency, compliance, borrower');
    await expect(devToken({ role: 'ops', agency: 'agy-northstar' }, { OIDC_ISSUER: issuer.issuer })).rejects.toThrow('--agency goes with --role agency');
    await expect(devToken({ role: 'agency', agency: 'agy-nowhere' }, { OIDC_ISSUER: issuer.issuer })).rejects.toThrow('the demo agencies are agy-northstar, agy-southgate');
  });
});
