// `--profile`: the worker runs under --cpu-prof (a profile per thread: the main thread runs the
// activities, the payload codec and the SDK's plumbing; the workflow threads run the workflow code
// in its sandbox), and the bench splits each thread's busy time, while the episodes opened, by what
// spent it. Profiling slows the worker: a profiled run's rates are not the bench's figures.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { profileShares, type Categories, type CpuProfile } from '../http-edge/profile-shares.js';

const WORKER_CATEGORIES: Categories = [
  [/^node:vm$/, 'Node vm: entering the workflow sandbox (runInContext)'],
  [/workflow-bundle-[0-9a-f]+\.js/, 'workflow bundle: the recovery workflow and the SDK inside the sandbox'],
  [/node_modules\/@temporalio\/worker\/lib\/workflow\//, 'Temporal SDK: workflow threads and the vm sandbox'],
  [/node_modules\/@temporalio\//, 'Temporal SDK: worker, activities, data conversion'],
  [/node_modules\/(protobufjs|@protobufjs|long|@grpc)\//, 'protobuf'],
  [/\/dist\/apps\/shared\/temporal\//, 'Credence: payload codec and converters'],
  [/\/dist\/activities\/recovery-contact\//, 'Credence: contact dispatch'],
  [/\/dist\/policies\//, 'Credence: gate, templates, policy'],
  [/\/dist\/adapters\/|node_modules\/(twilio|axios|@sendgrid|form-data|follow-redirects|proxy-from-env|scmp|xmlbuilder2?|dayjs|qs)\//, 'channels: adapters and the twilio / SendGrid SDKs'],
  [/\/dist\/db\/|node_modules\/(@mikro-orm|pg|pg-pool|pg-protocol|kysely|knex)\//, 'database: repositories, MikroORM, pg'],
  [/node_modules\/(pino|sonic-boom|thread-stream|fast-redact|quick-format-unescaped)/, 'logging (pino)'],
  [/node_modules\/onnxruntime/, 'ONNX'],
  [/\/dist\//, 'Credence: other'],
  [/^node:internal\/(modules|vm)|^node:internal\/main/, 'module loading (start-up)'],
  [/^node:(crypto|internal\/crypto)/, 'Node: crypto'],
  [/^node:/, 'Node: other'],
];

export function workerProfiling() {
  const dir = mkdtempSync(join(tmpdir(), 'credence-recovery-profile-'));
  return {
    env: { NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --cpu-prof --cpu-prof-dir=${dir}`.trim() },
    /** Read once the worker has exited (its threads write their profiles as they stop). */
    shares(window: { from: number; to: number }) {
      const files = readdirSync(dir).filter((f) => f.endsWith('.cpuprofile'));
      const threads = files.map((file) => {
        // CPU.<date>.<time>.<pid>.<thread id>.<seq>.cpuprofile: thread 0 is the main thread.
        const thread = Number(file.split('.').at(-3));
        const profile = JSON.parse(readFileSync(join(dir, file), 'utf8')) as CpuProfile;
        const shares = profileShares(profile, WORKER_CATEGORIES, window);
        return { thread: thread === 0 ? 'main' : `workflow thread ${thread}`, busyMs: shares.reduce((a, s) => a + s.ms, 0), shares, topFunctions: topFunctions(profile, window) };
      });
      rmSync(dir, { recursive: true, force: true });
      return threads.filter((t) => t.busyMs > 0);
    },
  };
}

/** Now on the clock V8's profiles use (microseconds). */
export function monotonicMicros(): number {
  return Number(process.hrtime.bigint() / 1000n);
}

/** The functions with the most self time in the window (idle left out), with where they live. */
function topFunctions(profile: CpuProfile, window: { from: number; to: number }, n = 12): { fn: string; at: string; ms: number }[] {
  const frames = new Map(profile.nodes.map((node) => [node.id, node.callFrame]));
  const spent = new Map<string, number>();
  let at = profile.startTime;
  profile.samples.forEach((id, i) => {
    const delta = profile.timeDeltas[i] ?? 0;
    at += delta;
    const frame = frames.get(id);
    if (at < window.from || at > window.to || !frame || frame.functionName === '(idle)') return;
    const key = `${frame.functionName || '(anonymous)'}\t${frame.url.replace(/^.*\/(node_modules|dist)\//, '$1/')}`;
    spent.set(key, (spent.get(key) ?? 0) + delta);
  });
  return [...spent]
    .sort((a, b) => b[1] - a[1])
    .slice(0, n)
    .map(([key, micros]) => {
      const [fn = '', url = ''] = key.split('\t');
      return { fn, at: url, ms: Math.round(micros / 1000) };
    });
}
