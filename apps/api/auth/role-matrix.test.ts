// The access matrix, walked over the whole API: every operation of the live OpenAPI document is
// called without a credential, as each role's demo user (a token from the run's issuer) and with
// an API key for each role a key may have, against the real API over the real Temporal dev server,
// PostgreSQL, workers and sandboxes. A route that needs a permission answers 401 without a
// credential and 403 to whoever lacks it; whoever holds it gets past authentication and
// authorization (an empty body or an unknown ID is refused for what it is: a 400, 404, 409 or 422,
// never 401, 403 or a 5xx). A public route never asks for a credential. Reads are scoped to the
// caller (auth/scope.ts): an ID outside an agency's or a collector's scope is a 404, as an unknown
// one is, so those pass here as they do for every holder; the isolation itself is
// apps/api/recovery/agency-isolation.test.ts. One refusal is not about permissions: the desk
// (/v1/desk) acts as its caller, and a caller who is no collector or agency (admin, who holds every
// permission) is nobody's assignee there: 403 not-an-assignee, expected here explicitly.
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import type { OpenAPIObject, OperationObject, ParameterObject } from '@nestjs/swagger';
import { randomUUID } from 'node:crypto';
import { startApiHarness, type ApiHarness } from '../../testkit/api-harness.js';
import { tokenFor } from '../../testkit/tokens.js';
import type { Permission } from './permissions.js';
import { KEY_ROLES, ROLE_PERMISSIONS, ROLES, type Role } from './roles.js';

let h: ApiHarness;
let document: OpenAPIObject;
const keys = new Map<string, string>();

beforeAll(async () => {
  // Hundreds of requests from one address: the per-client rate limits would answer 429s.
  h = await startApiHarness({ server: 'dev', edge: { rateLimit: null } });
  document = (await h.call<OpenAPIObject>('GET', '/openapi.json')).body;
  for (const role of KEY_ROLES) {
    const created = await h.call<{ key: string }>('POST', '/v1/api-keys', { name: `matrix ${role}`, roles: [role], ...(role === 'agency' ? { agencyId: 'agy-northstar' } : {}) });
    expect(created.status).toBe(201);
    keys.set(role, created.body.key);
  }
});
afterAll(async () => {
  await h?.close();
});

const UNAUTHENTICATED = 'https://credence.dev/problems/unauthenticated';
const FORBIDDEN = 'https://credence.dev/problems/forbidden';
const NOT_AN_ASSIGNEE = 'https://credence.dev/problems/not-an-assignee';

/** Callers with a permission on the desk who are nobody's assignee there (no collector or agency role). */
const isDesk = (op: Operation) => op.path.startsWith('/v1/desk/');
const assigneeRole = (who: string) => ['collector', 'agency'].some((r) => who === r || who === `an API key of ${r}`);

interface Operation {
  method: string;
  path: string;
  /** undefined: public */
  permission: Permission | undefined;
  hasBody: boolean;
}

function operations(): Operation[] {
  return Object.entries(document.paths).flatMap(([template, item]) =>
    (Object.entries(item) as [string, OperationObject & { 'x-permission'?: Permission }][]).map(([method, op]) => {
      const params = (op.parameters ?? []) as ParameterObject[];
      const path = template.replace(/\{(\w+)\}/g, (_all, name: string) => encodeURIComponent(sample(params.find((p) => p.in === 'path' && p.name === name))));
      const query = params.filter((p) => p.in === 'query' && p.required).map((p) => `${p.name}=${encodeURIComponent(sample(p))}`);
      return { method: method.toUpperCase(), path: query.length > 0 ? `${path}?${query.join('&')}` : path, permission: op['x-permission'], hasBody: op.requestBody !== undefined };
    }),
  );
}

/** A value of the parameter's shape that names nothing that exists. */
function sample(param: ParameterObject | undefined): string {
  const schema = (param?.schema ?? {}) as { format?: string; example?: string | number; pattern?: string };
  if (param?.name === 'name') return 'application-pd';
  if (param?.name === 't') return '0'.repeat(32);
  if (schema.format === 'uuid') return randomUUID();
  if (schema.example !== undefined) return String(schema.example);
  throw new Error(`no sample for the parameter ${param?.name ?? '?'}: teach role-matrix.test.ts`);
}

