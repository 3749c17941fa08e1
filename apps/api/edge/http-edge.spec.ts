// The edge through the real app over real sockets (createOfflineApi: the real Express and Nest
// stack, no backend): headers on every kind of answer, per-client limits (429), admission (503),
// and the bind address. A request is held inside the server by sending its headers and only part
// of its body: admission happens before the body is read, so it holds its slot until the rest comes.
import { afterEach, describe, expect, it } from '@jest/globals';
import { request, type IncomingMessage, type Server } from 'node:http';
import { connect, type Socket } from 'node:net';
import { readFileSync } from 'node:fs';
import { pino } from 'pino';
import { loadConfig } from '../../shared/config.js';
import { eventually } from '../../testkit/read-model.js';
import { testIssuerEnv, tokenFor } from '../../testkit/tokens.js';
import type { Problem } from '../http/problem.js';
import { createOfflineApi, type OfflineApi } from '../offline-api.js';
import { listenApi } from './http-edge.js';
import { API_CSP, DOCS_CSP } from './security-headers.js';

const verification = JSON.parse(readFileSync(new URL('../../../models/artifacts/application-pd/1.0.0/verification.json', import.meta.url), 'utf8')) as { records: Record<string, unknown>[] };
const scoreBody = JSON.stringify({ model: 'application-pd', records: [verification.records[0]] });

let api: OfflineApi | undefined;
let base: string;
let port: number;
/** An admin's token from the run's issuer: every request here carries it (the public routes ignore it). */
let token: string;
const logLines: Record<string, unknown>[] = [];
const open: Socket[] = [];

afterEach(async () => {
  open.forEach((s) => s.destroy());
  open.length = 0;
  await api?.close();
  api = undefined;
  logLines.length = 0;
});

async function start(env: NodeJS.ProcessEnv = {}): Promise<void> {
  const logger = pino({ level: 'info' }, { write: (line: string) => void logLines.push(JSON.parse(line) as Record<string, unknown>) });
  token = await tokenFor('admin');
  api = await createOfflineApi(logger, { ...testIssuerEnv(), ...env });
  await api.app.listen(0, '127.0.0.1');
  base = await api.app.getUrl();
  port = Number(new URL(base).port);
}

interface Answer {
  status: number;
  headers: Headers;
  body: Problem;
}

async function send(method: string, path: string, body?: string, headers: Record<string, string> = {}): Promise<Answer> {
  const auth = { authorization: `Bearer ${token}` };
  const res = await fetch(`${base}${path}`, { method, headers: body === undefined ? { ...auth, ...headers } : { ...auth, 'content-type': 'application/json', ...headers }, ...(body === undefined ? {} : { body }) });
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: (text && res.headers.get('content-type')?.includes('json') ? JSON.parse(text) : text) as Problem };
}

interface Post {
  path: string;
  contentType: string;
  body: string;
}

const SCORE: Post = { path: '/v1/score', contentType: 'application/json', body: scoreBody };

/** A POST with its headers and half its body: admitted, and held until release(), which waits for its JSON answer. */
function heldPost(requestId: string, post: Post): { release(): Promise<string> } {
  const socket = connect(port, '127.0.0.1');
  open.push(socket);
  let received = '';
  socket.on('data', (chunk: Buffer) => (received += chunk.toString('utf8')));
  const half = Math.floor(post.body.length / 2);
  socket.write(`POST ${post.path} HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${token}\r\nContent-Type: ${post.contentType}\r\nContent-Length: ${Buffer.byteLength(post.body)}\r\nX-Request-Id: ${requestId}\r\n\r\n${post.body.slice(0, half)}`);
  return {
    async release() {
      socket.write(post.body.slice(half));
      return eventually(() => Promise.resolve(received), (r) => r.includes('\r\n\r\n{'));
    },
  };
}

/** Resolves once the server has taken this request in: the edge, listening first, has decided on it by then. */
function seen(requestId: string): Promise<void> {
  const server = api!.app.getHttpServer() as Server;
  return new Promise((resolve) => {
    const onRequest = (req: IncomingMessage) => {
      if (req.headers['x-request-id'] !== requestId) return;
      server.off('request', onRequest);
      resolve();
    };
    server.on('request', onRequest);
  });
}

