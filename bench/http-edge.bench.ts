// `npm run bench:edge`: the API's HTTP edge under load. POST /v1/score at each --connections,
// in one run on one machine, against:
//
//   node http       a bare Node http server answering a fixed score (bench/http-edge/hello-node.ts)
//   fastify         a bare Fastify server answering the same (hello-fastify.ts)
//   credence before the API as another build has it (--before DIR: a checkout built with npm run
//                   build, e.g. main before the edge existed), on the same platform
//   credence        this build's API, with per-client rate limits off (one client, 127.0.0.1,
//                   sends everything: the limits would answer 429s and the shedding never show)
//   credence VARIANT this build again with other settings, once per --also 'API_X=1;API_Y=2'
//
// For each: requests answered 2xx per second, their latency P50/P90/P99/max (and P99 without each
// connection's first request, whose latency includes waiting to connect), 503s and their latency,
// other statuses, client timeouts (--timeout, autocannon's) and errors. Then the throttle figure:
// --throttle requests from one client, as fast as --throttle-connections allow, against the
// before build and this one with its default limits: how many were answered 429. With --profile,
// this build's API is profiled (--cpu-prof) through a run at the first --connections, and its CPU
// time is split by what spent it (Express, Nest, validation, ONNX, socket writes...).
//
// Options: --duration 20 (s per run) --connections 100,10000 --timeout 10 (s, autocannon's)
// --bodies 1 (distinct request bodies, records of verification.json) --before DIR --also SETTINGS
// --throttle 2600 --throttle-connections 10 --profile --db postgres|pglite --only
// node,fastify,before,credence,throttle. Writes bench/results/http-edge.json (a run of only some
// parts writes http-edge-<parts>.json, so it never replaces the full figures).
import autocannon from 'autocannon';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { supervise } from '../apps/launcher/child-process.js';
import { loadConfig } from '../apps/shared/config.js';
import { createLogger } from '../apps/shared/logger.js';
import { cpuBusySince, cpuTimes, loadAverage, machine, packageVersion } from './machine.js';
import { freePort, startPlatform, type BenchDatabase, type Platform } from './platform.js';
import { percentile } from './stats.js';
import { profileShares } from './http-edge/profile-shares.js';

const PARTS = ['node', 'fastify', 'before', 'credence', 'throttle'] as const;
const { values: opts } = parseArgs({
  options: {
    duration: { type: 'string', default: '20' },
    connections: { type: 'string', default: '100,10000' },
    timeout: { type: 'string', default: '10' },
    before: { type: 'string' },
    only: { type: 'string', default: PARTS.join(',') },
    throttle: { type: 'string', default: '2600' },
    'throttle-connections': { type: 'string', default: '10' },
    profile: { type: 'boolean', default: false },
    also: { type: 'string', multiple: true, default: [] },
    bodies: { type: 'string', default: '1' },
    db: { type: 'string', default: 'postgres' },
  },
});
const duration = Number(opts.duration);
const connections = opts.connections.split(',').map(Number);
const timeoutSeconds = Number(opts.timeout);
const parts = new Set(opts.only.split(','));

const root = fileURLToPath(new URL('../../', import.meta.url));
const here = fileURLToPath(new URL('.', import.meta.url));
const log = createLogger('bench');
const say = (message: string) => process.stderr.write(`${message}\n`);
const verification = JSON.parse(readFileSync(join(root, 'models/artifacts/application-pd/1.0.0/verification.json'), 'utf8')) as { records: Record<string, unknown>[] };
// One body by default: autocannon builds every request of --bodies for each connection before it
// reads an answer, and at 10,000 connections x 50 bodies that took it about 10 s, long enough for
// its own first timers (--timeout) to fire: timeouts of the load generator, not of the server.
const bodies = verification.records.slice(0, Number(opts.bodies)).map((record) => JSON.stringify({ model: 'application-pd', records: [record] }));
const backlog = loadConfig({}).api.edge.listenBacklog;
const beforeMain = opts.before === undefined ? undefined : join(opts.before, 'dist/apps/api/main.js');
if (beforeMain !== undefined && !existsSync(beforeMain)) throw new Error(`--before: ${beforeMain} does not exist (build that checkout with npm run build first)`);
const loadAtStart = loadAverage();
if (loadAtStart > 0.5) say(`the machine is busy (1-minute load average ${loadAtStart}): the figures will be noisy`);

