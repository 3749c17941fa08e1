// `npm run bench:calls`: the live-call assist's latency from a transcript segment leaving the
// contact centre to its answer on the collector's screen, on the platform as `npm start` runs it
// (bench/platform.ts: the API in its own process, PostgreSQL, Temporal, the local issuer). A loan
// is applied for and accepted through the API; --calls concurrent calls (ops tokens, ?loanId=)
// each stream the voice sandbox's scripted calls --repeat times, every segment sent as soon as the
// last one is answered (the heaviest a call can load it: a real call speaks a segment every few
// seconds). For each concurrency: P50/P90/P99/max of the screen latency measured by the client
// (send to receive, over a real WebSocket) and of the server's own time per segment (intent model,
// the promise's entities, the gate, the next best action), and segments per second. Options:
// --calls 1,10,50 --repeat 20 --db postgres. Writes bench/results/call-assist.json.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { application } from '../apps/testkit/applications.js';
import { loadCallScript, streamCall, unmet, type StreamedSegment } from '../apps/sandboxes/twilio/call-streamer.js';
import { loadAverage, machine, processCpuSeconds } from './machine.js';
import { startPlatform } from './platform.js';
import { summary } from './stats.js';

const { values: opts } = parseArgs({
  options: {
    calls: { type: 'string', default: '1,10,50' },
    repeat: { type: 'string', default: '20' },
    db: { type: 'string', default: 'postgres' },
  },
});
const say = (message: string) => process.stderr.write(`${message}\n`);
const root = fileURLToPath(new URL('../../', import.meta.url));
const loadAtStart = loadAverage();
const scripts = ['hardship-then-promise', 'stop-and-threat', 'hinglish-promise'].map((name) => loadCallScript(name));

interface Level {
  calls: number;
  segments: number;
  segmentsPerSecond: number;
  screenMs: ReturnType<typeof summary>;
  serverMs: ReturnType<typeof summary>;
  apiCpuMsPerSegment: number | null;
  unmetExpectations: number;
}

const platform = await startPlatform(opts.db === 'pglite' ? 'pglite' : 'postgres');
const levels: Level[] = [];
try {
  const token = await platform.token('ops');
  const headers = { authorization: `Bearer ${token}` };
  const applied = await fetch(`${platform.apiUrl}/v1/applications?wait=decision`, { method: 'POST', headers: { ...headers, 'content-type': 'application/json' }, body: JSON.stringify(application('approved')) });
  const { loanId } = (await applied.json()) as { loanId: string };
  const accepted = await fetch(`${platform.apiUrl}/v1/loans/${loanId}/offer/accept`, { method: 'POST', headers });
  if (!accepted.ok) throw new Error(`accepting the offer answered ${accepted.status} ${await accepted.text()}`);
  const url = `${platform.apiUrl.replace(/^http/, 'ws')}/v1/calls/assist?loanId=${loanId}`;
  // Warm-up: the first segments pay for lazy initialisation (JIT, the ONNX session's first run).
  for (const script of scripts) await streamCall(script, { url, headers });
  for (const calls of opts.calls.split(',').map(Number)) {
    const streamed: StreamedSegment[] = [];
    let unmetCount = 0;
    const cpuBefore = processCpuSeconds(platform.pids.api);
    const started = performance.now();
    await Promise.all(Array.from({ length: calls }, async () => {
      for (let r = 0; r < Number(opts.repeat); r++) {
        for (const script of scripts) {
          const call = await streamCall(script, { url, headers });
          // The scripts expect no gate warning; a loan with no episode and any hour of the day may differ only there.
          unmetCount += unmet(call).filter((line) => !line.includes('next best action')).length;
          streamed.push(...call.segments);
        }
      }
    }));
    const elapsed = (performance.now() - started) / 1000;
    const cpuAfter = processCpuSeconds(platform.pids.api);
    const level: Level = {
      calls,
      segments: streamed.length,
      segmentsPerSecond: Math.round(streamed.length / elapsed),
      screenMs: summary(streamed.map((s) => s.screenMs)),
      serverMs: summary(streamed.map((s) => Number(s.answer.latencyMs ?? NaN))),
      apiCpuMsPerSegment: cpuBefore !== null && cpuAfter !== null ? Math.round(((cpuAfter - cpuBefore) * 1000 * 1000) / streamed.length) / 1000 : null,
      unmetExpectations: unmetCount,
    };
    levels.push(level);
    say(`${calls} concurrent calls: ${level.segments} segments, ${level.segmentsPerSecond}/s; screen P50 ${level.screenMs.p50.toFixed(2)} ms, P99 ${level.screenMs.p99.toFixed(2)} ms, max ${level.screenMs.max.toFixed(2)} ms; server P50 ${level.serverMs.p50.toFixed(2)} ms, P99 ${level.serverMs.p99.toFixed(2)} ms; API CPU ${level.apiCpuMsPerSegment ?? '?'} ms/segment; unmet ${unmetCount}`);
  }
} finally {
  await platform.stop();
}

const result = { machine: machine(loadAtStart), repeat: Number(opts.repeat), scripts: scripts.map((s) => s.name), levels };
mkdirSync(join(root, 'bench/results'), { recursive: true });
const file = join(root, 'bench/results/call-assist.json');
writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);
say(`wrote ${file}`);
console.log('| concurrent calls | segments | segments/s | screen P50 | screen P99 | screen max | server P50 | server P99 | API CPU per segment |');
console.log('| --- | --- | --- | --- | --- | --- | --- | --- | --- |');
for (const l of levels) console.log(`| ${l.calls} | ${l.segments} | ${l.segmentsPerSecond} | ${l.screenMs.p50.toFixed(1)} ms | ${l.screenMs.p99.toFixed(1)} ms | ${l.screenMs.max.toFixed(1)} ms | ${l.serverMs.p50.toFixed(2)} ms | ${l.serverMs.p99.toFixed(2)} ms | ${l.apiCpuMsPerSegment ?? '?'} ms |`);
