// The API process: config, keys, Postgres and Temporal, then HTTP on config.port. Migrations are
// not run here (the launcher and `db:migrate` own the schema). SIGINT/SIGTERM (or the launcher
// that started it being gone) stop taking requests, let those in flight finish for up to
// STOP_DEADLINE_MS, then close Postgres and Temporal.
import { Client, Connection } from '@temporalio/client';
import { openOrm } from '../../db/orm.js';
import { assertIssuerConfigured, assertProductionSettings, loadConfig } from '../shared/config.js';
import { createLogger } from '../shared/logger.js';
import { loadModels } from '../shared/models/load-models.js';
import { stopWhenParentGone } from '../shared/parent-link.js';
import { dataConverter } from '../shared/temporal/data-converter.js';
import { createRecoveryContacts } from '../shared/recovery-inbox-factory.js';
import { loadIdentifierKey, loadKeyring } from '../shared/temporal/keyring.js';
import { LoanClient } from '../shared/temporal/loan-client.js';
import { createApi } from './create-api.js';
import { listenApi } from './edge/http-edge.js';

const logger = createLogger('api');
const STOP_DEADLINE_MS = 10_000;

/** Until the API listens there is nothing to drain: stopping is exiting. */
let stop = (reason: string): void => {
  logger.info({ reason }, 'api stopping before it started');
  process.exit(0);
};
process.once('SIGINT', () => stop('SIGINT'));
process.once('SIGTERM', () => stop('SIGTERM'));
stopWhenParentGone((reason) => stop(reason));

async function main(): Promise<void> {
  // Before anything is opened: a production API never shows a notice naming a placeholder collector.
  assertProductionSettings();
  assertIssuerConfigured();
  const config = loadConfig();
  if (!config.databaseUrl) throw new Error('DATABASE_URL is required');
  const keyring = loadKeyring(process.env, config.dataDir);
  const orm = await openOrm({ databaseUrl: config.databaseUrl, poolSize: config.api.dbPoolSize });
  const connection = await Connection.connect({ address: config.temporal.address });
  const client = new Client({ connection, namespace: config.temporal.namespace, dataConverter: dataConverter(keyring) });
  const loans = new LoanClient(client, { taskQueue: config.temporal.taskQueue, bureauTaskQueue: config.temporal.bureauTaskQueue });
  const models = await loadModels(orm, logger);
  const recoveryContacts = createRecoveryContacts({ orm, keyring, identifierKey: loadIdentifierKey(process.env, config.dataDir), client });
  const app = await createApi({ config, orm, loans, models: models.models, logger, contactEvents: recoveryContacts.inbox, recoveryContacts });
  await listenApi(app, config.port, config.host, config.api.edge.listenBacklog);
  logger.info({ host: config.host, port: config.port, temporal: config.temporal.address, namespace: config.temporal.namespace }, 'api listening');

  let stopping = false;
  stop = (reason: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ reason }, 'api stopping');
    setTimeout(() => {
      logger.error({ deadlineMs: STOP_DEADLINE_MS }, 'api did not stop in time: exiting');
      process.exit(1);
    }, STOP_DEADLINE_MS).unref();
    void (async () => {
      try {
        await app.close();
        await models.close();
        await orm.close();
        await connection.close();
        process.exit(0);
      } catch (err) {
        logger.error({ err }, 'api did not stop cleanly');
        process.exit(1);
      }
    })();
  };
}

main().catch((err: unknown) => {
  logger.fatal({ err }, `api failed to start${err instanceof Error ? `: ${err.message}` : ''}`);
  process.exit(1);
});