/** A held request, once the edge has admitted it. */
async function hold(requestId: string, post: Post = SCORE): Promise<{ release(): Promise<string> }> {
  const taken = seen(requestId);
  const held = heldPost(requestId, post);
  await taken;
  return held;
}

function expectSecurityHeaders(headers: Headers, csp = API_CSP): void {
  expect(headers.get('x-content-type-options')).toBe('nosniff');
  expect(headers.get('content-security-policy')).toBe(csp);
  expect(headers.get('referrer-policy')).toBe('no-referrer');
  expect(headers.get('x-frame-options')).toBe('DENY');
  expect(headers.get('cross-origin-resource-policy')).toBe('same-origin');
  expect(headers.get('x-powered-by')).toBeNull();
}

describe('security headers', () => {
  it('are on every answer: data, problems from the pipe, the body reader and the router, and the docs', async () => {
    await start();
    const answers = [
      await send('GET', '/v1/models'),
      await send('POST', '/v1/score', '{}'),
      await send('POST', '/v1/score', 'not json'),
      await send('POST', '/v1/score', 'x', { 'content-type': 'text/plain' }),
      await send('GET', '/no/such/route'),
      await send('GET', '/openapi.json'),
    ];
    expect(answers.map((a) => a.status)).toEqual([200, 400, 400, 415, 404, 200]);
    for (const a of answers) {
      expectSecurityHeaders(a.headers);
      expect(a.headers.get('cache-control')).toBe('no-store');
      expect(a.headers.get('strict-transport-security')).toBeNull();
    }
    const docs = await send('GET', '/docs');
    expectSecurityHeaders(docs.headers, DOCS_CSP);
  });

  it('add Strict-Transport-Security when the request reached a trusted proxy over TLS', async () => {
    await start({ API_TRUST_PROXY: '1' });
    expect((await send('GET', '/v1/models', undefined, { 'x-forwarded-proto': 'https' })).headers.get('strict-transport-security')).toBe('max-age=31536000; includeSubDomains');
    expect((await send('GET', '/v1/models', undefined, { 'x-forwarded-proto': 'http' })).headers.get('strict-transport-security')).toBeNull();
  });
});

describe('per-client rate limits', () => {
  it('answer 429 with Retry-After and the RateLimit fields once a client has spent its burst, for that kind of request only', async () => {
    await start({ API_RATE_LIMIT: 'read=1/3,score=1/2' });
    const allowed = [await send('GET', '/v1/models'), await send('GET', '/v1/models'), await send('GET', '/v1/models')];
    expect(allowed.map((a) => a.status)).toEqual([200, 200, 200]);
    expect(allowed.map((a) => a.headers.get('ratelimit'))).toEqual(['"read";r=2;t=1', '"read";r=1;t=2', '"read";r=0;t=3']);
    expect(allowed[0]!.headers.get('ratelimit-policy')).toBe('"read";q=3;w=3');

    const refused = await send('GET', '/v1/models', undefined, { 'X-Request-Id': 'over-the-limit' });
    expect(refused.status).toBe(429);
    expect(refused.headers.get('content-type')).toBe('application/problem+json; charset=utf-8');
    expect(refused.headers.get('retry-after')).toBe('1');
    expect(refused.headers.get('ratelimit')).toMatch(/^"read";r=0;t=\d$/);
    expect(refused.body).toEqual({
      type: 'https://credence.dev/problems/rate-limited',
      title: 'Too many requests from this client',
      status: 429,
      detail: 'this client may make 1 read requests a second (bursts of 3); retry after the time in Retry-After',
      instance: '/v1/models',
      requestId: 'over-the-limit',
    });
    expectSecurityHeaders(refused.headers);
    // The router's 404 is a read as well: an unknown path does not escape the limit.
    expect((await send('GET', '/nowhere')).status).toBe(429);

    // Other kinds of request keep their own budgets: the gateway's signed webhooks, scoring, ops.
    const webhook = await send('POST', '/v1/webhooks/gateway', '{"id":"evt_1"}', { 'gateway-signature': 't=1,v1=00' });
    expect(webhook.status).toBe(401);
    expect((await send('POST', '/v1/score', scoreBody)).status).toBe(200);
    expect((await send('GET', '/openapi.json')).status).toBe(200);
  });

  it('believe X-Forwarded-For only from trusted proxies', async () => {
    await start({ API_RATE_LIMIT: 'read=1/1', API_TRUST_PROXY: '1' });
    expect((await send('GET', '/v1/models', undefined, { 'x-forwarded-for': '203.0.113.7' })).status).toBe(200);
    expect((await send('GET', '/v1/models', undefined, { 'x-forwarded-for': '203.0.113.7' })).status).toBe(429);
    expect((await send('GET', '/v1/models', undefined, { 'x-forwarded-for': '203.0.113.8' })).status).toBe(200);
    await api!.close();
    await start({ API_RATE_LIMIT: 'read=1/1' });
    expect((await send('GET', '/v1/models', undefined, { 'x-forwarded-for': '203.0.113.7' })).status).toBe(200);
    expect((await send('GET', '/v1/models', undefined, { 'x-forwarded-for': '203.0.113.8' })).status).toBe(429);
  });

  it('are off with API_RATE_LIMIT=off', async () => {
    await start({ API_RATE_LIMIT: 'off' });
    const a = await send('GET', '/v1/models');
    expect(a.status).toBe(200);
    expect(a.headers.get('ratelimit')).toBeNull();
  });
});

