// `npm run bench:recovery -- --episodes 10000 --concurrency 50`: how fast recovery episodes open on
// the Temporal dev server, and what the worker holds with them all open and waiting on timers.
//
// The platform as the other benches start it (bench/platform.ts: the dev server, the worker and the
// API as their own processes, the provider sandboxes, a fresh database). Each episode gets a contact
// profile written through ContactProfileRepository with the platform's own keys
// (recovery-episodes/episode-book.ts: the mix of countries, zones and sandbox borrowers), then N
// episodes are started directly through the Temporal client, at most C at once, as the loan
// workflow's seam would start them. Measured:
//
//   starts/s            client-side: N over the time the N `workflow.start` calls took
//   recorded/s          episodes with their first timeline batch in recovery_episodes (polled each second)
//   contacted/s         episodes whose first contact has an outcome: sent, or blocked by the gate
//                       and rescheduled to the borrower's hours, or abandoned
//   memory              the worker's (and the dev server's) RSS before, at the peak, and once all N
//                       are open and idle (after --settle seconds with nothing to do)
//   CPU by process      worker, API, Temporal, PostgreSQL (the backends serving the bench's
//                       database), and this process (the client and the sandboxes), per episode
//
// Then every episode is told its loan closed (episodeEndedSignal): they end through their own
// code, and anything still running after --end-timeout minutes is terminated. The platform stops.
//
// Options: --episodes 10000, --concurrency 50, --db postgres|pglite (default postgres: the server
// at TEST_DATABASE_ADMIN_URL, else 127.0.0.1:5432), --settle 30 (seconds idle before the idle
// figures), --open-timeout 30 and --end-timeout 15 (minutes), --profile (the worker under --cpu-prof:
// its busy time while the episodes opened, by thread and by what spent it; slows the worker).
import { Client, Connection, WorkflowNotFoundError } from '@temporalio/client';
import { randomUUID } from 'node:crypto';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { getHeapStatistics } from 'node:v8';
import { IdentifierHasher } from '../activities/fraud/identifier-hasher.js';
import { FieldCipher } from '../apps/shared/crypto/field-cipher.js';
import { loadConfig } from '../apps/shared/config.js';
import { dataConverter } from '../apps/shared/temporal/data-converter.js';
import { loadIdentifierKey, loadKeyring } from '../apps/shared/temporal/keyring.js';
import { openOrm } from '../db/orm.js';
import { ContactProfileRepository } from '../db/repositories/contact-profile.repository.js';
import { toIsoDate } from '../domain/calendar.js';
import { episodeEndedSignal, recoveryWorkflowId } from '../workflows/recovery/definitions.js';
import { cpuBusySince, cpuByProcess, cpuTimes, loadAverage, machine, rssMiB, sampleRss } from './machine.js';
import { startPlatform, type BenchDatabase } from './platform.js';
import { answeringCount, benchEpisode, type BenchEpisode } from './recovery-episodes/episode-book.js';
import { postgresCpu, ReadModelProbe, type EpisodeProgress } from './recovery-episodes/read-model-probe.js';
import { monotonicMicros, workerProfiling } from './recovery-episodes/worker-profile.js';
import { summary, timedPool } from './stats.js';

const args = new Map(process.argv.slice(2).map((a, i, all) => [a, all[i + 1]] as const).filter(([a]) => a.startsWith('--')));
const total = Number(args.get('--episodes') ?? 10_000);
const concurrency = Number(args.get('--concurrency') ?? 50);
const database = (args.get('--db') ?? 'postgres') as BenchDatabase;
const settleMs = Number(args.get('--settle') ?? 30) * 1000;
const openTimeoutMs = Number(args.get('--open-timeout') ?? 30) * 60_000;
const endTimeoutMs = Number(args.get('--end-timeout') ?? 15) * 60_000;
const profiling = process.argv.includes('--profile') ? workerProfiling() : null;
const RUNNING = `WorkflowType = 'recoveryWorkflow' AND ExecutionStatus = 'Running'`;

