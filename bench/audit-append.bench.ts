// `npm run bench:audit [-- --db pglite] [--total 4000]`: the audit writer's throughput (appends
// committed per second) on a fresh database: one caller at a time (each append waits for its own
// commit), many callers at once through one writer (group commit: one lock, one insert, one
// commit per batch), two writers as two API processes would be (their batches take turns on the
// chain head's lock), and, for comparison, each append in a transaction of its own without the
// writer's batching. The chain is verified after each run, and its verification timed.
import { randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startEmbeddedPostgres } from '../db/embedded-postgres.js';
import { openOrm, type Orm } from '../db/orm.js';
import { AuditLogRepository, type AuditEntry } from '../db/repositories/audit-log.repository.js';
import { link } from '../apps/shared/audit/audit-chain.js';
import { AuditWriter } from '../apps/shared/audit/audit-writer.js';
import { verifyAuditChain } from '../apps/shared/audit/verify-audit-chain.js';
import { createTestDatabase } from '../apps/testkit/postgres.js';

const args = new Map(process.argv.slice(2).map((a, i, all) => [a, all[i + 1]] as const).filter(([a]) => a.startsWith('--')));
const onPglite = args.get('--db') === 'pglite';
const total = Number(args.get('--total') ?? 4000);

function entry(n: number): AuditEntry {
  return {
    id: randomUUID(),
    at: new Date().toISOString(),
    requestId: randomUUID(),
    actorId: `ops.user${n % 50}`,
    actorKind: 'person',
    actorRoles: ['ops'],
    agencyId: null,
    kind: n % 2 === 0 ? 'command' : 'read',
    action: 'LoansController_get',
    method: 'GET',
    route: '/v1/loans/:loanId',
    loanId: randomUUID(),
    caseId: null,
    clientAddress: '203.0.113.7',
    status: 200,
    outcome: 'succeeded',
  };
}

/** `count` appends by `callers` callers (each appending its next entry as soon as its last is committed). */
async function run(callers: number, count: number, append: (e: AuditEntry) => Promise<unknown>): Promise<{ callers: number; appends: number; seconds: number; perSecond: number; p50Ms: number; p99Ms: number }> {
  let next = 0;
  const latencies: number[] = [];
  const started = performance.now();
  await Promise.all(
    Array.from({ length: callers }, async () => {
      while (next < count) {
        const n = next++;
        const t0 = performance.now();
        await append(entry(n));
        latencies.push(performance.now() - t0);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const at = (q: number) => Number(latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))]!.toFixed(2));
  return { callers, appends: count, seconds: Number(seconds.toFixed(2)), perSecond: Math.round(count / seconds), p50Ms: at(0.5), p99Ms: at(0.99) };
}

async function database(): Promise<{ url: string; close: () => Promise<void> }> {
  if (!onPglite) {
    const db = await createTestDatabase('credence_bench');
    return { url: db.url, close: db.drop };
  }
  const dir = mkdtempSync(join(tmpdir(), 'credence-audit-bench-'));
  const pg = await startEmbeddedPostgres({ dataDir: dir, port: 54339 });
  const orm = await openOrm({ databaseUrl: pg.url, migrate: true, poolSize: 1 });
  await orm.close();
  return { url: pg.url, close: async () => { await pg.stop(); rmSync(dir, { recursive: true, force: true }); } };
}

const db = await database();
const poolSize = onPglite ? 4 : 10;
const a: Orm = await openOrm({ databaseUrl: db.url, poolSize });
const b: Orm = await openOrm({ databaseUrl: db.url, poolSize });
const results: Record<string, unknown>[] = [];
try {
  const writer = new AuditWriter(a);
  const second = new AuditWriter(b);
  const scenarios: [string, () => ReturnType<typeof run>][] = [
    ['one caller, through the writer', () => run(1, Math.min(total, 1000), (e) => writer.append(e))],
    ['16 callers, one writer', () => run(16, total, (e) => writer.append(e))],
    ['64 callers, one writer', () => run(64, total, (e) => writer.append(e))],
    ['256 callers, one writer', () => run(256, total, (e) => writer.append(e))],
    ['64 callers over two writers (two processes)', () => { let i = 0; return run(64, total, (e) => ((i++ % 2 === 0 ? writer : second).append(e))); }],
    ['64 callers, a transaction each (no group commit)', () => run(64, Math.min(total, 2000), (e) => new AuditLogRepository(a.em.fork()).append([e], link))],
  ];
  for (const [name, scenario] of scenarios) {
    const result = await scenario();
    results.push({ scenario: name, ...result });
    console.log(`${name.padEnd(52)} ${String(result.perSecond).padStart(6)} appends/s  p50 ${result.p50Ms} ms  p99 ${result.p99Ms} ms  (${result.appends} in ${result.seconds} s)`);
  }
  const verification = await verifyAuditChain(a);
  console.log(`verified ${verification.checked} rows in ${verification.durationMs} ms: ${verification.ok ? 'whole' : JSON.stringify(verification.firstBroken)}`);
  results.push({ scenario: 'verify', rows: verification.checked, ms: verification.durationMs, ok: verification.ok });
} finally {
  await a.close();
  await b.close();
  await db.close();
}
const dir = fileURLToPath(new URL('../../bench/results/', import.meta.url));
mkdirSync(dir, { recursive: true });
writeFileSync(join(dir, `audit-append-${onPglite ? 'pglite' : 'postgres'}.json`), `${JSON.stringify({ at: new Date().toISOString(), db: onPglite ? 'pglite' : 'postgres', results }, null, 2)}\n`);