describe('admission', () => {
  it('answers 503 with Retry-After at once when a kind of request is at capacity and its queue is full, while other kinds are served', async () => {
    await start({ API_ADMISSION: 'score=1/0/1000' });
    const held = await hold('holding-the-slot');

    const refused = await send('POST', '/v1/score', scoreBody, { 'X-Request-Id': 'refused' });
    expect(refused.status).toBe(503);
    expect(refused.headers.get('retry-after')).toBe('1');
    expect(refused.headers.get('content-type')).toBe('application/problem+json; charset=utf-8');
    expect(refused.body).toMatchObject({ type: 'https://credence.dev/problems/overloaded', status: 503, instance: '/v1/score', requestId: 'refused' });
    expectSecurityHeaders(refused.headers);
    expect(logLines.some((l) => l.requestId === 'refused')).toBe(false);

    // Reads, ops and the webhooks have their own capacity.
    expect((await send('GET', '/v1/models')).status).toBe(200);
    expect((await send('GET', '/openapi.json')).status).toBe(200);
    expect((await send('POST', '/v1/webhooks/gateway', '{"id":"evt_1"}')).status).toBe(401);

    expect(await held.release()).toMatch(/^HTTP\/1\.1 200 OK/);
    expect((await send('POST', '/v1/score', scoreBody)).status).toBe(200);
  });

  it('answers 503 to a waiting request at its deadline, and never works on it after', async () => {
    await start({ API_ADMISSION: 'score=1/5/100' });
    const held = await hold('holding-the-slot');
    const late = await send('POST', '/v1/score', scoreBody, { 'X-Request-Id': 'waited-too-long' });
    expect(late.status).toBe(503);
    expect(late.body.detail).toBe('the server could not start this request within its queueing deadline; retry after the time in Retry-After');
    await held.release();
    expect((await send('POST', '/v1/score', scoreBody)).status).toBe(200);
    expect(logLines.some((l) => l.requestId === 'waited-too-long')).toBe(false);
  });

  it('drops a waiting request whose client hung up, and serves the one behind it', async () => {
    await start({ API_ADMISSION: 'score=1/5/30000' });
    const held = await hold('holding-the-slot');
    const server = api!.app.getHttpServer() as Server;
    const connections = () => new Promise<number>((resolve, reject) => server.getConnections((err, n) => (err ? reject(err) : resolve(n))));

    const leaving = connect(port, '127.0.0.1');
    open.push(leaving);
    leaving.write(`POST /v1/score HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${token}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(scoreBody)}\r\nX-Request-Id: hung-up\r\n\r\n${scoreBody}`);
    await eventually(connections, (n) => n === 2);
    const behind = send('POST', '/v1/score', scoreBody, { 'X-Request-Id': 'behind-it' });
    await eventually(connections, (n) => n === 3);
    leaving.destroy();
    await eventually(connections, (n) => n === 2);

    await held.release();
    expect((await behind).status).toBe(200);
    expect(logLines.some((l) => l.requestId === 'hung-up')).toBe(false);
    expect(logLines.some((l) => l.requestId === 'behind-it')).toBe(true);
  });

  it('is off with API_ADMISSION=off', async () => {
    await start({ API_ADMISSION: 'off', API_RATE_LIMIT: 'off' });
    const held = await hold('holding');
    expect((await send('POST', '/v1/score', scoreBody)).status).toBe(200);
    await held.release();
  });
});