const loadAtStart = loadAverage();
const platform = await startPlatform(database, profiling ? { workerEnv: profiling.env } : {});
const pids = { ...platform.pids, self: process.pid };
const rss = { worker: sampleRss(platform.pids.worker), temporal: sampleRss(platform.pids.temporal) };
// The keys the worker and API made in the platform's data folder (or the environment's): the client's payload codec and the profiles' sealing need the same.
const keyring = loadKeyring(process.env, platform.dataDir);
const config = loadConfig({ ...process.env, TEMPORAL_ADDRESS: platform.temporalAddress });
const client = new Client({ connection: await Connection.connect({ address: platform.temporalAddress }), namespace: config.temporal.namespace, dataConverter: dataConverter(keyring) });
let probe: ReadModelProbe | undefined;
let result: Record<string, unknown> | undefined;
const openWindow = { from: 0, to: 0 };
try {
  await workerPolling(client, config.temporal.taskQueue);
  const now = Date.now();
  const book = Array.from({ length: total }, (_, i) => benchEpisode(i, total, randomUUID(), now));
  const profiles = await writeProfiles(book);
  probe = await ReadModelProbe.open(platform.databaseUrl);
  const p = probe;

  // Once a second: how far the episodes are, and what the machine and the worker look like.
  const t0 = performance.now();
  let started = 0;
  const series: { s: number; started: number; workerMiB: number; temporalMiB: number; load1m: number; steal: number | null }[] = [];
  const progressSeries: (EpisodeProgress & { s: number })[] = [];
  let lastTimes = cpuTimes();
  const tick = setInterval(() => {
    const s = Math.round((performance.now() - t0) / 100) / 10;
    series.push({ s, started, workerMiB: rssMiB(platform.pids.worker), temporalMiB: rssMiB(platform.pids.temporal), load1m: loadAverage(), steal: cpuBusySince(lastTimes)?.steal ?? null });
    lastTimes = cpuTimes();
    void p.progress().then((progress) => progressSeries.push({ s, ...progress }), () => undefined);
  }, 1000);

  const before = { workerMiB: rssMiB(platform.pids.worker), temporalMiB: rssMiB(platform.pids.temporal) };
  const open = await phase(p);
  const startPhase = await phase(p);
  openWindow.from = monotonicMicros();
  const today = toIsoDate(Date.now());
  const starts = await timedPool(total, concurrency, async (i) => {
    const { input } = book[i]!;
    await client.workflow.start('recoveryWorkflow', { taskQueue: config.temporal.taskQueue, workflowId: recoveryWorkflowId(input.loanId, input.episode), args: [input] });
    started++;
  });
  const startCpu = await startPhase.stop(total);
  const opened = await until(p, (x) => x.contacted >= total && x.recorded >= total, openTimeoutMs);
  const openCpu = await open.stop(total);
  openWindow.to = monotonicMicros();
  const peak = { workerMiB: rss.worker.figures().peakMiB, temporalMiB: rss.temporal.figures().peakMiB };

  // Open and idle: every episode waits on a timer (its next step days away, or a blocked contact's retry hours away).
  const idle = await phase(p);
  await new Promise((r) => setTimeout(r, settleMs));
  const idleCpu = await idle.stop(total);
  const idleFigures = { workerMiB: rssMiB(platform.pids.worker), temporalMiB: rssMiB(platform.pids.temporal), afterSeconds: settleMs / 1000 };
  const actions = await p.actionsByKind();
  const histories = await historyFigures(client, book.filter((_, i) => i % Math.max(1, Math.floor(total / 20)) === 0).map((e) => recoveryWorkflowId(e.input.loanId, 1)));

  // The end: each episode is told its loan closed and ends through its own code.
  const ending = await phase(p);
  const endAt = performance.now();
  const signals = await timedPool(total, concurrency, (i) => client.workflow.getHandle(recoveryWorkflowId(book[i]!.input.loanId, 1)).signal(episodeEndedSignal, { reason: 'closed', on: today }));
  const ended = await until(p, (x) => x.ended >= total, endTimeoutMs);
  const endSeconds = (performance.now() - endAt) / 1000;
  // The read model says `ended` when the episode logs its end; the workflow closes a task later.
  const stillRunning = await runningInTemporal(client, 120_000);
  const closedSeconds = (performance.now() - endAt) / 1000;
  const endCpu = await ending.stop(total);
  clearInterval(tick);
  const terminated = await terminateLeftovers(client);

  const at = (k: number, pick: (x: EpisodeProgress) => number) => progressSeries.find((x) => pick(x) >= k)?.s ?? null;
  const startedAt = (k: number) => series.find((x) => x.started >= k)?.s ?? null;
  const rate = (pick: (x: EpisodeProgress) => number) => {
    const all = at(total, pick);
    const [tenth, ninetieth] = [Math.ceil(total / 10), Math.floor((total * 9) / 10)];
    const from = at(tenth, pick);
    const to = at(ninetieth, pick);
    return {
      secondsToAll: all,
      perSecondOverall: all ? round2(total / all) : null,
      // The steady rate between the 10th and the 90th percentile, the ramp and the tail left out.
      perSecond10to90: from !== null && to !== null && to > from ? round2((ninetieth - tenth) / (to - from)) : null,
      // How far the median episode trailed its start (the k-th recorded against the k-th started).
      medianLagSeconds: lag(at(Math.ceil(total / 2), pick), startedAt(Math.ceil(total / 2))),
    };
  };

  result = {
    bench: 'recovery-episodes',
    date: new Date().toISOString(),
    machine: { ...machine(loadAtStart), cores: availableParallelism() },
    database,
    episodes: total,
    concurrency,
    book: { countries: count(book.map((e) => `${e.profile.country} ${e.profile.timeZone ?? '(no zone)'}`)), segments: count(book.map((e) => e.input.segment ?? 'none')), answeringBorrowersAndFailingNumbers: answeringCount(total), profilesWrittenPerSecond: profiles.perSecond },
    // The SDK's default sticky cache for the worker (its formula over the heap limit; the worker runs the same Node with the same options as this process).
    workerCacheEstimate: workerCacheEstimate(),
    starts: { elapsedMs: Math.round(starts.elapsedMs), perSecond: round2((total * 1000) / starts.elapsedMs), latencyMs: summary(starts.latencies.map(Math.round)) },
    firstRecorded: rate((x) => x.recorded),
    firstContactOutcome: rate((x) => x.contacted),
    opened: { all: opened.reached, ...opened.progress },
    actions,
    histories,
    memory: { before, peakWhileOpening: peak, openAndIdle: idleFigures, end: { workerMiB: rssMiB(platform.pids.worker), temporalMiB: rssMiB(platform.pids.temporal) } },
    // CPU milliseconds per episode by process; `postgres` is the backends serving the bench's database; shares are of the sum.
    cpu: { duringStarts: startCpu, startToOpen: openCpu, idle: idleCpu, ending: endCpu },
    end: { signals: { elapsedMs: Math.round(signals.elapsedMs), perSecond: round2((total * 1000) / signals.elapsedMs) }, allEnded: ended.reached, ended: ended.progress.ended, secondsToAllEnded: round2(endSeconds), endedPerSecond: round2(ended.progress.ended / endSeconds), secondsToAllClosedInTemporal: stillRunning === 0 ? round2(closedSeconds) : null, terminatedLeftovers: terminated },
    // The machine's 1-minute load average through the run (2 cores: above 2, work waited for a core).
    loadAverage1m: { median: summary(series.map((x) => x.load1m * 100)).p50 / 100, max: Math.max(...series.map((x) => x.load1m)) },
    // Every 5 s of the run: seconds since the first start, started, recorded, contacted, ended, worker and Temporal RSS (MiB), load average.
    series: series.filter((_, i) => i % 5 === 0).map((x) => {
      const q = [...progressSeries].reverse().find((y) => y.s <= x.s);
      return [x.s, x.started, q?.recorded ?? 0, q?.contacted ?? 0, q?.ended ?? 0, x.workerMiB, x.temporalMiB, x.load1m];
    }),
  };
} finally {
  rss.worker.stop();
  rss.temporal.stop();
  await probe?.close();
  await client.connection.close();
  await platform.stop();
  rmSync(platform.dataDir, { recursive: true, force: true });
}
if (profiling) result = { ...result, profiled: true, workerProfileWhileOpening: profiling.shares(openWindow) };
console.log(JSON.stringify({ ...result, series: undefined }, null, 2));
const dir = fileURLToPath(new URL('../../bench/results/', import.meta.url));
mkdirSync(dir, { recursive: true });
writeFileSync(`${dir}/recovery-episodes-${database}-n${total}-c${concurrency}${profiling ? '-profiled' : ''}.json`, `${JSON.stringify(result, null, 2)}\n`);

