// Child processes the launcher (and the benchmarks) run. Each runs in its own process group, so a
// terminal's Ctrl-C reaches only the launcher, which then stops them in order (API, worker, then
// the servers they use). None may outlive its parent, even one killed by SIGKILL, which no handler
// sees: on Linux each child starts through `setpriv --pdeathsig`, so the kernel sends it SIGTERM
// when the parent dies; Node children also get an IPC channel and stop when it closes
// (apps/shared/parent-link.ts), which works on any OS.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import type { Logger } from '../shared/logger.js';

export interface ChildSpec {
  name: string;
  command: string;
  args: string[];
  env: NodeJS.ProcessEnv;
}

export interface Supervised {
  name: string;
  process: ChildProcess;
  exited: Promise<number | null>;
  stop(timeoutMs?: number): Promise<void>;
}

let setpriv: string | null | undefined;

/** The command prefix that ties a child's life to ours, where the OS offers one. */
function parentDeathPrefix(): string[] {
  if (process.platform !== 'linux') return [];
  setpriv ??= (process.env.PATH ?? '').split(delimiter).map((dir) => join(dir, 'setpriv')).find((path) => existsSync(path)) ?? null;
  return setpriv ? [setpriv, '--pdeathsig', 'TERM', '--'] : [];
}

/** Starts a child that cannot outlive this process (setpriv execs the command: the pid is the command's). */
export function spawnChild(spec: ChildSpec): ChildProcess {
  const [command = spec.command, ...args] = [...parentDeathPrefix(), spec.command, ...spec.args];
  const ipc = spec.command === process.execPath;
  return spawn(command, args, { env: spec.env, stdio: ipc ? ['ignore', 'inherit', 'inherit', 'ipc'] : ['ignore', 'inherit', 'inherit'], detached: true });
}

export function isRunning(child: ChildProcess): boolean {
  return child.exitCode === null && child.signalCode === null;
}

/** SIGTERM, then SIGKILL when the child has not exited within timeoutMs. */
export async function stopChild(name: string, child: ChildProcess, log: Logger, timeoutMs: number): Promise<void> {
  if (!isRunning(child) || child.pid === undefined) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => {
    log.warn({ child: name }, `${name} did not stop in ${timeoutMs} ms: killing it`);
    child.kill('SIGKILL');
  }, timeoutMs);
  await exited;
  clearTimeout(timer);
}

/** A child that is not restarted: onUnexpectedExit hears of an exit nobody asked for. */
export function supervise(name: string, command: string, args: string[], env: NodeJS.ProcessEnv, log: Logger, onUnexpectedExit: (code: number | null) => void): Supervised {
  const child = spawnChild({ name, command, args, env });
  let stopping = false;
  const exited = new Promise<number | null>((resolve) => {
    child.once('exit', (code, signal) => {
      if (!stopping) {
        log.error({ child: name, code, signal }, `${name} exited unexpectedly`);
        onUnexpectedExit(code);
      }
      resolve(code);
    });
  });
  return {
    name,
    process: child,
    exited,
    async stop(timeoutMs = 20_000) {
      stopping = true;
      await stopChild(name, child, log, timeoutMs);
    },
  };
}
