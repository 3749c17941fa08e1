// `npm run bench`: decision latency and origination throughput of the whole stack on the
// Temporal dev server, beside the same server's rate for a one-activity workflow.
//
//   decision latency   N concurrent POST /v1/applications?wait=decision (update-with-start),
//                      P50/P99 from request to decided answer
//   originations/s     N concurrent apply -> decision -> accept -> active, counted per second of
//                      wall time (only applications the policy approves can become active)
//   one-activity rate  the same server running a workflow that calls one empty activity
//
// Options: --db postgres|pglite (default postgres: the server on 127.0.0.1:5432), --n 100 (the
// concurrency), --total N (applications per measured phase, default --n: at --n 10 a P99 needs
// a few hundred, e.g. --total 300), --bureau-rate 20 (the bureau task queue's rate limit per second, the contract a real bureau
// imposes; at 100 concurrent applications it, not the platform, sets the decision latency).
import { Client, Connection } from '@temporalio/client';
import { NativeConnection, Runtime, DefaultLogger, Worker } from '@temporalio/worker';
import { randomUUID } from 'node:crypto';
import { writeFileSync, mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { cpus, totalmem } from 'node:os';
import { generatedApplication } from '../apps/sandboxes/generated-applicants.js';
import type { LoanApplication } from '../domain/application.js';
import { createNoopActivities } from './noop/noop.activities.js';
import { startPlatform, type BenchDatabase } from './platform.js';
import { cpuByProcess, sampleRss } from './machine.js';
import { summary, timedPool } from './stats.js';

const args = new Map(process.argv.slice(2).map((a, i, all) => [a, all[i + 1]] as const).filter(([a]) => a.startsWith('--')));
const database = (args.get('--db') ?? 'postgres') as BenchDatabase;
const n = Number(args.get('--n') ?? 100);
const total = Number(args.get('--total') ?? n);
const bureauRate = Number(args.get('--bureau-rate') ?? 20);
process.env.BUREAU_RATE_LIMIT_PER_SECOND = String(bureauRate);
Runtime.install({ logger: new DefaultLogger('WARN') });

const platform = await startPlatform(database);
const memory = sampleRss(platform.workerPid);
const auth = { authorization: `Bearer ${await platform.token('ops')}` };
try {
  const apply = async (application: LoanApplication) => {
    const res = await fetch(`${platform.apiUrl}/v1/applications?wait=decision`, { method: 'POST', headers: { ...auth, 'content-type': 'application/json' }, body: JSON.stringify(application) });
    if (!res.ok) throw new Error(`apply answered ${res.status}: ${await res.text()}`);
    return (await res.json()) as { loanId: string; status: string; decision: { outcome: string } | null };
  };
  const applicant = (seed: string) => generatedApplication(seed, { device: { id: `bench-${randomUUID()}` } });

  // Warm up the worker's workflow cache, the API's connections and the JIT.
  await timedPool(10, 10, (i) => apply(applicant(`warm-${i}`)));

  // 'self' is this process: the load generator and the provider sandboxes.
  const processes = { ...platform.pids, self: process.pid };
  const decisionCpu = cpuByProcess(processes);
  const decisions = await timedPool(total, n, (i) => apply(applicant(`decide-${i}`)));
  const decisionCpuSeconds = decisionCpu.stop();
  const outcomes = count(decisions.results.map((r) => r.decision?.outcome ?? r.status));

  const originationCpu = cpuByProcess(processes);
  const originations = await timedPool(total, n, async (i) => {
    const decided = await apply(applicant(`originate-${i}`));
    if (decided.decision?.outcome !== 'approved') return decided.decision?.outcome ?? decided.status;
    const res = await fetch(`${platform.apiUrl}/v1/loans/${decided.loanId}/offer/accept`, { method: 'POST', headers: { ...auth, 'content-type': 'application/json' }, body: '{}' });
    const body = (await res.json()) as { status: string };
    return body.status;
  });
  const originationCpuSeconds = originationCpu.stop();
  const activated = originations.results.filter((s) => s === 'active').length;

  const workerMemory = { ...memory.figures(), afterIdleMiB: await memory.settle(15_000) };
  const noop = await noopRate(platform.temporalAddress, Math.max(total, n * 5), n);

  const result = {
    date: new Date().toISOString(),
    machine: { cpus: cpus().length, memoryGiB: Math.round(totalmem() / 2 ** 30), node: process.version },
    database,
    concurrency: n,
    applicationsPerPhase: total,
    bureauRateLimitPerSecond: bureauRate,
    decisionLatencyMs: summary(decisions.latencies.map(Math.round)),
    decisionOutcomes: outcomes,
    // CPU milliseconds per application, by process (PostgreSQL is the machine's shared server: not counted).
    decisionCpuMsPerApplication: perApplication(decisionCpuSeconds, total),
    originations: { attempted: total, activated, outcomes: count(originations.results), elapsedMs: Math.round(originations.elapsedMs), perSecond: round((activated * 1000) / originations.elapsedMs) },
    originationCpuMsPerApplication: perApplication(originationCpuSeconds, total),
    oneActivityWorkflows: noop,
    originationsPerOneActivityWorkflow: round((activated * 1000) / originations.elapsedMs / noop.perSecond),
    workerMemory,
  };
  console.log(JSON.stringify(result, null, 2));
  const dir = fileURLToPath(new URL('../../bench/results/', import.meta.url));
  mkdirSync(dir, { recursive: true });
  writeFileSync(`${dir}/origination-${database}-n${n}${total === n ? '' : `-total${total}`}-bureau${bureauRate}.json`, `${JSON.stringify(result, null, 2)}\n`);
} finally {
  memory.stop();
  await platform.stop();
}

async function noopRate(address: string, total: number, concurrency: number) {
  const connection = await NativeConnection.connect({ address });
  const taskQueue = `bench-noop-${randomUUID()}`;
  const worker = await Worker.create({
    connection,
    taskQueue,
    workflowsPath: fileURLToPath(new URL('./noop/noop.workflow.js', import.meta.url)),
    activities: createNoopActivities(),
  });
  const client = new Client({ connection: await Connection.connect({ address }) });
  const run = (i: number) => client.workflow.execute('noopWorkflow', { taskQueue, workflowId: `noop-${taskQueue}-${i}` });
  const measured = await worker.runUntil(async () => {
    await timedPool(concurrency, concurrency, run);
    return timedPool(total, concurrency, (i) => run(i + concurrency));
  });
  await client.connection.close();
  await connection.close();
  return { workflows: total, elapsedMs: Math.round(measured.elapsedMs), perSecond: round((total * 1000) / measured.elapsedMs), latencyMs: summary(measured.latencies.map(Math.round)) };
}

function count(values: string[]): Record<string, number> {
  return values.reduce<Record<string, number>>((acc, v) => ({ ...acc, [v]: (acc[v] ?? 0) + 1 }), {});
}

function perApplication(seconds: Record<string, number | null>, applications: number): Record<string, number | null> {
  return Object.fromEntries(Object.entries(seconds).map(([name, s]) => [name, s === null ? null : Math.round((s * 1000) / applications)]));
}

function round(x: number): number {
  return Math.round(x * 100) / 100;
}
