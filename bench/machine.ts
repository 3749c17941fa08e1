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

/** CPU seconds (user + system) a process has used so far, from /proc/<pid>/stat; null when unknown. */
export function processCpuSeconds(pid: number | undefined): number | null {
  if (pid === undefined || !existsSync(`/proc/${pid}/stat`)) return null;
  // Fields after the parenthesised command name: utime and stime are the 12th and 13th, in clock ticks (100 Hz).
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

/** CPU seconds each named process spends between now and `stop()`: where a phase's work went, whoever shares the machine. */
export function cpuByProcess(pids: Record<string, number | undefined>): { stop(): Record<string, number | null> } {
  const start = Object.fromEntries(Object.entries(pids).map(([name, pid]) => [name, name === 'self' ? process.cpuUsage() : processCpuSeconds(pid)]));
  return {
    stop() {
      return Object.fromEntries(
        Object.entries(pids).map(([name, pid]) => {
          const from = start[name];
          if (name === 'self') {
            const used = process.cpuUsage(from as NodeJS.CpuUsage);
            return [name, Math.round((used.user + used.system) / 1000) / 1000];
          }
          const now = processCpuSeconds(pid);
          return [name, now === null || typeof from !== 'number' ? null : Math.round((now - from) * 100) / 100];
        }),
      );
    },
  };
}

/** A process's resident memory now, in MiB (NaN when it is gone or unknown). */
export function rssMiB(pid: number | undefined): number {
  const status = pid !== undefined && existsSync(`/proc/${pid}/status`) ? readFileSync(`/proc/${pid}/status`, 'utf8') : '';
  const line = /VmRSS:\s+(\d+) kB/.exec(status);
  return line ? Math.round(Number(line[1]) / 1024) : Number.NaN;
}

/** A process's resident memory, sampled twice a second: at the start, its peak, and after the load (`settle`). */
export function sampleRss(pid: number | undefined) {
  const startMiB = rssMiB(pid);
  let peakMiB = startMiB;
  const timer = setInterval(() => (peakMiB = Math.max(peakMiB, rssMiB(pid))), 500);
  return {
    figures: () => ({ startMiB, peakMiB }),
    settle: async (ms: number) => {
      await new Promise((r) => setTimeout(r, ms));
      return rssMiB(pid);
    },
    stop: () => clearInterval(timer),
  };
}
