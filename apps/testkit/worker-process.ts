// A Credence worker as a process of its own, joined to a test environment (its Temporal server,
// database, sandboxes, task queues and keys): the built dist/apps/worker/main.js, started as the
// launcher starts it, so `npm run build` must have run. For tests in which a worker dies: kill()
// is SIGKILL, which no handler sees, so nothing is drained, reported or cleaned up.
import type { ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { spawnChild } from '../launcher/child-process.js';
import type { LoanTestEnv } from './loan-env.js';

const entry = fileURLToPath(new URL('../../dist/apps/worker/main.js', import.meta.url));
/** A first start builds the workflow bundle of this build and caches it (apps/worker/workflow-bundle.ts). */
const READY_WITHIN_MS = 90_000;

export interface WorkerProcess {
  pid: number;
  /** SIGKILL; resolves once the process has exited */
  kill(): Promise<void>;
  /** SIGTERM, as the launcher stops it (the worker drains); resolves once it has exited */
  stop(): Promise<void>;
}

export async function startWorkerProcess(t: LoanTestEnv, env: Record<string, string> = {}): Promise<WorkerProcess> {
  if (!existsSync(entry)) throw new Error(`${entry} is missing: run npm run build first`);
  // Through the launcher's own spawn: the worker cannot outlive the test run, and says when it polls.
  const child = spawnChild({ name: 'worker', command: process.execPath, args: ['--enable-source-maps', entry], env: { ...process.env, LOG_LEVEL: 'warn', ...t.workerEnv, ...env } });
  const pid = child.pid;
  if (pid === undefined) throw new Error('the worker process did not start');
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  await ready(child, exited);
  return {
    pid,
    async kill() {
      child.kill('SIGKILL');
      await exited;
    },
    async stop() {
      child.kill('SIGTERM');
      await exited;
    },
  };
}

function ready(child: ChildProcess, exited: Promise<void>): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`the worker process did not poll within ${READY_WITHIN_MS} ms`));
    }, READY_WITHIN_MS);
    child.on('message', (message) => {
      if (message !== 'ready') return;
      clearTimeout(timer);
      resolve();
    });
    void exited.then(() => {
      clearTimeout(timer);
      reject(new Error(`the worker process exited before it polled (code ${child.exitCode}, signal ${child.signalCode})`));
    });
  });
}
