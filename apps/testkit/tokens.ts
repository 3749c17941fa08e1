// Bearer tokens for tests, from the run's OIDC issuer (the local issuer global-setup.js starts):
// the API under test verifies them as it verifies any person's token, against the issuer's
// discovery document and keys. Nothing in the API is switched off for tests.
import type { Role } from '../api/auth/roles.js';
import { DEMO_PASSWORD, DEMO_USERS } from '../sandboxes/oidc/local-issuer.js';

/** The run's issuer; global-setup.js sets it before the test workers start. */
export function testIssuer(): string {
  const issuer = process.env.CREDENCE_TEST_OIDC_ISSUER;
  if (!issuer) throw new Error('CREDENCE_TEST_OIDC_ISSUER is not set: the tests\' global setup (apps/testkit/global-setup.js) starts the issuer and sets it');
  return issuer;
}

/** Settings that point an API's config at the run's issuer, for loadConfig. */
export function testIssuerEnv(): { OIDC_ISSUER: string } {
  return { OIDC_ISSUER: testIssuer() };
}

const tokens = new Map<string, Promise<string>>();

/** A token for the role's demo user (an agency's with `agency`), from the issuer's token endpoint; one per role and run. */
export function tokenFor(role: Role, agency?: string): Promise<string> {
  const user = DEMO_USERS.find((u) => u.roles.includes(role) && (agency === undefined || u.agencyId === agency));
  if (!user) throw new Error(`no demo user with role ${role}${agency ? ` in agency ${agency}` : ''}`);
  return tokenForUser(user.username);
}

async function requestToken(username: string): Promise<string> {
  const res = await fetch(`${testIssuer()}/token`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ grant_type: 'password', username, password: DEMO_PASSWORD }) });
  const body = (await res.json()) as { access_token?: string };
  if (!res.ok || !body.access_token) throw new Error(`the test issuer gave no token for ${username}: ${res.status} ${JSON.stringify(body)}`);
  return body.access_token;
}

/** A token for the demo user `username` (any `col-<name>` is a collector whose assignee ID is that name: local-issuer.ts). */
export function tokenForUser(username: string): Promise<string> {
  let token = tokens.get(username);
  if (!token) {
    token = requestToken(username);
    tokens.set(username, token);
    token.catch(() => tokens.delete(username));
  }
  return token;
}

/** `{ authorization: 'Bearer …' }` for the demo user `username`: a collector acting as themselves at the desk. */
export async function authAsUser(username: string): Promise<{ authorization: string }> {
  return { authorization: `Bearer ${await tokenForUser(username)}` };
}

/** `{ authorization: 'Bearer …' }` for the role's demo user. */
export async function authAs(role: Role, agency?: string): Promise<{ authorization: string }> {
  return { authorization: `Bearer ${await tokenFor(role, agency)}` };
}
