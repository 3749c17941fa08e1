// `npm run bench:audit:http [-- --duration 10] [--connections 32]`: what recording costs a request.
// One API over a fresh database (no workers: both routes touch only PostgreSQL), rate limits off,
// driven by autocannon from this process with an ops API key: an audited read (a case's detail, for a case that does
// not exist: one query, then the audit entry) and a command (an assignee saved: one upsert, then
// the entry), each with the trail on, then with it recording nothing (its route table emptied),
// then on and off again (after a warm-up), so a drift in the machine's load shows between the pairs.
import autocannon from 'autocannon';
import { Client, Connection } from '@temporalio/client';
import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { openOrm } from '../db/orm.js';
import { ApiKeyRepository } from '../db/repositories/api-key.repository.js';
import { newApiKey } from '../apps/api/auth/api-key.js';
import { CONTROLLERS } from '../apps/api/api.module.js';
import { AuditTrail } from '../apps/api/audit/audit-trail.js';
import { createApi } from '../apps/api/create-api.js';
import { expressRouterStack } from '../apps/api/edge/allowed-methods.js';
import { loadConfig } from '../apps/shared/config.js';
import { loadModels } from '../apps/shared/models/load-models.js';
import { LoanClient } from '../apps/shared/temporal/loan-client.js';
import { createTestDatabase } from '../apps/testkit/postgres.js';

const args = new Map(process.argv.slice(2).map((a, i, all) => [a, all[i + 1]] as const).filter(([a]) => a.startsWith('--')));
const duration = Number(args.get('--duration') ?? 10);
const connections = Number(args.get('--connections') ?? 32);

const db = await createTestDatabase('credence_bench');
const orm = await openOrm({ databaseUrl: db.url, poolSize: 10 });
const logger = pino({ level: 'silent' });
const models = await loadModels(orm, logger);
const connection = Connection.lazy({ address: '127.0.0.1:7233' });
const config = loadConfig({ DATABASE_URL: db.url, CREDENCE_DATA_DIR: mkdtempSync(join(tmpdir(), 'credence-audit-http-')), API_RATE_LIMIT: 'off' });
const loans = new LoanClient(new Client({ connection }), { taskQueue: config.temporal.taskQueue, bureauTaskQueue: config.temporal.bureauTaskQueue });
const app = await createApi({ config, orm, loans, models: models.models, logger });
await app.listen(0, '127.0.0.1');
const url = await app.getUrl();
const trail = app.get(AuditTrail);
const stack = expressRouterStack(app);

// An ops API key (a machine's credential: one primary-key read to check it) for both routes.
const apiKey = newApiKey();
await new ApiKeyRepository(orm.em.fork()).create({ id: randomUUID(), prefix: apiKey.prefix, hash: apiKey.hash, name: 'audit bench', roles: ['ops'], permissions: [], agencyId: null, createdBy: 'bench' });
const auth = { 'x-api-key': apiKey.key };
const read = { method: 'GET' as const, path: `/v1/recovery/cases/recovery-${randomUUID()}-1`, headers: auth };
const command = { method: 'PUT' as const, path: '/v1/recovery/assignees/col-bench', headers: { ...auth, 'content-type': 'application/json' }, body: JSON.stringify({ name: 'Bench Collector', kind: 'collector', skills: ['negotiation'], capacity: 5 }) };

async function run(request: typeof read | typeof command): Promise<{ perSecond: number; p50: number; p99: number; statuses: Record<string, number> }> {
  const r = await autocannon({ url, connections, duration, requests: [request] });
  const statuses = Object.fromEntries(Object.entries(r.statusCodeStats ?? {}).map(([k, v]) => [k, (v as { count: number }).count]));
  return { perSecond: Math.round(r.requests.average), p50: r.latency.p50, p99: r.latency.p99, statuses };
}

const rows: Record<string, unknown>[] = [];
try {
  // Warm up both routes (JIT, Postgres's caches, the pool) before anything is measured.
  for (const request of [read, command]) await autocannon({ url, connections, duration: Math.max(3, duration / 2), requests: [request] });
  for (const [name, request] of [['audited read (404)', read], ['command (200)', command]] as const) {
    for (const on of [true, false, true, false]) {
      trail.bind(on ? CONTROLLERS : [], stack);
      const before = Number((await orm.em.fork().execute<{ seq: string }[]>(`select seq from audit_chain_head`))[0]!.seq);
      const result = await run(request);
      const after = Number((await orm.em.fork().execute<{ seq: string }[]>(`select seq from audit_chain_head`))[0]!.seq);
      rows.push({ route: name, audit: on ? 'on' : 'off', ...result, recorded: after - before });
      console.log(`${name.padEnd(20)} audit ${on ? 'on ' : 'off'}  ${String(result.perSecond).padStart(6)} req/s  p50 ${result.p50} ms  p99 ${result.p99} ms  recorded ${after - before}  ${JSON.stringify(result.statuses)}`);
    }
  }
} finally {
  await app.close();
  await models.close();
  await orm.close();
  await connection.close();
  await db.drop();
}
