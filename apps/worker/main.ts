// The Temporal worker process: `node dist/apps/worker/main.js`. Connects to Temporal and
// PostgreSQL from the environment and runs the loan and bureau workers until SIGINT/SIGTERM,
// when it drains in-flight tasks and exits.
import { NativeConnection, Runtime } from '@temporalio/worker';
import { openOrm } from '../../db/orm.js';
import { loadConfig } from '../shared/config.js';
import { createLogger } from '../shared/logger.js';
import { loadModels } from '../shared/models/load-models.js';
import { loadIdentifierKey, loadKeyring } from '../shared/temporal/keyring.js';
import { PinoTemporalLogger } from '../shared/temporal/runtime-logger.js';
import { createWorkers, runWorkers } from './create-workers.js';

const log = createLogger('worker');
const config = loadConfig();
if (!config.databaseUrl) throw new Error('DATABASE_URL is required by the worker');

Runtime.install({ logger: new PinoTemporalLogger(createLogger('temporal')), shutdownSignals: ['SIGINT', 'SIGTERM'] });
const keyring = loadKeyring(process.env, config.dataDir);
const orm = await openOrm({ databaseUrl: config.databaseUrl, poolSize: 10 });
const connection = await NativeConnection.connect({ address: config.temporal.address });
const models = await loadModels(orm, log);
try {
  const workers = await createWorkers({ config, orm, keyring, identifierKey: loadIdentifierKey(process.env, config.dataDir), connection, models: models.models });
  log.info({ taskQueues: [config.temporal.taskQueue, config.temporal.bureauTaskQueue], temporal: config.temporal.address }, 'worker started');
  await runWorkers(workers);
  log.info('worker stopped');
} finally {
  await models.close();
  await connection.close();
  await orm.close();
}
