// `npm run bench:models`: the serving figures of the application-pd model, each beside the same
// measurement of the peer a user would otherwise pick, a Python FastAPI service with the same
// LightGBM model (bench/python-peer), run in one session on one machine.
//
//   single row     P50/P99 of sequential calls after warm-up: runtime.score(record) against
//                  booster.predict(one row) (and onnxruntime in Python on the same model.onnx)
//   batches        rows/s on one thread (intraOpNumThreads 1; LightGBM num_threads 1)
//   HTTP           POST /v1/score with autocannon at each --connections, one record a request,
//                  against the Credence API and the peer on uvicorn with 1 and 2 workers
//   fraud rings    detectRings over the portfolio's 20,000 applications, median of --runs
//
// Options: --iterations 20000 --warmup 2000 --seconds 3 (per batch figure) --duration 30 (per
// HTTP run) --connections 100,10000 --timeout 10 (s, autocannon's) --runs 7 --api URL (an API
// already running; otherwise one is started as bench/platform.ts does) --db postgres|pglite (for
// that platform) --only inprocess,rings,http. Writes bench/results/models.json (a run of only some
// parts writes models-<parts>.json, so it never replaces the full figures).
import autocannon from 'autocannon';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { pinnedVenv } from './pinned-venv.js';
import { get as httpGet } from 'node:http';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { supervise } from '../apps/launcher/child-process.js';
import { createLogger } from '../apps/shared/logger.js';
import { identitiesFromCsv } from '../models/cli/evaluate-rings.js';
import { detectRings, evaluateRings } from '../models/fraud-rings/index.js';
import { FeatureEncoder, ModelRuntime, type BinaryScore, type ModelRecord } from '../models/runtime/index.js';
import { cpuBusySince, cpuTimes, loadAverage, machine, packageVersion } from './machine.js';
import { devToken } from '../apps/tools/dev-token.js';
import { freePort, startPlatform, type BenchDatabase, type Platform } from './platform.js';
import { percentile, summary } from './stats.js';

const { values: opts } = parseArgs({
  options: {
    iterations: { type: 'string', default: '20000' },
    warmup: { type: 'string', default: '2000' },
    seconds: { type: 'string', default: '3' },
    duration: { type: 'string', default: '30' },
    connections: { type: 'string', default: '100,10000' },
    timeout: { type: 'string', default: '10' },
    runs: { type: 'string', default: '7' },
    only: { type: 'string', default: 'inprocess,rings,http' },
    api: { type: 'string' },
    db: { type: 'string', default: 'postgres' },
  },
});
const iterations = Number(opts.iterations);
const warmup = Number(opts.warmup);
const seconds = Number(opts.seconds);
const connections = opts.connections.split(',').map(Number);
const BATCHES = [1_000, 10_000];
const TOLERANCE = 1e-6;

const root = fileURLToPath(new URL('../../', import.meta.url));
const modelDir = join(root, 'models/artifacts/application-pd/1.0.0');
const peerDir = join(root, 'bench/python-peer');
const log = createLogger('bench');
const say = (message: string) => process.stderr.write(`${message}\n`);
const verification = JSON.parse(readFileSync(join(modelDir, 'verification.json'), 'utf8')) as { records: ModelRecord[]; probability: number[]; calibrated?: number[] };
const records = verification.records;
// What both sides serve: the card's calibrated probability (the raw one when the card has none).
const served = verification.calibrated ?? verification.probability;
const loadAtStart = loadAverage();
// Every figure here shares 2 cores with whatever else runs: say so when something else is busy.
if (loadAtStart > 0.5) say(`the machine is busy (1-minute load average ${loadAtStart}): the figures will be noisy`);

const parts = new Set(opts.only.split(','));
const python = peerPython();
const inProcess = parts.has('inprocess') ? { credence: await credenceInProcess(), pythonPeer: pythonInProcess() } : null;
const fraudRings = parts.has('rings') ? fraudRingTimes(Number(opts.runs)) : null;
const http = parts.has('http') ? await httpFigures() : null;

const result = { date: new Date().toISOString(), machine: machine(loadAtStart), model: { name: 'application-pd', version: '1.0.0', dir: 'models/artifacts/application-pd/1.0.0', records: records.length }, inProcess, http, fraudRings };
const dir = join(root, 'bench/results');
mkdirSync(dir, { recursive: true });
const file = join(dir, parts.size === 3 ? 'models.json' : `models-${[...parts].join('-')}.json`);
writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);
console.log(comparison(result));
say(`wrote ${file}`);