interface Target {
  url: string;
  stop(): Promise<void>;
}

type LoadRun = Awaited<ReturnType<typeof loadRun>>;
type Measured = { unavailable: string } | { runs: LoadRun[] };

const variants = opts.also.map((spec) => Object.fromEntries(spec.split(';').map((kv) => [kv.slice(0, kv.indexOf('=')), kv.slice(kv.indexOf('=') + 1)])) as Record<string, string>);
const needsPlatform = variants.length > 0 || ['before', 'credence', 'throttle'].some((p) => parts.has(p));
const platform: Platform | null = needsPlatform ? await startPlatform(opts.db as BenchDatabase) : null;
// Every request carries a token from the platform's issuer: this build's API verifies it (a build
// from before logins, and the bare servers, ignore it).
const credential: Record<string, string> = platform ? { authorization: `Bearer ${await platform.token('ops')}` } : {};
const targets: Record<string, Measured | null> = { nodeHttp: null, fastify: null, credenceBefore: null, credence: null, ...Object.fromEntries(opts.also.map((spec) => [`credence ${spec}`, null])) };
let throttle: Awaited<ReturnType<typeof throttleFigures>> | null = null;
let profile: Awaited<ReturnType<typeof profiled>> | null = null;
try {
  if (parts.has('node')) targets.nodeHttp = await measure('node http', () => startHello('hello-node.js'));
  if (parts.has('fastify')) targets.fastify = await measure('fastify', () => startHello('hello-fastify.js'));
  if (parts.has('before')) targets.credenceBefore = beforeMain === undefined ? { unavailable: 'no --before build given' } : await measure('credence before', () => platform!.startApi(beforeMain));
  if (parts.has('credence')) targets.credence = await measure('credence', () => Promise.resolve({ url: platform!.apiUrl, stop: () => Promise.resolve() }));
  for (const [i, env] of variants.entries()) targets[`credence ${opts.also[i]!}`] = await measure(`credence ${opts.also[i]!}`, () => platform!.startApi(join(here, '../apps/api/main.js'), { API_RATE_LIMIT: 'off', ...env }));
  if (parts.has('throttle')) throttle = await throttleFigures(platform!);
  if (opts.profile) profile = await profiled(platform!);
} finally {
  await platform?.stop();
}

const result = {
  date: new Date().toISOString(),
  machine: machine(loadAtStart),
  loadGenerator: `autocannon ${packageVersion('autocannon')} in the bench process, one record per request cycling the first ${bodies.length} of verification.json; a request in flight when a run ends is in no figure`,
  durationSeconds: duration,
  timeoutSeconds,
  listenBacklog: { bare: backlog, credence: backlog, credenceBefore: "Node's default (511)" },
  targets,
  throttle,
  profile,
};
const dir = join(root, 'bench/results');
mkdirSync(dir, { recursive: true });
const file = join(dir, parts.size === PARTS.length ? 'http-edge.json' : `http-edge-${[...parts].join('-')}.json`);
writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);
console.log(comparison());
say(`wrote ${file}`);

async function measure(name: string, start: () => Promise<Target>): Promise<Measured> {
  let target: Target;
  try {
    target = await start();
  } catch (error) {
    say(`${name}: unavailable: ${(error as Error).message}`);
    return { unavailable: (error as Error).message };
  }
  try {
    say(`${name}: warm-up 5 s at 100 connections, then ${duration} s at each of ${connections.join(', ')} connections`);
    await loadRun(target.url, 100, 5);
    const runs: LoadRun[] = [];
    for (const c of connections) {
      await new Promise((r) => setTimeout(r, 2000));
      runs.push(await loadRun(target.url, c, duration));
    }
    return { runs };
  } finally {
    await target.stop();
  }
}