describe("the borrower's pages", () => {
  const loan = '0b6f3c2e-9a41-4d5e-8f70-1c2d3e4f5a6b';
  const token = '0123456789abcdef0123456789abcdef';
  const unsubscribe = `/unsubscribe/recovery-${loan}-1-3-email`;
  // The offline API has no contact keys: a page that needs the borrower's records answers 503
  // dependency-unavailable once it is worked on, which tells it apart from the edge's refusals.
  const UNAVAILABLE = 'https://credence.dev/problems/dependency-unavailable';
  // The notice's dispute form, posted.
  const dispute: Post = { path: `/validation/${loan}?t=${token}`, contentType: 'application/x-www-form-urlencoded', body: 'reference=9b2f6c1e-4d3a-4e5f-8a7b-6c5d4e3f2a1b&notMine=yes' };
  // An ops command held in the same way (an incomplete application: answered 400 once the body is in).
  const application: Post = { path: '/v1/applications', contentType: 'application/json', body: '{"applicant":{"fullName":"held"}}' };

  it('are admitted apart from ops: a flood of them is refused (503) while ops are served, and busy ops do not hold them up', async () => {
    await start({ API_ADMISSION: 'borrower=1/0/1000,command=1/0/1000' });
    const page = await hold('a-borrower-posting', dispute);
    for (const path of [`/pay/${loan}?t=${token}`, `/validation/${loan}?t=${token}`, unsubscribe]) {
      const refused = await send('GET', path, undefined, { 'X-Request-Id': 'a-click-too-many' });
      expect([path, refused.status, refused.body]).toEqual([path, 503, expect.objectContaining({ type: 'https://credence.dev/problems/overloaded', instance: path.split('?')[0] })]);
    }
    // Ops' reads and commands have capacity of their own (refused only by validation, with no backend here).
    expect((await send('GET', '/v1/models')).status).toBe(200);
    expect((await send('GET', '/v1/loans?limit=0')).status).toBe(400);
    expect((await send('POST', '/v1/applications', '{}')).status).toBe(400);

    // And the other way round: with ops' one command slot held, the borrower's pages are served.
    const command = await hold('an-ops-command', application);
    expect((await send('POST', `/v1/loans/${loan}/withdraw`, '{}')).status).toBe(503);
    expect(await page.release()).toContain(UNAVAILABLE);
    expect((await send('GET', unsubscribe)).status).toBe(200);
    expect((await send('GET', `/pay/${loan}?t=${token}`)).body.type).toBe(UNAVAILABLE);
    expect(await command.release()).toMatch(/^HTTP\/1\.1 400 Bad Request/);
  });

  it("have a rate limit of their own, per client address, that leaves the client's other budgets alone", async () => {
    await start({ API_RATE_LIMIT: 'borrower=1/2', API_TRUST_PROXY: '1' });
    const from = (address: string) => ({ 'x-forwarded-for': address });
    const first = await send('GET', unsubscribe, undefined, from('203.0.113.7'));
    expect(first.status).toBe(200);
    expect(first.headers.get('ratelimit-policy')).toBe('"borrower";q=2;w=2');
    expect(first.headers.get('ratelimit')).toBe('"borrower";r=1;t=1');
    expect((await send('GET', `/pay/${loan}?t=${token}`, undefined, from('203.0.113.7'))).body.type).toBe(UNAVAILABLE);

    const refused = await send('GET', unsubscribe, undefined, from('203.0.113.7'));
    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).toBe('1');
    expect(refused.body).toMatchObject({ type: 'https://credence.dev/problems/rate-limited', detail: 'this client may make 1 borrower requests a second (bursts of 2); retry after the time in Retry-After' });
    // Another borrower (another address) has a bucket of its own, and this client's reads are untouched.
    expect((await send('GET', unsubscribe, undefined, from('203.0.113.8'))).status).toBe(200);
    expect((await send('GET', '/v1/models', undefined, from('203.0.113.7'))).status).toBe(200);
  });
});