/** The dev server answers before the worker polls: starting before then would time the worker's start-up. */
async function workerPolling(c: Client, taskQueue: string): Promise<void> {
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    // 1: TASK_QUEUE_TYPE_WORKFLOW
    const answer = await c.workflowService.describeTaskQueue({ namespace: c.options.namespace, taskQueue: { name: taskQueue }, taskQueueType: 1 });
    if ((answer.pollers?.length ?? 0) > 0) return;
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`no worker polls ${taskQueue}`);
}

/** The contact profiles, sealed and hashed with the platform's keys, as the portfolio import writes them. */
async function writeProfiles(book: BenchEpisode[]): Promise<{ perSecond: number }> {
  const orm = await openOrm({ databaseUrl: platform.databaseUrl, poolSize: 4 });
  try {
    const repo = () => new ContactProfileRepository(orm.em.fork(), new FieldCipher(keyring), new IdentifierHasher(loadIdentifierKey(process.env, platform.dataDir)));
    const written = await timedPool(book.length, 4, (i) => repo().upsert(book[i]!.profile));
    return { perSecond: round2((book.length * 1000) / written.elapsedMs) };
  } finally {
    await orm.close();
  }
}

/** CPU by process (and PostgreSQL's backends) over a phase: seconds, milliseconds per episode, a share of the whole, and percent of one core. */
async function phase(p: ReadModelProbe) {
  const pgCpu = database === 'postgres' ? postgresCpu(p) : null;
  await pgCpu?.ready;
  const byProcess = cpuByProcess(pids);
  const busy = cpuTimes();
  const t = performance.now();
  return {
    async stop(episodes: number) {
      const seconds: Record<string, number | null> = { ...byProcess.stop(), ...(pgCpu ? { postgres: (await pgCpu.stop()).seconds } : {}) };
      const sum = Object.values(seconds).reduce<number>((a, s) => a + (s ?? 0), 0);
      const wallSeconds = (performance.now() - t) / 1000;
      const each = (f: (s: number) => number) => Object.fromEntries(Object.entries(seconds).map(([k, s]) => [k, s === null ? null : f(s)]));
      return {
        wallSeconds: round2(wallSeconds),
        // Both cores busy, by anyone, and taken by the hypervisor (steal).
        machine: cpuBusySince(busy),
        cpuSeconds: seconds,
        msPerEpisode: each((s) => round2((s * 1000) / episodes)),
        share: each((s) => (sum === 0 ? 0 : round2(s / sum))),
        percentOfOneCore: each((s) => round2((s / wallSeconds) * 100)),
      };
    },
  };
}

