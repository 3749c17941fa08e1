// How long `npm start` takes to a running platform (the API healthy and the worker polling: the
// launcher's "Credence is running" line), from the moment npm is started, as a newcomer waits:
// cold (no dist/, a fresh data folder: the first start after a clone) and warm (the second start,
// nothing changed). Each run ends with SIGTERM to npm and waits until every port is free again.
// Ports and the data folder are the bench's own. Writes results/start.json.
//
// `node bench/start.bench.ts [--runs 5]` (Node's type stripping: it removes dist/, so it cannot
// run from there; it imports nothing relative).
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..');
const runsArg = process.argv.indexOf('--runs');
const runs = runsArg > 0 ? Number(process.argv[runsArg + 1]) : 5;

const PORTS = { PORT: 13100, TEMPORAL_PORT: 17300, TEMPORAL_UI_PORT: 18300, CODEC_SERVER_PORT: 18301, EMBEDDED_PG_PORT: 15500, BUREAU_PORT: 14110, AGGREGATOR_PORT: 14120, GATEWAY_PORT: 14130, OIDC_PORT: 14160 };

function portFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, () => server.close(() => resolve(true)));
  });
}

async function startOnce(dataDir: string): Promise<{ healthyMs: number; stopMs: number }> {
  const started = performance.now();
  const npm = spawn('npm', ['start', '--silent'], { cwd: root, env: { ...process.env, ...Object.fromEntries(Object.entries(PORTS).map(([k, v]) => [k, String(v)])), CREDENCE_DATA_DIR: dataDir }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const exited = new Promise<void>((resolve) => npm.once('exit', () => resolve()));
  const healthy = new Promise<number>((resolve, reject) => {
    const onData = (b: Buffer) => {
      output += b.toString();
      if (output.includes('Credence is running')) resolve(performance.now() - started);
      if (output.includes('start-up failed')) reject(new Error(output.slice(-2000)));
    };
    npm.stdout.on('data', onData);
    npm.stderr.on('data', onData);
    void exited.then(() => reject(new Error(`npm start exited before the platform ran:\n${output.slice(-2000)}`)));
  });
  const healthyMs = await healthy;
  const stopping = performance.now();
  npm.kill('SIGTERM');
  await exited;
  for (const port of Object.values(PORTS)) while (!(await portFree(port))) await new Promise((r) => setTimeout(r, 100));
  return { healthyMs: Math.round(healthyMs), stopMs: Math.round(performance.now() - stopping) };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;

const results: Record<'cold' | 'warm', { healthyMs: number; stopMs: number }[]> = { cold: [], warm: [] };
const loadAtStart = loadavg()[0];
for (let i = 0; i < runs; i++) {
  const dataDir = mkdtempSync(join(tmpdir(), 'credence-start-bench-'));
  rmSync(join(root, 'dist'), { recursive: true, force: true });
  results.cold.push(await startOnce(dataDir));
  results.warm.push(await startOnce(dataDir));
  rmSync(dataDir, { recursive: true, force: true });
  console.log(`run ${i + 1}: cold ${results.cold.at(-1)?.healthyMs} ms, warm ${results.warm.at(-1)?.healthyMs} ms to running`);
}
const summary = {
  runs,
  machine: { cores: cpus().length, loadAverage1mAtStart: loadAtStart },
  coldMedianMs: median(results.cold.map((r) => r.healthyMs)),
  warmMedianMs: median(results.warm.map((r) => r.healthyMs)),
  stopMedianMs: median([...results.cold, ...results.warm].map((r) => r.stopMs)),
  results,
};
mkdirSync(join(root, 'bench', 'results'), { recursive: true });
writeFileSync(join(root, 'bench', 'results', 'start.json'), `${JSON.stringify(summary, null, 2)}\n`);
console.log(`npm start to running: cold median ${summary.coldMedianMs} ms, warm median ${summary.warmMedianMs} ms; SIGTERM to ports free: median ${summary.stopMedianMs} ms (${runs} runs each)`);
