// Latency summaries for the benchmarks (nearest-rank percentiles over the measured samples).
export function percentile(samples: number[], p: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1]!;
}

export function summary(samples: number[]): { n: number; p50: number; p90: number; p99: number; max: number; mean: number } {
  const mean = samples.reduce((s, x) => s + x, 0) / samples.length;
  return { n: samples.length, p50: percentile(samples, 50), p90: percentile(samples, 90), p99: percentile(samples, 99), max: Math.max(...samples), mean: Math.round(mean) };
}

/** Runs `count` tasks with at most `concurrency` in flight, each task timed in milliseconds. */
export async function timedPool<T>(count: number, concurrency: number, task: (i: number) => Promise<T>): Promise<{ results: T[]; latencies: number[]; elapsedMs: number }> {
  const results: T[] = new Array<T>(count);
  const latencies: number[] = new Array<number>(count);
  let next = 0;
  const started = performance.now();
  const lanes = Array.from({ length: Math.min(concurrency, count) }, async () => {
    while (next < count) {
      const i = next++;
      const t0 = performance.now();
      results[i] = await task(i);
      latencies[i] = performance.now() - t0;
    }
  });
  await Promise.all(lanes);
  return { results, latencies, elapsedMs: performance.now() - started };
}
