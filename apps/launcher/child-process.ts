// Child processes the launcher supervises. Each runs in its own process group, so Ctrl-C reaches
// only the launcher, which then stops them in order (API, worker, then the servers they use).
import { spawn, type ChildProcess } from 'node:child_process';
import type { Logger } from '../shared/logger.js';

export interface Supervised {
  name: string;
  process: ChildProcess;
  exited: Promise<number | null>;
  stop(timeoutMs?: number): Promise<void>;
}

export function supervise(name: string, command: string, args: string[], env: NodeJS.ProcessEnv, log: Logger, onUnexpectedExit: (code: number | null) => void): Supervised {
  const child = spawn(command, args, { env, stdio: ['ignore', 'inherit', 'inherit'], detached: true });
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
      if (child.exitCode !== null || child.signalCode !== null) return;
      stopping = true;
      child.kill('SIGTERM');
      const timer = setTimeout(() => {
        log.warn({ child: name }, `${name} did not stop in ${timeoutMs} ms: killing it`);
        child.kill('SIGKILL');
      }, timeoutMs);
      await exited;
      clearTimeout(timer);
    },
  };
}
