// The embedded Temporal server: the temporal CLI's dev server, persisted in the data folder so
// loans survive a restart, with the Temporal UI and the loan search attributes registered.
import { Connection } from '@temporalio/client';
import { join } from 'node:path';
import type { Logger } from '../shared/logger.js';
import { LOAN_SEARCH_ATTRIBUTES } from '../../workflows/loan/search-attributes.js';
import type { ChildProcess } from 'node:child_process';
import { isRunning, supervise, type Supervised } from './child-process.js';
import { ensureTemporalTool } from './temporal-binary.js';

export interface DevServerOptions {
  dataDir: string;
  port: number;
  uiPort: number;
  namespace: string;
  /** the codec server the UI decodes payloads through */
  codecEndpoint?: string;
}

/** The binary and its arguments; the launcher supervises it itself (restarting it on a crash). */
export function devServerCommand(options: DevServerOptions): { command: string; args: string[] } {
  const args = [
    'server', 'start-dev',
    '--db-filename', join(options.dataDir, 'temporal.db'),
    '--ip', '127.0.0.1',
    '--port', String(options.port),
    '--ui-port', String(options.uiPort),
    '--namespace', options.namespace,
    '--log-level', 'warn',
    '--log-format', 'json',
    // No internet where Credence often runs: the UI must not try to fetch its newsfeed.
    '--ui-disable-news-fetch',
    // WAL with NORMAL sync: survives a crash of the process (not of the machine's power), and
    // measured here 2.4x the default's throughput (bench/noop.bench.ts: 24 -> 59 workflows/s).
    '--sqlite-pragma', 'journal_mode=wal',
    '--sqlite-pragma', 'synchronous=normal',
    ...LOAN_SEARCH_ATTRIBUTES.flatMap((key) => ['--search-attribute', `${key.name}=Keyword`]),
    ...(options.codecEndpoint ? ['--ui-codec-endpoint', options.codecEndpoint] : []),
  ];
  return { command: ensureTemporalTool('temporal'), args };
}

export async function startTemporalDevServer(options: DevServerOptions, log: Logger, onUnexpectedExit: (code: number | null) => void): Promise<Supervised & { address: string }> {
  const { command, args } = devServerCommand(options);
  const server = supervise('temporal', command, args, process.env, log, onUnexpectedExit);
  const address = `127.0.0.1:${options.port}`;
  await waitForTemporal(address, () => server.process);
  return { ...server, address };
}

/** Resolves once the server answers; `current` is the process to watch (a restarted one is new). */
export async function waitForTemporal(address: string, current: () => ChildProcess, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const server = current();
    if (!isRunning(server)) throw new Error(`the Temporal dev server exited (${server.signalCode ?? `code ${server.exitCode}`}) before it answered at ${address}`);
    try {
      const connection = await Connection.connect({ address, connectTimeout: 1000 });
      await connection.workflowService.getSystemInfo({});
      await connection.close();
      return;
    } catch (err) {
      if (Date.now() > deadline) throw new Error(`the Temporal dev server did not come up at ${address}: ${(err as Error).message}`, { cause: err });
      await new Promise((r) => setTimeout(r, 250));
    }
  }
}
