// `npm run bench:auth -- --before DIR`: what authentication costs on a hot read route. In one run,
// on one platform (bench/platform.ts), GET /v1/models (answered from memory: the cheapest route, so
// the largest share) and GET /v1/loans/:id (a read from PostgreSQL) are loaded with autocannon
// against:
//
//   before           the API as another build has it, with no authentication (--before DIR: a
//                    checkout of main before logins, built with npm run build)
//   ES256 / RS256    this build, a person's bearer token from the platform's OIDC issuer
//   API key          this build, an API key (X-Api-Key: one primary-key read per request)
//
// taking turns, --rounds times (each round starting with the next target), so drift in the
// machine's load and the position in a round fall on every target alike. For
// each: requests answered 2xx per second, latency P50/P99, and the API process's CPU time per
// request (less sensitive than throughput to what else runs on the machine). Then, in this
// process, the CPU one verification takes: a token seen for the first time (ES256, RS256: the
// signature checked) and one seen before (remembered until its exp, at most a minute). Options:
// --duration 10 (s per run) --connections 50 --rounds 3 --before DIR. Writes
// bench/results/auth-overhead.json.
import autocannon from 'autocannon';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { OidcVerifier } from '../apps/api/auth/oidc-verifier.js';
import { loadConfig } from '../apps/shared/config.js';
import { application } from '../apps/testkit/applications.js';
import { loadAverage, machine, packageVersion, processCpuSeconds } from './machine.js';
import { startPlatform } from './platform.js';

const { values: opts } = parseArgs({
  options: {
    duration: { type: 'string', default: '10' },
    connections: { type: 'string', default: '50' },
    rounds: { type: 'string', default: '3' },
    before: { type: 'string' },
    db: { type: 'string', default: 'postgres' },
  },
});
const say = (message: string) => process.stderr.write(`${message}\n`);
const root = fileURLToPath(new URL('../../', import.meta.url));
const beforeMain = opts.before === undefined ? undefined : join(opts.before, 'dist/apps/api/main.js');
if (beforeMain !== undefined && !existsSync(beforeMain)) throw new Error(`--before: ${beforeMain} does not exist (build that checkout with npm run build first)`);
const loadAtStart = loadAverage();

interface Target {
  name: string;
  url: string;
  pid: number | undefined;
  headers: Record<string, string>;
}

interface Run {
  requestsPerSecond: number;
  latencyMs: { p50: number; p99: number };
  cpuMicrosecondsPerRequest: number | null;
  non2xx: number;
  errors: number;
}

const platform = await startPlatform(opts.db === 'pglite' ? 'pglite' : 'postgres');
const results: Record<string, Record<string, Run[]>> = {};
let verification: Record<string, number> | undefined;
try {
  verification = await verificationCost();
  const [es256, rs256, admin] = await Promise.all([platform.token('ops'), platform.token('ops', 'RS256'), platform.token('admin')]);
  const auth = (token: string) => ({ authorization: `Bearer ${token}` });
  // A loan to read: applied for and decided through this build's API.
  const applied = await fetch(`${platform.apiUrl}/v1/applications?wait=decision`, { method: 'POST', headers: { ...auth(es256), 'content-type': 'application/json' }, body: JSON.stringify(application('approved')) });
  const { loanId } = (await applied.json()) as { loanId: string };
  const created = await fetch(`${platform.apiUrl}/v1/api-keys`, { method: 'POST', headers: { ...auth(admin), 'content-type': 'application/json' }, body: JSON.stringify({ name: 'bench', roles: ['ops'] }) });
  const { key } = (await created.json()) as { key: string };
  const before = beforeMain ? await platform.startApi(beforeMain, { API_RATE_LIMIT: 'off' }) : undefined;
  const targets: Target[] = [
    ...(before ? [{ name: 'before (no authentication)', url: before.url, pid: before.pid, headers: {} }] : []),
    { name: 'ES256 bearer token', url: platform.apiUrl, pid: platform.pids.api, headers: auth(es256) },
    { name: 'RS256 bearer token', url: platform.apiUrl, pid: platform.pids.api, headers: auth(rs256) },
    { name: 'API key', url: platform.apiUrl, pid: platform.pids.api, headers: { 'x-api-key': key } },
  ];
  const routes = ['/v1/models', `/v1/loans/${loanId}`];
  for (const route of routes) {
    const label = route.startsWith('/v1/loans/') ? 'GET /v1/loans/:id' : `GET ${route}`;
    results[label] = Object.fromEntries(targets.map((t) => [t.name, []]));
    for (const target of targets) {
      const check = await fetch(`${target.url}${route}`, { headers: target.headers });
      if (check.status !== 200) throw new Error(`${target.name}: GET ${route} answered ${check.status} ${await check.text()}`);
      await load(target, route, 3); // warm-up
    }
    for (let round = 1; round <= Number(opts.rounds); round++) {
      // Each round starts with another target, so no target always runs first (after the switch from another process).
      for (const target of [...targets.slice((round - 1) % targets.length), ...targets.slice(0, (round - 1) % targets.length)]) {
        const run = await load(target, route, Number(opts.duration));
        results[label][target.name]!.push(run);
        say(`${label} round ${round}, ${target.name}: ${run.requestsPerSecond} req/s, P50 ${run.latencyMs.p50} ms, P99 ${run.latencyMs.p99} ms, ${run.cpuMicrosecondsPerRequest ?? '?'} µs CPU per request`);
      }
    }
  }
  await before?.stop();
} finally {
  await platform.stop();
}