async function credenceInProcess() {
  const cpu = cpuTimes();
  const runtime = await ModelRuntime.load(modelDir, { intraOpNumThreads: 1 });
  try {
    const scored = (await runtime.scoreBatch(records)) as BinaryScore[];
    const difference = Math.max(...scored.map((s, i) => Math.abs(s.probability - served[i]!)));
    if (!(difference <= TOLERANCE)) throw new Error(`the runtime differs from verification.json by ${difference}`);
    const encoder = new FeatureEncoder(runtime.features);
    const n = records.length;
    say(`credence single row: ${iterations} sequential calls each, after ${warmup} warm-up calls`);
    const singleRowMicros = {
      score: await latencyMicros((i) => runtime.score(records[i % n]!)),
      encode: await latencyMicros((i) => encoder.encode(records[i % n]!)),
    };
    const batches: Record<string, unknown> = {};
    for (const size of BATCHES) {
      say(`credence batches of ${size} rows: at least ${seconds} s each`);
      const batch = Array.from({ length: size }, (_, i) => records[i % n]!);
      batches[size] = { scoreBatch: await throughput(() => runtime.scoreBatch(batch), size), encodeBatch: await throughput(() => encoder.encodeBatch(batch), size) };
    }
    return { runtime: `models/runtime (onnxruntime-node ${packageVersion('onnxruntime-node')})`, intraOpNumThreads: 1, cpuBusy: cpuBusySince(cpu), verification: { records: n, largestDifference: difference }, singleRowMicros, batches };
  } finally {
    await runtime.dispose();
  }
}

/** Microseconds per call, to 0.1; a synchronous call is not awaited (an await costs a tick). */
async function latencyMicros(call: (i: number) => unknown) {
  for (let i = 0; i < warmup; i++) await call(i);
  const samples = new Array<number>(iterations);
  for (let i = 0; i < iterations; i++) {
    const t0 = performance.now();
    const pending = call(i);
    if (pending instanceof Promise) await pending;
    samples[i] = Math.round((performance.now() - t0) * 10_000) / 10;
  }
  return summary(samples);
}

async function throughput(call: () => unknown, rows: number) {
  for (let i = 0; i < 3; i++) await call();
  const times: number[] = [];
  const started = performance.now();
  while (times.length < 5 || performance.now() - started < seconds * 1000) {
    const t0 = performance.now();
    await call();
    times.push(performance.now() - t0);
  }
  const total = times.reduce((a, b) => a + b, 0);
  return { rows, batches: times.length, batchMs: Math.round(percentile(times, 50) * 1000) / 1000, rowsPerSecond: Math.round((rows * times.length * 1000) / total) };
}

/** The peer's venv, from bench/python-peer/requirements.txt, refreshed when that file changes. */
function peerPython(): string {
  return pinnedVenv(join(root, '.credence/tools/bench-peer-venv'), join(peerDir, 'requirements.txt'), 'bench:models (its Python peer)', say);
}

function peerEnv(): NodeJS.ProcessEnv {
  return { ...process.env, PYTHONUNBUFFERED: '1', OMP_NUM_THREADS: '1' };
}

function pythonInProcess(): unknown {
  say('python peer in process (bench/python-peer/bench_inprocess.py)');
  const args = ['bench_inprocess.py', '--iterations', String(iterations), '--warmup', String(warmup), '--seconds', String(seconds), '--batches', BATCHES.join(',')];
  const out = execFileSync(python, args, { cwd: peerDir, env: peerEnv(), stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 1 << 24 });
  return JSON.parse(out.toString('utf8'));
}

/** The portfolio's identities.csv (`npm run models:portfolio` writes it; generated here if missing). */
function fraudRingTimes(runs: number) {
  const data = join(root, '.credence/portfolio');
  const file = join(data, 'identities.csv');
  if (!existsSync(file)) {
    say(`generating the portfolio into ${data} (seed 7, 40000 borrowers)`);
    execFileSync(python, ['-m', 'credence_models.portfolio', '--seed', '7', '--borrowers', '40000', '--out', data], { env: { ...peerEnv(), PYTHONPATH: join(root, 'models/training') }, stdio: 'inherit' });
  }
  const text = readFileSync(file, 'utf8');
  const { applications, labels } = identitiesFromCsv(text);
  say(`fraud rings: detectRings over ${applications.length} applications, ${runs} runs after one warm-up`);
  const cpu = cpuTimes();
  let detection = detectRings(applications);
  const timesMs: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    detection = detectRings(applications);
    timesMs.push(Math.round((performance.now() - t0) * 10) / 10);
  }
  const metrics = evaluateRings(labels, detection);
  return { data: '.credence/portfolio/identities.csv', sha256: createHash('sha256').update(text).digest('hex'), applications: applications.length, cpuBusy: cpuBusySince(cpu), runs, medianMs: percentile(timesMs, 50), timesMs, metrics };
}

