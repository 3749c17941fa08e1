// API keys end to end, over a real database: an admin makes one (shown once, stored as a hash),
// a machine calls with it (Authorization: Bearer or X-Api-Key) within what it was granted, and once
// revoked it is refused from the next request on.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createHash, randomUUID } from 'node:crypto';
import { startDatabaseApi, type DatabaseApi } from '../testkit/database-api.js';
import { authAs } from '../testkit/tokens.js';
import type { ApiKeyView } from './api-keys/api-key-view.js';
import type { Problem } from './http/problem.js';

let api: DatabaseApi;

beforeAll(async () => {
  api = await startDatabaseApi();
});
afterAll(async () => {
  await api?.close();
});

interface Answer<T> {
  status: number;
  challenge: string | null;
  body: T;
}

async function call<T = Problem>(method: string, path: string, credential: Record<string, string>, body?: unknown): Promise<Answer<T>> {
  const res = await fetch(`${api.base}${path}`, { method, headers: { ...credential, ...(body === undefined ? {} : { 'content-type': 'application/json' }) }, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
  const text = await res.text();
  return { status: res.status, challenge: res.headers.get('www-authenticate'), body: (text && res.headers.get('content-type')?.includes('json') ? JSON.parse(text) : text) as T };
}

const asAdmin = () => authAs('admin');
const create = async (body: object) => call<ApiKeyView & { key: string }>('POST', '/v1/api-keys', await asAdmin(), body);

describe('an API key', () => {
  it('is shown once when an admin creates it, and only its hash is kept', async () => {
    const created = await create({ name: 'prometheus', permissions: ['metrics:read'] });
    expect(created).toMatchObject({ status: 201, body: { name: 'prometheus', roles: [], permissions: ['metrics:read'], agencyId: null, createdBy: 'admin', revokedAt: null, revokedBy: null } });
    const { key, prefix, id } = created.body;
    expect(key).toMatch(/^ck_[0-9a-f]{12}_[A-Za-z0-9_-]{43}$/);
    expect(key.startsWith(`${prefix}_`)).toBe(true);
    const listed = await call<{ items: Record<string, unknown>[] }>('GET', '/v1/api-keys', await asAdmin());
    const shown = listed.body.items.find((k) => k['id'] === id);
    expect(shown).toMatchObject({ prefix, name: 'prometheus' });
    expect(Object.keys(shown!)).not.toContain('key');
    expect(Object.keys(shown!)).not.toContain('hash');
    const rows = await api.orm.em.fork().execute<Record<string, unknown>[]>('select * from api_keys where id = ?', [id]);
    expect(rows[0]!['hash']).toBe(createHash('sha256').update(key).digest('hex'));
    expect(JSON.stringify(rows)).not.toContain(key.slice(prefix.length + 1));
  });

  it('lets a machine in within what it was granted, as a bearer or in X-Api-Key', async () => {
    const { key } = (await create({ name: 'scraper', permissions: ['metrics:read'] })).body;
    expect((await call('GET', '/metrics', { authorization: `Bearer ${key}` })).status).toBe(200);
    expect((await call('GET', '/metrics', { 'x-api-key': key })).status).toBe(200);
    expect(await call('GET', '/v1/loans', { 'x-api-key': key })).toMatchObject({ status: 403, challenge: 'Bearer realm="credence", error="insufficient_scope", scope="loans:read"', body: { detail: expect.stringMatching(/^the API key ck_[0-9a-f]{12} may not do this/) } });
    const { key: reader } = (await create({ name: 'reporting', roles: ['compliance'] })).body;
    expect((await call('GET', '/v1/loans', { 'x-api-key': reader })).status).toBe(200);
    expect((await call('POST', '/v1/loans/0b6f3c2e-9a41-4d5e-8f70-1c2d3e4f5a6b/withdraw', { 'x-api-key': reader })).status).toBe(403);
  });

  it('is refused when unknown, when its secret is wrong, or when it is not shaped like a key', async () => {
    const { key, prefix } = (await create({ name: 'partner', roles: ['ops'] })).body;
    const wrongSecret = `${prefix}_${'A'.repeat(43)}`;
    expect(await call('GET', '/v1/loans', { 'x-api-key': wrongSecret })).toMatchObject({ status: 401, body: { detail: `there is no API key ${prefix} with that secret` } });
    expect(await call('GET', '/v1/loans', { 'x-api-key': `ck_000000000000_${key.slice(-43)}` })).toMatchObject({ status: 401, body: { type: 'https://credence.dev/problems/unauthenticated' } });
    expect(await call('GET', '/v1/loans', { 'x-api-key': 'ck_short' })).toMatchObject({ status: 401, body: { detail: expect.stringMatching(/^the API key is not shaped like one/) } });
    expect(await call('GET', '/v1/loans', { 'x-api-key': 'not-a-key' })).toMatchObject({ status: 401, body: { detail: 'X-Api-Key takes an API key (ck_...)' } });
  });

  it('is refused from the next request on once revoked; revoking again keeps the first revocation', async () => {
    const { key, id, prefix } = (await create({ name: 'to revoke', roles: ['ops'] })).body;
    expect((await call('GET', '/v1/loans', { 'x-api-key': key })).status).toBe(200);
    const revoked = await call<ApiKeyView>('POST', `/v1/api-keys/${id}/revoke`, await asAdmin());
    expect(revoked).toMatchObject({ status: 200, body: { id, revokedAt: expect.any(String), revokedBy: 'admin' } });
    expect(await call('GET', '/v1/loans', { authorization: `Bearer ${key}` })).toMatchObject({
      status: 401,
      challenge: expect.stringContaining(`error="invalid_token", error_description="the API key ${prefix} was revoked at`),
      body: { detail: `the API key ${prefix} was revoked at ${revoked.body.revokedAt!}` },
    });
    expect((await call<ApiKeyView>('POST', `/v1/api-keys/${id}/revoke`, await asAdmin())).body.revokedAt).toBe(revoked.body.revokedAt);
    expect(await call('POST', `/v1/api-keys/${randomUUID()}/revoke`, await asAdmin())).toMatchObject({ status: 404, body: { type: 'https://credence.dev/problems/api-key-not-found' } });
  });
});

describe('making API keys', () => {
  it('is for admins: not ops, and not a key, whatever it was granted', async () => {
    expect((await call('GET', '/v1/api-keys', await authAs('ops'))).status).toBe(403);
    expect((await call('POST', '/v1/api-keys', await authAs('compliance'), { name: 'x', roles: ['ops'] })).status).toBe(403);
    const { key } = (await create({ name: 'everything a key may hold', roles: ['ops', 'underwriter', 'collector', 'compliance'] })).body;
    expect((await call('POST', '/v1/api-keys', { 'x-api-key': key }, { name: 'escalation', roles: ['ops'] })).status).toBe(403);
  });

  it('refuses a key that could do nothing, admin or borrower keys, the right to make keys, and an agency key without its agency', async () => {
    expect(await create({ name: 'nothing' })).toMatchObject({ status: 422, body: { errors: [{ field: 'roles', message: 'a key needs at least one role or permission' }] } });
    expect(await create({ name: 'root', roles: ['admin'] })).toMatchObject({ status: 400, body: { errors: [{ field: 'roles' }] } });
    expect(await create({ name: 'me', roles: ['borrower'] })).toMatchObject({ status: 400, body: { errors: [{ field: 'roles' }] } });
    expect(await create({ name: 'keymaker', permissions: ['api-keys:manage'] })).toMatchObject({ status: 400, body: { errors: [{ field: 'permissions' }] } });
    expect(await create({ name: 'agency', roles: ['agency'] })).toMatchObject({ status: 422, body: { errors: [{ field: 'agencyId' }] } });
    expect(await create({ name: 'stray', roles: ['ops'], agencyId: 'agy-northstar' })).toMatchObject({ status: 422, body: { errors: [{ field: 'agencyId' }] } });
    expect(await create({ name: 'northstar feed', roles: ['agency'], agencyId: 'agy-northstar' })).toMatchObject({ status: 201, body: { agencyId: 'agy-northstar' } });
  });
});
