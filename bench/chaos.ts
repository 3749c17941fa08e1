// `npm run chaos`: the platform as `npm start` runs it (the launcher, on its own ports and a fresh
// data folder) under a load of applications, acceptances and payments through the API while it
// SIGKILLs the worker six times, the API once with about 40 requests in flight, and the whole
// launcher once (then starts it again on the same data). Clients behave as real ones do: a failed
// request is retried with the same Idempotency-Key or externalId. Afterwards it checks, and
// prints, that nothing was lost or done twice (bench/chaos-checks.ts); it exits 1 on any
// violation. Writes results/chaos.json.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { createWriteStream, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generatedApplication } from '../apps/sandboxes/generated-applicants.js';
import { devToken } from '../apps/tools/dev-token.js';
import { checkInvariants, type Acknowledged } from './chaos-checks.js';

const launcherPath = fileURLToPath(new URL('../apps/launcher/main.js', import.meta.url));
const dataDir = mkdtempSync(join(tmpdir(), 'credence-chaos-'));
const PORTS = { PORT: 13200, TEMPORAL_PORT: 17400, TEMPORAL_UI_PORT: 18400, CODEC_SERVER_PORT: 18401, EMBEDDED_PG_PORT: 15600, BUREAU_PORT: 14210, AGGREGATOR_PORT: 14220, GATEWAY_PORT: 14230, OIDC_PORT: 14260 };
const api = `http://127.0.0.1:${PORTS.PORT}`;
const CLIENTS = 6;
const WORKER_KILLS = 6;
const API_BURST = 40;

