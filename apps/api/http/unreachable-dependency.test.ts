// PostgreSQL or Temporal out of reach is a 503 with Retry-After, never a 500: the real API over
// an embedded PostgreSQL this test stops under it, and a Temporal client pointed at a port where
// nothing listens. The errors are the drivers' own, as a restart of either produces them.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { INestApplication } from '@nestjs/common';
import { Client, Connection, defaultGrpcRetryOptions, makeGrpcRetryInterceptor } from '@temporalio/client';
import type { MikroORM } from '@mikro-orm/postgresql';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { startEmbeddedPostgres, type EmbeddedPostgres } from '../../../db/embedded-postgres.js';
import { openOrm } from '../../../db/orm.js';
import { seed } from '../../../db/seeder.js';
import { loadConfig } from '../../shared/config.js';
import { loadModels, type LoadedModels } from '../../shared/models/load-models.js';
import { LoanClient } from '../../shared/temporal/loan-client.js';
import { application } from '../../testkit/applications.js';
import { authAs, testIssuerEnv } from '../../testkit/tokens.js';
import { createApi } from '../create-api.js';
import type { Problem } from './problem.js';

const dataDir = mkdtempSync(join(tmpdir(), 'credence-unreachable-'));
let pg: EmbeddedPostgres;
let orm: MikroORM;
let models: LoadedModels;
let connection: Connection;
let app: INestApplication;
let base: string;

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

beforeAll(async () => {
  pg = await startEmbeddedPostgres({ dataDir: join(dataDir, 'pg'), port: await freePort() });
  orm = await openOrm({ databaseUrl: pg.url, migrate: true, poolSize: 2 });
  await seed(orm);
  const logger = pino({ level: 'silent' });
  models = await loadModels(orm, logger);
  const nowhere = `127.0.0.1:${await freePort()}`;
  // Two attempts, not the default ten: a refused call fails within the API's decision wait. With
  // ten, a loaded machine outlasted the wait, the API answered and left the call retrying, and its
  // next attempt landed after afterAll closed the connection ("Channel has been shut down").
  connection = Connection.lazy({ address: nowhere, connectTimeout: 1000, interceptors: [makeGrpcRetryInterceptor(defaultGrpcRetryOptions({ maxAttempts: 2 }))] });
  const config = { ...loadConfig({ DATABASE_URL: pg.url, CREDENCE_DATA_DIR: dataDir, TEMPORAL_ADDRESS: nowhere, ...testIssuerEnv() }) };
  const loans = new LoanClient(new Client({ connection }), { taskQueue: config.temporal.taskQueue, bureauTaskQueue: config.temporal.bureauTaskQueue });
  app = await createApi({ config, orm, loans, models: models.models, logger });
  await app.listen(0, '127.0.0.1');
  base = await app.getUrl();
});

afterAll(async () => {
  await app?.close();
  await models?.close().catch(() => undefined);
  await orm?.close();
  await connection?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

async function expectUnavailable(res: Response, who: string | RegExp): Promise<void> {
  expect(res.status).toBe(503);
  expect(res.headers.get('retry-after')).toBe('5');
  expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  const problem = (await res.json()) as Problem;
  expect(problem).toMatchObject({ type: 'https://credence.dev/problems/dependency-unavailable', status: 503 });
  expect(problem.detail).toMatch(typeof who === 'string' ? `${who} is unreachable` : who);
}

describe('a dependency out of reach', () => {
  it('answers 503 with Retry-After when Temporal cannot be reached', async () => {
    const res = await fetch(`${base}/v1/applications`, { method: 'POST', headers: { ...(await authAs('ops')), 'content-type': 'application/json', 'idempotency-key': randomUUID() }, body: JSON.stringify(application('approved')) });
    await expectUnavailable(res, 'Temporal');
  });

  it('answers 503 with Retry-After when PostgreSQL goes away, and again while it stays away', async () => {
    const ops = await authAs('ops');
    expect((await fetch(`${base}/v1/loans?limit=1`, { headers: ops })).status).toBe(200);
    await pg.stop();
    // The pooled connection is cut ("Connection terminated": the database), then new ones are
    // refused (ECONNREFUSED, which does not say whose port it was). Which the first request meets
    // depends on whether the pool noticed the cut in the moment it took to check the token;
    // problem-mapping.spec.ts reads each error on its own.
    await expectUnavailable(await fetch(`${base}/v1/loans?limit=1`, { headers: ops }), /^(The database|A service the API depends on) is unreachable/);
    await expectUnavailable(await fetch(`${base}/v1/loans?limit=1`, { headers: ops }), 'A service the API depends on');
  });

  it("answers 503, not 401, to an API key while PostgreSQL is away: the key cannot be checked, which is not the caller's fault", async () => {
    await expectUnavailable(await fetch(`${base}/v1/loans?limit=1`, { headers: { 'x-api-key': `ck_0123456789ab_${'A'.repeat(43)}` } }), 'A service the API depends on');
  });
});