interface Target {
  url: string;
  stop(): Promise<void>;
}

// No `explain` field: both ends default to none (Credence's is a count 0..10, not a boolean).
function scoreBody(record: ModelRecord): string {
  return JSON.stringify({ model: 'application-pd', records: [record] });
}

type Check = { unavailable: string } | { records: number; largestDifference: number };
type HttpLoad = Awaited<ReturnType<typeof loadRun>>;
type HttpTarget = { unavailable: string } | { check: Check; runs: HttpLoad[] };

/** Credence's credential (the peer ignores it): a token from the platform's issuer, or CREDENCE_TOKEN / a dev token for --api. */
let credential: Record<string, string> = {};

async function loadRun(url: string, c: number, duration: number) {
  const cpu = cpuTimes();
  const requests = records.map((r) => ({ method: 'POST' as const, path: '/v1/score', headers: { ...credential, 'content-type': 'application/json' }, body: scoreBody(r) }));
  const r = await autocannon({ url, connections: c, duration, timeout: Number(opts.timeout), requests });
  return {
    connections: c,
    cpuBusy: cpuBusySince(cpu),
    durationSeconds: r.duration,
    requestsPerSecond: Math.round(r['2xx'] / r.duration),
    latencyMs: { p50: r.latency.p50, p90: r.latency.p90, p99: r.latency.p99, max: r.latency.max, mean: Math.round(r.latency.mean) },
    sent: r.requests.sent,
    ok: r['2xx'],
    non2xx: r.non2xx,
    statusCodes: r.statusCodeStats,
    errors: r.errors,
    timeouts: r.timeouts,
  };
}

async function measure(name: string, target: Target): Promise<HttpTarget> {
  try {
    const check = await scoreOnce(target.url);
    if ('unavailable' in check) return check;
    say(`${name}: warm-up 5 s at 100 connections, then ${opts.duration} s at each of ${connections.join(', ')} connections`);
    await loadRun(target.url, 100, 5);
    const runs: HttpLoad[] = [];
    for (const c of connections) {
      await new Promise((r) => setTimeout(r, 2000));
      runs.push(await loadRun(target.url, c, Number(opts.duration)));
    }
    return { check, runs };
  } finally {
    await target.stop();
  }
}

async function httpFigures() {
  return {
    loadGenerator: `autocannon ${packageVersion('autocannon')} in the bench process, one record per request cycling verification.json's ${records.length}; latency counts 2xx responses only; requests in flight when a run ends are not counted`,
    durationSeconds: Number(opts.duration),
    timeoutSeconds: Number(opts.timeout),
    credence: await credenceApi().then(
      (api) => measure('credence', api),
      (error: unknown): HttpTarget => ({ unavailable: `the platform did not start: ${(error as Error).message}` }),
    ),
    peer1: await measure('python peer, 1 worker', await startPeer(1)),
    peer2: await measure('python peer, 2 workers', await startPeer(2)),
  };
}

async function credenceApi(): Promise<Target> {
  if (opts.api !== undefined) {
    credential = { authorization: `Bearer ${process.env.CREDENCE_TOKEN || (await devToken({ role: 'ops' }))}` };
    return { url: opts.api, stop: () => Promise.resolve() };
  }
  const platform: Platform = await startPlatform(opts.db as BenchDatabase);
  credential = { authorization: `Bearer ${await platform.token('ops')}` };
  return { url: platform.apiUrl, stop: () => platform.stop() };
}

async function startPeer(workers: number): Promise<Target> {
  const port = await freePort();
  const args = ['-m', 'uvicorn', 'app:app', '--app-dir', peerDir, '--host', '127.0.0.1', '--port', String(port), '--workers', String(workers), '--log-level', 'warning', '--no-access-log'];
  say(`starting the python peer with ${workers} worker(s): each retrains the model and checks verification.json`);
  const child = supervise(`peer-${workers}`, python, args, peerEnv(), log, () => undefined);
  const url = `http://127.0.0.1:${port}`;
  // Every worker builds its own model: ready when /health has answered from each of them.
  const ready = new Set<number>();
  const deadline = Date.now() + 300_000;
  try {
    while (ready.size < workers) {
      if (child.process.exitCode !== null) throw new Error(`the python peer exited with ${child.process.exitCode} before it was healthy`);
      if (Date.now() > deadline) throw new Error('the python peer did not become healthy');
      const pid = await healthPid(port);
      if (pid === undefined) await new Promise((r) => setTimeout(r, 500));
      else ready.add(pid);
    }
  } catch (error) {
    await child.stop();
    throw error;
  }
  return { url, stop: () => child.stop() };
}

