// Splits a V8 CPU profile's self time by what spent it, so the question "is Express the
// bottleneck?" is answered with the API's own figures: a share of the busy time (idle excluded)
// for Express, Nest, validation, ONNX inference, socket writes and the rest.

export interface CpuProfile {
  nodes: { id: number; callFrame: { functionName: string; url: string } }[];
  /** microseconds on the machine's monotonic clock (process.hrtime's) */
  startTime: number;
  samples: number[];
  timeDeltas: number[];
}

export type Categories = [RegExp, string][];

const BY_URL: Categories = [
  [/node_modules\/onnxruntime-(node|common)\//, 'ONNX inference (onnxruntime-node)'],
  [/node_modules\/(express|router|finalhandler|send|serve-static|path-to-regexp|parseurl|qs|content-type|type-is|accepts|mime-types|on-finished|etag|fresh|cookie|vary|depd|debug)\//, 'Express (express, router and their helpers)'],
  [/node_modules\/@nestjs\//, 'Nest'],
  [/node_modules\/(class-validator|class-transformer|validator|libphonenumber-js)\//, 'validation (class-validator, class-transformer)'],
  [/node_modules\/(pino|sonic-boom|thread-stream|fast-redact|quick-format-unescaped)/, 'logging (pino)'],
  [/node_modules\/(@mikro-orm|pg|pg-pool|pg-protocol|kysely|knex)\//, 'database (MikroORM, pg)'],
  [/node_modules\/(@temporalio|protobufjs|@grpc|long)\//, 'Temporal client'],
  [/\/dist\/apps\/api\/edge\//, 'Credence: the edge'],
  [/\/dist\/models\//, 'Credence: models (encoding, registry, recording)'],
  [/\/dist\//, 'Credence: API and the rest'],
  [/^node:internal\/(modules|vm)|^node:internal\/main/, 'module loading (start-up)'],
  [/^node:(_http_|http|net|events|internal\/(streams|stream_base_commons|http|net|timers|process\/task_queues|async_hooks))/, 'Node: http, net, streams, events, timers'],
  [/^node:/, 'Node: other'],
];

const NATIVE_WRITES = new Set(['writev', 'writeUtf8String', 'writeBuffer', 'writeLatin1String', 'writeAsciiString', 'writeUcs2String']);

function category(functionName: string, url: string, byUrl: Categories): string | null {
  if (functionName === '(idle)') return null;
  if (functionName === '(garbage collector)') return 'garbage collection';
  if (url === '') return NATIVE_WRITES.has(functionName) ? 'socket writes (native)' : 'V8 and native, unattributed';
  return byUrl.find(([pattern]) => pattern.test(url))?.[1] ?? 'other packages';
}

/**
 * Busy self time by category (`byUrl`: the API's by default), over the whole profile or only the
 * samples taken within `window` (microseconds on the monotonic clock, as process.hrtime.bigint() / 1000n).
 */
export function profileShares(profile: CpuProfile, byUrl: Categories = BY_URL, window?: { from: number; to: number }): { what: string; share: number; ms: number }[] {
  const frames = new Map(profile.nodes.map((n) => [n.id, n.callFrame]));
  const spent = new Map<string, number>();
  let busy = 0;
  let at = profile.startTime;
  profile.samples.forEach((id, i) => {
    const delta = profile.timeDeltas[i] ?? 0;
    at += delta;
    if (window && (at < window.from || at > window.to)) return;
    const frame = frames.get(id);
    const what = frame ? category(frame.functionName, frame.url, byUrl) : 'V8 and native, unattributed';
    if (what === null) return;
    busy += delta;
    spent.set(what, (spent.get(what) ?? 0) + delta);
  });
  return [...spent]
    .map(([what, micros]) => ({ what, share: Math.round((micros / busy) * 1000) / 1000, ms: Math.round(micros / 1000) }))
    .sort((a, b) => b.share - a.share);
}