/** One autocannon run, its latencies split by status and by whether a connection's first. */
async function loadRun(url: string, c: number, seconds: number) {
  const cpu = cpuTimes();
  const answered: number[] = [];
  const answeredLater: number[] = [];
  const refused: number[] = [];
  const statuses: Record<string, number> = {};
  const connected = new Set<unknown>();
  const requests = bodies.map((body) => ({ method: 'POST' as const, path: '/v1/score', headers: { ...credential, 'content-type': 'application/json' }, body }));
  const r = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon({ url, connections: c, duration: seconds, timeout: timeoutSeconds, requests }, (err: unknown, result) => (err ? reject(err instanceof Error ? err : new Error('autocannon failed', { cause: err })) : resolve(result)));
    instance.on('response', (client, status, _bytes, ms) => {
      statuses[status] = (statuses[status] ?? 0) + 1;
      const first = !connected.has(client);
      if (first) connected.add(client);
      if (status >= 200 && status < 300) {
        answered.push(ms);
        if (!first) answeredLater.push(ms);
      } else if (status === 503) refused.push(ms);
    });
  });
  const ms = (samples: number[]) => (samples.length === 0 ? null : { p50: round(percentile(samples, 50)), p90: round(percentile(samples, 90)), p99: round(percentile(samples, 99)), max: round(samples.reduce((a, b) => Math.max(a, b), 0)) });
  return {
    connections: c,
    cpuBusy: cpuBusySince(cpu),
    durationSeconds: r.duration,
    answered: { count: answered.length, perSecond: Math.round(answered.length / r.duration), latencyMs: ms(answered), p99AfterFirstMs: answeredLater.length ? round(percentile(answeredLater, 99)) : null },
    refused503: { count: refused.length, perSecond: Math.round(refused.length / r.duration), latencyMs: ms(refused) },
    statuses,
    sent: r.requests.sent,
    timeouts: r.timeouts,
    errors: r.errors,
  };
}

function round(x: number): number {
  return Math.round(x * 10) / 10;
}

async function startHello(script: string): Promise<Target> {
  const port = await freePort();
  const child = supervise(script, process.execPath, [join(here, 'http-edge', script), String(port), String(backlog)], process.env, log, () => undefined);
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.process.exitCode !== null) throw new Error(`${script} exited with ${child.process.exitCode} (is its package installed?)`);
    try {
      const res = await fetch(`${url}/v1/score`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: bodies[0]! });
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await child.stop();
      throw new Error(`${script} did not answer`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return { url, stop: () => child.stop() };
}

/** --throttle requests from one client against the before build and this one, each with its default limits. */
async function throttleFigures(p: Platform) {
  const amount = Number(opts.throttle);
  const c = Number(opts['throttle-connections']);
  const once = async (target: Target) => {
    try {
      const r = await autocannon({ url: target.url, connections: c, amount, timeout: timeoutSeconds, requests: bodies.map((body) => ({ method: 'POST' as const, path: '/v1/score', headers: { ...credential, 'content-type': 'application/json' }, body })) });
      const count = (status: number) => r.statusCodeStats?.[String(status) as keyof typeof r.statusCodeStats]?.count ?? 0;
      return { sent: r.requests.sent, ok: count(200), throttled: count(429), durationSeconds: r.duration, statuses: r.statusCodeStats };
    } finally {
      await target.stop();
    }
  };
  say(`throttle: ${amount} POST /v1/score from one client over ${c} connections, against each build with its default limits`);
  return {
    requests: amount,
    connections: c,
    credenceBefore: beforeMain === undefined ? { unavailable: 'no --before build given' } : await once(await p.startApi(beforeMain)),
    credence: await once(await p.startApi(join(here, '../apps/api/main.js'))),
  };
}

