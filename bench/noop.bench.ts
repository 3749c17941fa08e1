// `npm run bench:noop -- [--sqlite file|memory] [--pragma k=v ...]`: the dev server's rate for a
// one-activity workflow alone, to compare server settings without the rest of the stack.
import { Client, Connection } from '@temporalio/client';
import { DefaultLogger, NativeConnection, Runtime, Worker } from '@temporalio/worker';
import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { supervise } from '../apps/launcher/child-process.js';
import { ensureTemporalTool } from '../apps/launcher/temporal-binary.js';
import { createLogger } from '../apps/shared/logger.js';
import { createNoopActivities } from './noop/noop.activities.js';
import { freePort } from './platform.js';
import { summary, timedPool } from './stats.js';

const argv = process.argv.slice(2);
const sqlite = argv[argv.indexOf('--sqlite') + 1] === 'memory' ? 'memory' : 'file';
const pragmas = argv.flatMap((a, i) => (a === '--pragma' ? [argv[i + 1]!] : []));
const total = 500;
const concurrency = 100;
Runtime.install({ logger: new DefaultLogger('WARN') });

const port = await freePort();
const dir = mkdtempSync(join(tmpdir(), 'credence-noop-'));
const args = ['server', 'start-dev', '--ip', '127.0.0.1', '--port', String(port), '--headless', '--log-level', 'error', ...(sqlite === 'file' ? ['--db-filename', join(dir, 'temporal.db')] : []), ...pragmas.flatMap((p) => ['--sqlite-pragma', p])];
const server = supervise('temporal', ensureTemporalTool('temporal'), args, process.env, createLogger('bench'), () => undefined);
const address = `127.0.0.1:${port}`;
for (let i = 0; ; i++) {
  try {
    await (await Connection.connect({ address, connectTimeout: 1000 })).close();
    break;
  } catch {
    if (i > 100) throw new Error('server did not start');
    await new Promise((r) => setTimeout(r, 200));
  }
}
const connection = await NativeConnection.connect({ address });
const taskQueue = `noop-${randomUUID()}`;
const worker = await Worker.create({ connection, taskQueue, workflowsPath: fileURLToPath(new URL('./noop/noop.workflow.js', import.meta.url)), activities: createNoopActivities() });
const client = new Client({ connection: await Connection.connect({ address }) });
const run = (i: number) => client.workflow.execute('noopWorkflow', { taskQueue, workflowId: `noop-${i}` });
const measured = await worker.runUntil(async () => {
  await timedPool(concurrency, concurrency, run);
  return timedPool(total, concurrency, (i) => run(i + concurrency));
});
console.log(JSON.stringify({ sqlite, pragmas, workflows: total, concurrency, perSecond: Math.round((total * 100_000) / measured.elapsedMs) / 100, latencyMs: summary(measured.latencies.map(Math.round)) }));
await client.connection.close();
await connection.close();
await server.stop();