interface Seen {
  status: number;
  type: string | undefined;
  challenge: string | null;
}

async function send(op: Operation, credential: Record<string, string>): Promise<Seen> {
  const res = await fetch(`${h.base}${op.path}`, {
    method: op.method,
    headers: { ...credential, ...(op.hasBody ? { 'content-type': 'application/json' } : {}) },
    ...(op.hasBody ? { body: '{}' } : {}),
  });
  const text = await res.text();
  const type = res.headers.get('content-type')?.startsWith('application/problem+json') ? (JSON.parse(text) as { type: string }).type : undefined;
  return { status: res.status, type, challenge: res.headers.get('www-authenticate') };
}

/** What is wrong with an answer, given who asked and whether they may; undefined when it is right. */
function fault(op: Operation, who: string, allowed: boolean, seen: Seen): string | undefined {
  const says = `${op.method} ${op.path} as ${who}: ${seen.status} ${seen.type ?? ''}`;
  if (!allowed) {
    if (op.permission === undefined) return `${says}, but it is public`;
    if (who === 'nobody') return seen.status === 401 && seen.type === UNAUTHENTICATED && seen.challenge === 'Bearer realm="credence"' ? undefined : `${says}, expected 401 asking for a credential`;
    return seen.status === 403 && seen.type === FORBIDDEN && seen.challenge?.includes(`scope="${op.permission}"`) ? undefined : `${says}, expected 403 for lacking ${op.permission}`;
  }
  if (seen.type === UNAUTHENTICATED || seen.type === FORBIDDEN || seen.status >= 500) return `${says}, expected to get past authentication (${op.permission ?? 'public'})`;
  const deskRefuses = isDesk(op) && !assigneeRole(who);
  if (deskRefuses !== (seen.type === NOT_AN_ASSIGNEE)) return deskRefuses ? `${says}, expected 403 not-an-assignee: the desk acts only as a collector or an agency` : `${says}, refused as nobody's assignee`;
  if (deskRefuses && seen.status !== 403) return `${says}, expected 403 for not-an-assignee`;
  return undefined;
}

it('answers every operation as the access matrix says, for nobody, every role and an API key of every role a key may have', async () => {
  const ops = operations();
  expect(ops.length).toBeGreaterThan(60);
  const callers: { who: string; credential: Record<string, string>; holds: (p: Permission) => boolean }[] = [
    { who: 'nobody', credential: {}, holds: () => false },
    ...(await Promise.all(ROLES.map(async (role) => ({ who: role, credential: { authorization: `Bearer ${await tokenFor(role)}` }, holds: (p: Permission) => ROLE_PERMISSIONS[role].includes(p) })))),
    ...KEY_ROLES.map((role: Role) => ({ who: `an API key of ${role}`, credential: { 'x-api-key': keys.get(role)! }, holds: (p: Permission) => ROLE_PERMISSIONS[role].includes(p) })),
  ];
  const faults: string[] = [];
  const tally = { refused401: 0, refused403: 0, allowed: 0 };
  for (const op of ops) {
    const answers = await Promise.all(callers.map(async (caller) => ({ caller, seen: await send(op, caller.credential) })));
    for (const { caller, seen } of answers) {
      const allowed = op.permission === undefined || caller.holds(op.permission);
      const wrong = fault(op, caller.who, allowed, seen);
      if (wrong) faults.push(wrong);
      else if (!allowed) tally[caller.who === 'nobody' ? 'refused401' : 'refused403'] += 1;
      else tally.allowed += 1;
    }
  }
  expect(faults).toEqual([]);
  // Every kind of answer was seen, over every operation and caller.
  expect(tally.refused401).toBe(ops.filter((o) => o.permission !== undefined).length);
  expect(tally.refused403).toBeGreaterThan(100);
  expect(tally.allowed + tally.refused401 + tally.refused403).toBe(ops.length * callers.length);
});

it('publishes the OpenAPI document and its UI to anyone', async () => {
  for (const path of ['/openapi.json', '/openapi.yaml', '/docs']) expect({ path, status: (await fetch(`${h.base}${path}`)).status }).toEqual({ path, status: 200 });
});
