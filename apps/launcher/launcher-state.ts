// The launcher records its own pid and each child's in the data folder while it runs. The next
// `npm start` reads it: a launcher still alive on the same data folder is refused with its pid; a
// dead one's children that are somehow still running (each should die with it: child-process.ts)
// are stopped before anything binds their ports. Linux only for the clean-up: a pid is killed
// only when /proc shows it still runs the very command that was recorded.
import { existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Logger } from '../shared/logger.js';
import { commandLine } from './ports.js';

interface Recorded {
  pid: number;
  command: string;
}

interface StateFile {
  launcher: Recorded;
  children: Record<string, Recorded>;
}

export class LauncherAlreadyRunningError extends Error {}

export class LauncherState {
  private readonly file: string;
  private readonly state: StateFile;
  /** Only a launcher that took the data folder over may remove the record of it. */
  private owned = false;

  constructor(dataDir: string) {
    this.file = join(dataDir, 'launcher.json');
    this.state = { launcher: { pid: process.pid, command: commandLine(process.pid) ?? process.argv.join(' ') }, children: {} };
  }

  /** Refuses when a launcher is alive on this data folder; stops what a dead one left running. */
  async takeOver(log: Logger): Promise<void> {
    const previous = read(this.file);
    if (previous) {
      if (alive(previous.launcher)) {
        throw new LauncherAlreadyRunningError(`Credence is already running on this data folder (launcher pid ${previous.launcher.pid}): stop it first, or set CREDENCE_DATA_DIR`);
      }
      for (const [name, child] of Object.entries(previous.children)) {
        if (!alive(child)) continue;
        log.warn({ child: name, pid: child.pid }, `${name} (pid ${child.pid}) outlived a launcher that did not stop: stopping it`);
        await terminate(child.pid);
      }
    }
    this.owned = true;
    this.write();
  }

  record(name: string, pid: number | undefined, command: string[]): void {
    if (pid === undefined || !this.owned) return;
    this.state.children[name] = { pid, command: command.join(' ') };
    this.write();
  }

  clear(): void {
    if (this.owned) rmSync(this.file, { force: true });
  }

  /** Whole or not at all (a rename), for whoever reads it meanwhile. */
  private write(): void {
    writeFileSync(`${this.file}.tmp`, JSON.stringify(this.state, null, 2));
    renameSync(`${this.file}.tmp`, this.file);
  }
}

function read(file: string): StateFile | undefined {
  if (!existsSync(file)) return undefined;
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as StateFile;
  } catch {
    return undefined;
  }
}

/** Running the recorded command (not a zombie, not a later process that reused the pid). */
function alive(recorded: Recorded): boolean {
  return running(recorded.pid) && commandLine(recorded.pid) === recorded.command;
}

/** A zombie has exited: it only waits for its parent to read its status. */
function running(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return !stat.slice(stat.lastIndexOf(')') + 2).startsWith('Z');
  } catch {
    return false;
  }
}

async function terminate(pid: number, timeoutMs = 10_000): Promise<void> {
  try {
    process.kill(pid, 'SIGTERM');
  } catch {
    return;
  }
  const deadline = Date.now() + timeoutMs;
  while (running(pid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  if (running(pid)) process.kill(pid, 'SIGKILL');
}