/** This build's API under --cpu-prof through one run at the first --connections: where its CPU time went. */
async function profiled(p: Platform) {
  const profileDir = mkdtempSync(join(tmpdir(), 'credence-edge-profile-'));
  try {
    const api = await p.startApi(join(here, '../apps/api/main.js'), { API_RATE_LIMIT: 'off', NODE_OPTIONS: `--cpu-prof --cpu-prof-dir=${profileDir}` });
    say(`profile: the API under --cpu-prof, warm-up 5 s, then ${duration} s at ${connections[0]} connections`);
    let run: LoadRun;
    try {
      await loadRun(api.url, 100, 5);
      run = await loadRun(api.url, connections[0]!, duration);
    } finally {
      await api.stop();
    }
    const [profileFile] = readdirSync(profileDir).filter((f) => f.endsWith('.cpuprofile'));
    if (profileFile === undefined) return { unavailable: 'the API wrote no profile' };
    const cpuProfile = JSON.parse(readFileSync(join(profileDir, profileFile), 'utf8')) as Parameters<typeof profileShares>[0];
    return { connections: connections[0]!, answeredPerSecond: run.answered.perSecond, note: 'self time over the whole process life (start-up, warm-up and the run), by what spent it', shares: profileShares(cpuProfile) };
  } finally {
    rmSync(profileDir, { recursive: true, force: true });
  }
}

function comparison(): string {
  const names: [string, string][] = [
    ['nodeHttp', 'node http'],
    ['fastify', 'fastify'],
    ['credenceBefore', 'Credence before'],
    ['credence', 'Credence'],
    ...opts.also.map((spec): [string, string] => [`credence ${spec}`, `Credence ${spec}`]),
  ];
  const shown = names.filter(([key]) => targets[key] !== null);
  const cell = (key: string, c: number, show: (run: LoadRun) => string) => {
    const t = targets[key]!;
    if ('unavailable' in t) return 'unavailable';
    const run = t.runs.find((x) => x.connections === c);
    return run === undefined ? '-' : show(run);
  };
  const lat = (l: { p50: number; p99: number } | null) => (l === null ? '-' : `${l.p50} / ${l.p99}`);
  const rows = connections.flatMap((c) => [
    [`${c.toLocaleString('en-US')} connections: 2xx/s`, ...shown.map(([k]) => cell(k, c, (x) => x.answered.perSecond.toLocaleString('en-US')))],
    ['  2xx P50 / P99 ms', ...shown.map(([k]) => cell(k, c, (x) => lat(x.answered.latencyMs)))],
    ['  2xx P99 ms, after first', ...shown.map(([k]) => cell(k, c, (x) => String(x.answered.p99AfterFirstMs ?? '-')))],
    ['  503/s (P50 / P99 ms)', ...shown.map(([k]) => cell(k, c, (x) => (x.refused503.count === 0 ? '0' : `${x.refused503.perSecond.toLocaleString('en-US')} (${lat(x.refused503.latencyMs)})`)))],
    ['  timeouts / errors', ...shown.map(([k]) => cell(k, c, (x) => `${x.timeouts} / ${x.errors}`))],
  ]);
  const lines = [table([`POST /v1/score, ${duration} s each`, ...shown.map(([, n]) => n)], rows)];
  for (const [key, name] of shown) {
    const t = targets[key]!;
    if ('unavailable' in t) lines.push(`${name}: ${t.unavailable}`);
  }
  if (throttle !== null) {
    const show = (t: { unavailable: string } | { sent: number; throttled: number }) => ('unavailable' in t ? t.unavailable : `${t.throttled} of ${t.sent} answered 429`);
    lines.push('', `throttle, ${throttle.requests} requests from one client: before: ${show(throttle.credenceBefore)}; now: ${show(throttle.credence)}`);
  }
  if (profile !== null && profile.shares !== undefined) {
    lines.push('', `CPU of the API at ${profile.connections} connections (${profile.answeredPerSecond} 2xx/s under --cpu-prof), busy time by what spent it:`);
    for (const s of profile.shares) lines.push(`  ${(s.share * 100).toFixed(1).padStart(5)}%  ${s.what}`);
  }
  return lines.join('\n');
}

function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}