async function until(p: ReadModelProbe, done: (x: EpisodeProgress) => boolean, timeoutMs: number): Promise<{ reached: boolean; progress: EpisodeProgress }> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const progress = await p.progress();
    if (done(progress)) return { reached: true, progress };
    if (Date.now() > deadline) return { reached: false, progress };
    await new Promise((r) => setTimeout(r, 1000));
  }
}

/** How long the open episodes' histories are (a sample of 20, described by the server), and what one is made of. */
async function historyFigures(c: Client, workflowIds: string[]) {
  const described = await Promise.all(workflowIds.map((id) => c.workflow.getHandle(id).describe()));
  const history = await c.workflow.getHandle(workflowIds[0]!).fetchHistory();
  const kind = (event: object) => Object.entries(event).find(([k, v]) => k.endsWith('EventAttributes') && v !== null && v !== undefined)?.[0].replace(/EventAttributes$/, '') ?? 'unknown';
  return {
    sampled: described.length,
    events: summary(described.map((d) => d.historyLength)),
    bytes: summary(described.map((d) => d.historySize ?? 0)),
    first: { workflowId: workflowIds[0], events: count((history.events ?? []).map(kind)) },
  };
}

/** How many episodes Temporal still lists as running once none is, or the timeout passes. */
async function runningInTemporal(c: Client, timeoutMs: number): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { count } = await c.workflow.count(RUNNING);
    if (count === 0 || Date.now() > deadline) return count;
    await new Promise((r) => setTimeout(r, 1000));
  }
}

/** Anything the end left running: terminated, so the bench leaves nothing open. */
async function terminateLeftovers(c: Client): Promise<number> {
  let n = 0;
  for await (const w of c.workflow.list({ query: RUNNING })) {
    try {
      await c.workflow.getHandle(w.workflowId, w.runId).terminate('recovery-episodes bench: did not end in time');
      n++;
    } catch (err) {
      // Visibility trails the episodes: one listed as running may have ended meanwhile.
      if (!(err instanceof WorkflowNotFoundError)) throw err;
    }
  }
  return n;
}

function count(values: string[]): Record<string, number> {
  return values.reduce<Record<string, number>>((acc, v) => ({ ...acc, [v]: (acc[v] ?? 0) + 1 }), {});
}

/** @temporalio/worker 1.24's default maxCachedWorkflows (worker-options.js, reuseV8Context): 600 per GiB of heap above 200 MiB. */
function workerCacheEstimate(): { heapLimitMiB: number; maxCachedWorkflows: number } {
  const heapLimitMiB = getHeapStatistics().heap_size_limit / 2 ** 20;
  return { heapLimitMiB: Math.round(heapLimitMiB), maxCachedWorkflows: Math.max(Math.floor((Math.max(heapLimitMiB - 200, 0) * 600) / 1024), 10) };
}

function round2(x: number): number {
  return Math.round(x * 100) / 100;
}

function lag(recordedAt: number | null, startedAt: number | null): number | null {
  return recordedAt === null || startedAt === null ? null : round2(recordedAt - startedAt);
}
