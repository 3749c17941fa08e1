// Every port `npm start` is about to listen on is checked before anything starts, so a busy port
// is one clear sentence naming the port, the variable that moves it and the process holding it,
// never an EADDRINUSE stack from deep inside a server half-way through the start.
import { readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { createServer } from 'node:net';

export interface PlannedPort {
  port: number;
  /** what listens there, for the message */
  what: string;
  /** the environment variable that moves it */
  variable: string;
}

export class PortInUseError extends Error {
  constructor(readonly planned: PlannedPort, holder: string | undefined) {
    super(
      `port ${planned.port} (${planned.what}) is already in use${holder ? ` by ${holder}` : ''}: stop that process, or set ${planned.variable} to another port`,
    );
  }
}

function canListen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    // No host: the dual-stack wildcard, which collides with a listener on any local address.
    server.listen({ port, exclusive: true }, () => server.close(() => resolve(true)));
  });
}

export async function assertPortsFree(ports: PlannedPort[]): Promise<void> {
  for (const planned of ports) {
    if (!(await canListen(planned.port))) throw new PortInUseError(planned, describeHolder(planned.port));
  }
}

/** "pid 123 (node dist/apps/api/main.js)" for the process listening on a TCP port; Linux only. */
export function describeHolder(port: number): string | undefined {
  const pid = listenerPid(port);
  if (pid === undefined) return undefined;
  return `pid ${pid} (${commandLine(pid) ?? 'unknown command'})`;
}

export function commandLine(pid: number): string | undefined {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean).join(' ') || undefined;
  } catch {
    return undefined;
  }
}

function listenerPid(port: number): number | undefined {
  const inodes = new Set<string>();
  for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
    let rows: string[];
    try {
      rows = readFileSync(table, 'utf8').split('\n').slice(1);
    } catch {
      continue;
    }
    for (const row of rows) {
      const [, local, , state, , , , , , inode] = row.trim().split(/\s+/);
      // 0A is LISTEN; the local address ends in the port, in hex.
      if (state === '0A' && local && inode && parseInt(local.split(':').at(-1) ?? '', 16) === port) inodes.add(`socket:[${inode}]`);
    }
  }
  if (inodes.size === 0) return undefined;
  for (const entry of safeReaddir('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    for (const fd of safeReaddir(`/proc/${entry}/fd`)) {
      try {
        if (inodes.has(readlinkSync(`/proc/${entry}/fd/${fd}`))) return Number(entry);
      } catch {
        // the process or descriptor went away while we looked
      }
    }
  }
  return undefined;
}

function safeReaddir(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}
