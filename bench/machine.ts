// What a benchmark records about the machine it ran on, and how busy the machine was while a
// part of it ran: every figure here shares 2 cores with whatever else runs.
import { existsSync, readFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));

export function packageVersion(name: string): string {
  return (JSON.parse(readFileSync(join(root, 'node_modules', name, 'package.json'), 'utf8')) as { version: string }).version;
}

export function loadAverage(): number {
  return Math.round(loadavg()[0]! * 100) / 100;
}

/** Jiffies since boot over all cores (/proc/stat): busy here, taken by the hypervisor (steal), in all. */
export function cpuTimes(): { busy: number; steal: number; total: number } | null {
  if (!existsSync('/proc/stat')) return null;
  const jiffies = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number);
  const total = jiffies.reduce((a, b) => a + b, 0);
  const steal = jiffies[7] ?? 0;
  return { busy: total - jiffies[3]! - jiffies[4]! - steal, steal, total };
}

/**
 * The share of all cores busy since `from`, whoever used them, and the share the hypervisor gave
 * to other machines (steal). A part that runs one thread on 2 cores is 0.5 busy by itself: more
 * means something else ran beside it; steal above a few hundredths means a noisy host.
 */
export function cpuBusySince(from: ReturnType<typeof cpuTimes>): { busy: number; steal: number } | null {
  const now = cpuTimes();
  if (from === null || now === null || now.total === from.total) return null;
  const share = (x: number) => Math.round((x / (now.total - from.total)) * 100) / 100;
  return { busy: share(now.busy - from.busy), steal: share(now.steal - from.steal) };
}

export function machine(loadAtStart: number) {
  const read = (path: string) => (existsSync(path) ? readFileSync(path, 'utf8').trim() : null);
  const files = read('/proc/self/limits')?.match(/Max open files\s+(\S+)\s+(\S+)/);
  return {
    cpus: cpus().length,
    loadAverage1mAtStart: loadAtStart,
    cpu: cpus()[0]?.model,
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    node: process.version,
    openFilesLimit: files ? { soft: files[1], hard: files[2] } : null,
    somaxconn: read('/proc/sys/net/core/somaxconn'),
    ephemeralPorts: read('/proc/sys/net/ipv4/ip_local_port_range')?.replace(/\s+/, '-') ?? null,
  };
}