/** CPU microseconds per verify(), in this process: first sight of a token of each algorithm, and a remembered one. */
async function verificationCost(): Promise<Record<string, number>> {
  const verifier = new OidcVerifier(loadConfig({ OIDC_ISSUER: platform.issuer }).auth);
  const cpuMicros = async (n: number, each: (i: number) => Promise<unknown>) => {
    const start = process.cpuUsage();
    for (let i = 0; i < n; i++) await each(i);
    const used = process.cpuUsage(start);
    return Math.round(((used.user + used.system) / n) * 10) / 10;
  };
  await verifier.verify(await platform.token('ops')); // discovery and the keys, once
  const figures: Record<string, number> = {};
  for (const alg of ['ES256', 'RS256'] as const) {
    const tokens = await Promise.all(Array.from({ length: 300 }, () => platform.token('ops', alg)));
    figures[`${alg} first sight`] = await cpuMicros(tokens.length, (i) => verifier.verify(tokens[i]!));
  }
  const known = await platform.token('ops');
  await verifier.verify(known);
  figures['remembered token'] = await cpuMicros(100_000, () => verifier.verify(known));
  for (const [what, micros] of Object.entries(figures)) say(`verify(), ${what}: ${micros} µs CPU`);
  return figures;
}

async function load(target: Target, path: string, seconds: number): Promise<Run> {
  const cpuBefore = processCpuSeconds(target.pid);
  const r = await autocannon({ url: target.url, connections: Number(opts.connections), duration: seconds, requests: [{ method: 'GET', path, headers: target.headers }] });
  const cpuAfter = processCpuSeconds(target.pid);
  const answered = r['2xx'];
  return {
    requestsPerSecond: Math.round(answered / r.duration),
    latencyMs: { p50: r.latency.p50, p99: r.latency.p99 },
    cpuMicrosecondsPerRequest: cpuBefore === null || cpuAfter === null || answered === 0 ? null : Math.round(((cpuAfter - cpuBefore) * 1e6) / answered),
    non2xx: r.non2xx,
    errors: r.errors,
  };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
const summary = Object.fromEntries(
  Object.entries(results).map(([route, byTarget]) => [
    route,
    Object.fromEntries(
      Object.entries(byTarget).map(([name, runs]) => [
        name,
        { requestsPerSecond: median(runs.map((r) => r.requestsPerSecond)), p50Ms: median(runs.map((r) => r.latencyMs.p50)), p99Ms: median(runs.map((r) => r.latencyMs.p99)), cpuMicrosecondsPerRequest: median(runs.map((r) => r.cpuMicrosecondsPerRequest ?? 0)) },
      ]),
    ),
  ]),
);
const result = {
  date: new Date().toISOString(),
  machine: machine(loadAtStart),
  loadAverage1mAtEnd: loadAverage(),
  loadGenerator: `autocannon ${packageVersion('autocannon')} in the bench process, ${opts.connections} connections, ${opts.duration} s a run, targets in turn, ${opts.rounds} rounds; medians over the rounds`,
  verifyCpuMicroseconds: verification,
  summary,
  runs: results,
};
mkdirSync(join(root, 'bench/results'), { recursive: true });
const file = join(root, 'bench/results/auth-overhead.json');
writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);
console.log(`verify(), CPU per call in the bench process: ${Object.entries(verification ?? {}).map(([what, us]) => `${what} ${us} µs`).join(', ')}`);
for (const [route, byTarget] of Object.entries(summary)) {
  console.log(`\n${route}`);
  for (const [name, s] of Object.entries(byTarget)) console.log(`  ${name.padEnd(28)} ${String(s.requestsPerSecond).padStart(6)} req/s   P50 ${s.p50Ms} ms   P99 ${s.p99Ms} ms   ${s.cpuMicrosecondsPerRequest} µs CPU/request`);
}
say(`wrote ${file}`);
