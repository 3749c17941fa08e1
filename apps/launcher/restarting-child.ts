// A child the launcher keeps alive: when it exits without being asked to, it is started again
// after the restart policy's wait, while everything else keeps running. When the policy gives up,
// onGiveUp hears of it (the launcher then stops the platform with an error, so a supervisor above
// it sees the failure instead of a platform that silently lacks a part).
import type { ChildProcess } from 'node:child_process';
import type { Logger } from '../shared/logger.js';
import { spawnChild, stopChild, type ChildSpec } from './child-process.js';
import { DEFAULT_RESTART_POLICY, nextRestart, type RestartPolicy } from './restart-policy.js';

export interface RestartingChild {
  name: string;
  /** the running process, a new one after each restart */
  readonly process: ChildProcess;
  stop(): Promise<void>;
}

export interface RestartHooks {
  /** each process started, the first and every restart */
  onSpawn(child: ChildProcess): void;
  onGiveUp(): void;
}

export function superviseRestarting(spec: ChildSpec & { stopTimeoutMs: number }, log: Logger, hooks: RestartHooks, policy: RestartPolicy = DEFAULT_RESTART_POLICY): RestartingChild {
  const { name } = spec;
  let stopping = false;
  let quickDeaths = 0;
  let pending: NodeJS.Timeout | undefined;
  let current = start();

  function start(): ChildProcess {
    const child = spawnChild(spec);
    const startedAt = Date.now();
    hooks.onSpawn(child);
    child.once('error', (err) => log.error({ child: name, err }, `${name} could not be started`));
    child.once('exit', (code, signal) => {
      if (stopping) return;
      const decision = nextRestart(policy, quickDeaths, Date.now() - startedAt);
      quickDeaths = decision.quickDeaths;
      const how = signal ? `killed by ${signal}` : `exit code ${code}`;
      if (!decision.restart) {
        log.error(
          { child: name, code, signal, quickDeaths },
          `${name} exited (${how}) ${quickDeaths} times in a row, each within ${policy.stableAfterMs / 1000} s of starting: giving up on it`,
        );
        hooks.onGiveUp();
        return;
      }
      log.error({ child: name, code, signal, restartInMs: decision.delayMs }, `${name} exited unexpectedly (${how}): restarting it in ${decision.delayMs} ms`);
      pending = setTimeout(() => {
        if (stopping) return;
        current = start();
        log.info({ child: name, pid: current.pid }, `${name} restarted`);
      }, decision.delayMs);
    });
    return child;
  }

  return {
    name,
    get process() {
      return current;
    },
    async stop() {
      stopping = true;
      clearTimeout(pending);
      await stopChild(name, current, log, spec.stopTimeoutMs);
    },
  };
}
