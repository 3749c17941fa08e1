// The Temporal worker process: `node dist/apps/worker/main.js`. Connects to Temporal and
// PostgreSQL from the environment and runs the loan and bureau workers, and the relay of signals
// to recovery episodes left in the outbox (episode-signal-relay.ts), until SIGINT/SIGTERM (or
// the launcher that started it is gone), when it drains in-flight tasks and exits. The drain is
// bounded (create-workers.ts: activities get SHUTDOWN_GRACE, then are cancelled; the workers give
// up at SHUTDOWN_FORCE), and this process exits by EXIT_DEADLINE_MS whatever still hangs.
import { Client } from '@temporalio/client';
import { NativeConnection, Runtime, type Worker } from '@temporalio/worker';
import { openOrm } from '../../db/orm.js';
import { assertProductionSettings, loadConfig, ProductionSettingsError } from '../shared/config.js';
import { createLogger } from '../shared/logger.js';
import { loadModels } from '../shared/models/load-models.js';
import { stopWhenParentGone } from '../shared/parent-link.js';
import { loadIdentifierKey, loadKeyring } from '../shared/temporal/keyring.js';
import { dataConverter } from '../shared/temporal/data-converter.js';
import { EpisodeSignals } from '../shared/temporal/episode-signals.js';
import { PinoTemporalLogger } from '../shared/temporal/runtime-logger.js';
import { createWorkers, runWorkers } from './create-workers.js';
import { startEpisodeSignalRelay, type EpisodeSignalRelay } from './episode-signal-relay.js';
import { cachedWorkflowBundle } from './workflow-bundle.js';

const EXIT_DEADLINE_MS = 20_000;

const log = createLogger('worker');
// Before anything is opened: a production worker never sends a message naming a placeholder collector.
try {
  assertProductionSettings();
} catch (err) {
  if (!(err instanceof ProductionSettingsError)) throw err;
  log.fatal({ err }, `worker failed to start: ${err.message}`);
  process.exit(1);
}
const config = loadConfig();
if (!config.databaseUrl) throw new Error('DATABASE_URL is required by the worker');

let workers: Worker[] = [];
let stopping = false;
function stop(reason: string): void {
  if (stopping) return;
  stopping = true;
  log.info({ reason }, 'worker stopping');
  // Still starting: nothing is in flight, so there is nothing to drain.
  if (workers.length === 0) process.exit(0);
  for (const worker of workers) if (worker.getState() === 'RUNNING') worker.shutdown();
  setTimeout(() => {
    log.error({ deadlineMs: EXIT_DEADLINE_MS }, 'worker did not stop in time: exiting');
    process.exit(1);
  }, EXIT_DEADLINE_MS).unref();
}
// Our own handlers rather than the Runtime's: those ignore a signal that arrives before the
// workers exist, and the process would go on to start them.
process.once('SIGINT', () => stop('SIGINT'));
process.once('SIGTERM', () => stop('SIGTERM'));
stopWhenParentGone(stop);

Runtime.install({ logger: new PinoTemporalLogger(createLogger('temporal')), shutdownSignals: [] });
const keyring = loadKeyring(process.env, config.dataDir);
const orm = await openOrm({ databaseUrl: config.databaseUrl, poolSize: 10 });
const connection = await NativeConnection.connect({ address: config.temporal.address });
const models = await loadModels(orm, log);
let relay: EpisodeSignalRelay | undefined;
try {
  const workflowBundle = await cachedWorkflowBundle(log);
  workers = await createWorkers({ config, orm, keyring, identifierKey: loadIdentifierKey(process.env, config.dataDir), connection, models: models.models, ...(workflowBundle ? { workflowBundle } : {}) });
  if (!stopping) {
    const client = new Client({ connection, namespace: config.temporal.namespace, dataConverter: dataConverter(keyring) });
    relay = startEpisodeSignalRelay({ signals: new EpisodeSignals({ orm, client, log: createLogger('episode-signals') }), ...config.recovery.signalRelay, log });
    log.info({ taskQueues: [config.temporal.taskQueue, config.temporal.bureauTaskQueue], temporal: config.temporal.address }, 'worker started');
    // The launcher reports the platform running once the worker polls, not just once the API answers.
    if (process.connected) process.send?.('ready');
    await runWorkers(workers);
  }
  log.info('worker stopped');
} finally {
  await relay?.stop();
  await models.close();
  await connection.close();
  await orm.close();
}