/** Everything the platform logs, for tracing a failure after the run. */
const platformLog = createWriteStream(join(dataDir, 'platform.log'));
const log = (msg: string) => console.log(`[chaos ${new Date().toISOString().slice(11, 19)}] ${msg}`);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function startLauncher(): Promise<ChildProcess> {
  const env = { ...process.env, ...Object.fromEntries(Object.entries(PORTS).map(([k, v]) => [k, String(v)])), CREDENCE_DATA_DIR: dataDir, LOG_LEVEL: 'info' };
  const child = spawn(process.execPath, ['--enable-source-maps', launcherPath], { env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  let output = '';
  return new Promise((resolve, reject) => {
    // Read to the end (a full pipe would stall the platform), keeping only a tail for errors.
    const onData = (b: Buffer) => {
      platformLog.write(b);
      output = (output + b.toString()).slice(-20_000);
      if (output.includes('Credence is running')) resolve(child);
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => reject(new Error(`the launcher exited (${code}) before it ran:\n${output.slice(-3000)}`)));
  });
}

const childPid = (name: string) => (JSON.parse(readFileSync(join(dataDir, 'launcher.json'), 'utf8')) as { children: Record<string, { pid: number }> }).children[name]?.pid;

/** The ops demo user's token from the launcher's issuer (its keys outlive the launcher's restart). */
let auth: Record<string, string> = {};

const stats = { requests: 0, retried: 0, inFlight: 0, maxInFlight: 0, byStatus: {} as Record<string, number> };

/** One request as a careful client sends it: retried on a network error or a 5xx, the same body and keys. */
async function call(method: string, path: string, body: unknown, headers: Record<string, string> = {}): Promise<{ status: number; json: Record<string, unknown> }> {
  for (let attempt = 0; ; attempt++) {
    stats.requests++;
    stats.inFlight++;
    stats.maxInFlight = Math.max(stats.maxInFlight, stats.inFlight);
    try {
      const res = await fetch(`${api}${path}`, { method, headers: { ...auth, 'content-type': 'application/json', ...headers }, body: JSON.stringify(body), signal: AbortSignal.timeout(60_000) });
      const key = String(res.status);
      stats.byStatus[key] = (stats.byStatus[key] ?? 0) + 1;
      if (res.status < 500) return { status: res.status, json: (await res.json()) as Record<string, unknown> };
    } catch {
      stats.byStatus.network = (stats.byStatus.network ?? 0) + 1;
    } finally {
      stats.inFlight--;
    }
    if (attempt > 200) throw new Error(`${method} ${path} failed 200 times`);
    stats.retried++;
    await sleep(Math.min(500 * 2 ** Math.min(attempt, 3), 4000));
  }
}

const acknowledged: Acknowledged = { applications: new Map(), payments: [] };

/** Apply, accept what is offered, and pay twice: the life a borrower's app drives. */
async function borrower(seed: string): Promise<void> {
  const key = `chaos-${seed}`;
  const applied = await call('POST', '/v1/applications?wait=decision', generatedApplication(seed, { device: { id: `chaos-${randomUUID()}` } }), { 'idempotency-key': key });
  const loanId = applied.json.loanId as string | undefined;
  if (!loanId) throw new Error(`application ${key} answered ${applied.status}: ${JSON.stringify(applied.json)}`);
  acknowledged.applications.set(key, loanId);
  if (applied.json.status !== 'offered') return;
  const accepted = await call('POST', `/v1/loans/${loanId}/offer/accept`, {});
  if (accepted.json.status !== 'active') return;
  for (const n of [1, 2]) {
    const externalId = `chaos-${seed}-pay-${n}`;
    const paid = await call('POST', `/v1/loans/${loanId}/payments`, { amount: 150_000, currency: 'INR', externalId });
    if (paid.status === 200) acknowledged.payments.push({ loanId, externalId, amount: 150_000 });
  }
}

let stopLoad = false;
let borrowers = 0;
async function client(id: number): Promise<void> {
  for (let n = 0; !stopLoad; n++) {
    borrowers++;
    await borrower(`${id}-${n}-${randomUUID().slice(0, 8)}`);
  }
}

const started = performance.now();
log(`data folder ${dataDir} (the platform's log: platform.log there)`);
let launcher = await startLauncher();
auth = { authorization: `Bearer ${await devToken({ role: 'ops' }, { OIDC_PORT: String(PORTS.OIDC_PORT) })}` };
log('platform running; load starts');
const clients = Array.from({ length: CLIENTS }, (_, i) => client(i));
const events: { at: number; what: string }[] = [];
const mark = (what: string) => {
  events.push({ at: Math.round((performance.now() - started) / 1000), what });
  log(what);
};

await sleep(15_000);
for (let i = 1; i <= WORKER_KILLS; i++) {
  const pid = childPid('worker');
  if (pid) process.kill(pid, 'SIGKILL');
  mark(`worker SIGKILLed (${i}/${WORKER_KILLS}, pid ${pid}) with ${stats.inFlight} requests in flight`);
  while (childPid('worker') === pid) await sleep(200);
  await sleep(10_000);
}

// A burst of slow requests (each waits for a decision), then the API dies under them.
const burst = Array.from({ length: API_BURST }, () => borrower(`burst-${randomUUID().slice(0, 8)}`));
while (stats.inFlight < API_BURST) await sleep(20);
const apiPid = childPid('api');
const inFlightAtApiKill = stats.inFlight;
if (apiPid) process.kill(apiPid, 'SIGKILL');
mark(`api SIGKILLed (pid ${apiPid}) with ${inFlightAtApiKill} requests in flight`);
await sleep(15_000);

const children = ['temporal', 'worker', 'api'].map(childPid);
process.kill(-launcher.pid!, 'SIGKILL');
mark(`launcher's process group SIGKILLed with ${stats.inFlight} requests in flight`);
// They get SIGTERM from the kernel and drain within their bounds (the worker's is 20 s).
const killedAt = performance.now();
while (children.some((pid) => pid !== undefined && isAlive(pid)) && performance.now() - killedAt < 30_000) await sleep(100);
const survivors = children.filter((pid) => pid !== undefined && isAlive(pid));
const childrenGoneMs = Math.round(performance.now() - killedAt);
mark(`every child of the killed launcher had exited ${childrenGoneMs} ms later${survivors.length > 0 ? `, except ${survivors.join(', ')}` : ''}`);
launcher = await startLauncher();
mark('launcher started again on the same data');
await sleep(15_000);

stopLoad = true;
await Promise.all([...clients, ...burst]);
mark(`load stopped: ${borrowers + API_BURST} borrowers, ${stats.requests} requests (${stats.retried} retried), at most ${stats.maxInFlight} in flight`);

const report = await checkInvariants({ dataDir, databaseUrl: `postgres://postgres@127.0.0.1:${PORTS.EMBEDDED_PG_PORT}/postgres`, temporalAddress: `127.0.0.1:${PORTS.TEMPORAL_PORT}`, acknowledged });
if (survivors.length > 0) report.violations.push(`${survivors.length} children were still running 30 s after the launcher was SIGKILLed: ${survivors.join(', ')}`);
launcher.kill('SIGTERM');
await new Promise((r) => launcher.once('exit', r));

const result = { events, inFlightAtApiKill, childrenGoneMs, requests: stats, ...report.figures, violations: report.violations, seconds: Math.round((performance.now() - started) / 1000) };
mkdirSync(fileURLToPath(new URL('../../bench/results/', import.meta.url)), { recursive: true });
writeFileSync(fileURLToPath(new URL('../../bench/results/chaos.json', import.meta.url)), `${JSON.stringify(result, null, 2)}\n`);
console.log(JSON.stringify(report.figures, null, 2));
if (report.violations.length > 0) {
  console.log(`VIOLATIONS (${report.violations.length}):\n- ${report.violations.join('\n- ')}`);
  process.exit(1);
}
console.log('no violation: no lost loan, no double payout, every ledger journal balanced, capital reconciled, the read model equal to Temporal');
process.exit(0);

function isAlive(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return !stat.slice(stat.lastIndexOf(')') + 2).startsWith('Z');
  } catch {
    return false;
  }
}