describe('methods a path does not take', () => {
  /** fetch refuses TRACE and friends, so these go through node:http. */
  function raw(method: string, path: string): Promise<{ status: number; allow: string | undefined; body: string }> {
    return new Promise((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port, method, path, headers: { authorization: `Bearer ${token}` } }, (res) => {
        let body = '';
        res.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
        res.on('end', () => resolve({ status: res.statusCode!, allow: res.headers.allow, body }));
      });
      req.on('error', reject);
      req.end();
    });
  }

  it('answer 405 with Allow, from the routes the app registered, as a problem document', async () => {
    await start();
    const loan = '/v1/loans/0b6f3c2e-9a41-4d5e-8f70-1c2d3e4f5a6b';
    const answers = [
      ['TRACE', '/health'],
      ['PUT', loan],
      ['DELETE', `${loan}/payments`],
      ['GET', '/v1/applications'],
      ['PATCH', '/V1/Score/'],
      ['TRACE', '/openapi.json'],
    ] as const;
    const got = await Promise.all(answers.map(async ([method, path]) => [method, path, await raw(method, path)] as const));
    expect(got.map(([method, path, a]) => [method, path, a.status, a.allow])).toEqual([
      ['TRACE', '/health', 405, 'GET, HEAD, OPTIONS'],
      ['PUT', loan, 405, 'GET, HEAD, OPTIONS'],
      ['DELETE', `${loan}/payments`, 405, 'OPTIONS, POST'],
      ['GET', '/v1/applications', 405, 'OPTIONS, POST'],
      ['PATCH', '/V1/Score/', 405, 'OPTIONS, POST'],
      ['TRACE', '/openapi.json', 405, 'GET, HEAD, OPTIONS'],
    ]);
    expect(JSON.parse(got[0]![2].body)).toEqual({ type: 'about:blank', title: 'Method Not Allowed', status: 405, detail: '/health takes GET, HEAD, OPTIONS, not TRACE', instance: '/health', requestId: expect.any(String) });
    const res = await send('DELETE', '/v1/applications', undefined, { 'X-Request-Id': 'not-allowed' });
    expect(res.headers.get('content-type')).toBe('application/problem+json; charset=utf-8');
    expect(res.headers.get('x-request-id')).toBe('not-allowed');
    expectSecurityHeaders(res.headers);
  });

  it('answer OPTIONS with Allow, and leave unknown paths and the methods a path takes to the router', async () => {
    await start();
    expect(await raw('OPTIONS', '/v1/unapplied-cash/0b6f3c2e-9a41-4d5e-8f70-1c2d3e4f5a6b/refund')).toEqual({ status: 204, allow: 'OPTIONS, POST', body: '' });
    expect((await raw('TRACE', '/no/such/route')).status).toBe(404);
    expect((await raw('OPTIONS', '/no/such/route')).status).toBe(404);
    expect((await raw('GET', '/v1/models')).status).toBe(200);
    expect((await raw('HEAD', '/v1/models')).status).toBe(200);
    expect((await raw('POST', '/v1/score')).status).toBe(400);
  });
});

describe('listening', () => {
  it('binds to loopback unless API_HOST says otherwise', async () => {
    const config = loadConfig({});
    expect(config.host).toBe('127.0.0.1');
    expect(loadConfig({ API_HOST: '0.0.0.0' }).host).toBe('0.0.0.0');
    api = await createOfflineApi();
    await listenApi(api.app, 0, config.host, config.api.edge.listenBacklog);
    const server = api.app.getHttpServer() as Server;
    expect(server.address()).toMatchObject({ address: '127.0.0.1' });
    expect(server).toMatchObject({ headersTimeout: 10_000, requestTimeout: 30_000, keepAliveTimeout: 5_000 });
  });
});