/** GET /health on a new connection each time (so either worker may answer): the answering pid. */
function healthPid(port: number): Promise<number | undefined> {
  return new Promise((resolve) => {
    const req = httpGet({ host: '127.0.0.1', port, path: '/health', agent: false, timeout: 2000 }, (res) => {
      let text = '';
      res.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
      res.on('end', () => resolve(res.statusCode === 200 ? (JSON.parse(text) as { pid: number }).pid : undefined));
    });
    req.on('timeout', () => req.destroy());
    req.on('error', () => resolve(undefined));
  });
}

/** One request of each record, checked against verification.json; `unavailable` when there is no endpoint. */
async function scoreOnce(url: string): Promise<Check> {
  let difference = 0;
  for (const [i, record] of records.entries()) {
    const res = await fetch(`${url}/v1/score`, { method: 'POST', headers: { ...credential, 'content-type': 'application/json' }, body: scoreBody(record) });
    if (res.status === 404 && i === 0) return { unavailable: `POST ${url}/v1/score answered 404: ${(await res.text()).slice(0, 200)}` };
    if (!res.ok) throw new Error(`POST /v1/score answered ${res.status}: ${await res.text()}`);
    const answer = (await res.json()) as { model: string; version: string; scores: { probability: number; decision: boolean }[] };
    difference = Math.max(difference, Math.abs(answer.scores[0]!.probability - served[i]!));
  }
  if (!(difference <= TOLERANCE)) throw new Error(`${url}/v1/score differs from verification.json by ${difference}`);
  return { records: records.length, largestDifference: difference };
}

interface Latency { p50: number; p99: number }
interface Throughput { rowsPerSecond: number }
interface PeerInProcess {
  singleRowMicros: Record<'predict' | 'encode_predict' | 'onnxruntime', Latency>;
  batches: Record<string, Record<'predict' | 'encode_predict' | 'onnxruntime', Throughput>>;
}

function comparison(r: typeof result): string {
  const lines: string[] = [];
  if (r.inProcess !== null) {
    const { credence } = r.inProcess;
    const peer = r.inProcess.pythonPeer as PeerInProcess;
    const us = (l: Latency) => `${l.p50} / ${l.p99}`;
    const rows = (t: Throughput) => t.rowsPerSecond.toLocaleString('en-US');
    const batch = (size: number) => [`rows/s, batches of ${size.toLocaleString('en-US')}`, rows((credence.batches[size] as { scoreBatch: Throughput }).scoreBatch), ...(['predict', 'encode_predict', 'onnxruntime'] as const).map((k) => rows(peer.batches[size]![k]))];
    lines.push(table(
      ['in process, one thread', 'Credence runtime', 'Python LightGBM', 'Python encode+LightGBM', 'Python onnxruntime'],
      [['single row P50 / P99 (µs)', us(credence.singleRowMicros.score), us(peer.singleRowMicros.predict), us(peer.singleRowMicros.encode_predict), us(peer.singleRowMicros.onnxruntime)], ...BATCHES.map(batch)],
    ), '');
  }
  if (r.fraudRings !== null) lines.push(`fraud rings: detectRings over ${r.fraudRings.applications.toLocaleString('en-US')} applications, median ${r.fraudRings.medianMs} ms of ${r.fraudRings.runs} runs`, '');
  if (r.http !== null) {
    const targets = [r.http.credence, r.http.peer1, r.http.peer2];
    const cell = (t: HttpTarget, c: number, show: (run: HttpLoad) => string) => {
      if ('unavailable' in t) return 'unavailable';
      const run = t.runs.find((x) => x.connections === c);
      return run === undefined ? '-' : show(run);
    };
    const httpRows = connections.flatMap((c) => [
      [`${c} connections: requests/s`, ...targets.map((t) => cell(t, c, (x) => x.requestsPerSecond.toLocaleString('en-US')))],
      [`  latency P50 / P99 (ms)`, ...targets.map((t) => cell(t, c, (x) => `${x.latencyMs.p50} / ${x.latencyMs.p99}`))],
      [`  errors / timeouts / non-2xx`, ...targets.map((t) => cell(t, c, (x) => `${x.errors} / ${x.timeouts} / ${x.non2xx}`))],
    ]);
    lines.push(table([`POST /v1/score, ${r.http.durationSeconds} s each`, 'Credence API', 'FastAPI, 1 worker', 'FastAPI, 2 workers'], httpRows));
    if ('unavailable' in r.http.credence) lines.push(`Credence API: ${r.http.credence.unavailable}`);
  }
  return lines.join('\n');
}

function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}
