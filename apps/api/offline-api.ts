// The API built over dependencies that never connect: a Temporal client whose connection is
// lazy and an ORM constructed without connecting. For what needs the routes but no backend:
// the OpenAPI export, and specs of validation and errors (which refuse before any use case runs).
import type { INestApplication } from '@nestjs/common';
import { MikroORM } from '@mikro-orm/postgresql';
import { Client } from '@temporalio/client';
import { ormConfig } from '../../db/mikro-orm.config.js';
import { loadConfig } from '../shared/config.js';
import { ModelRegistry } from '../../models/registry/index.js';
import { createLogger, type Logger } from '../shared/logger.js';
import { LoanClient } from '../shared/temporal/loan-client.js';
import { createApi } from './create-api.js';

export interface OfflineApi {
  app: INestApplication;
  close(): Promise<void>;
}

/** `env`: settings as the environment would give them (the edge's limits, say); none by default. */
export async function createOfflineApi(logger: Logger = silent(), env: NodeJS.ProcessEnv = {}): Promise<OfflineApi> {
  const config = loadConfig(env);
  const orm = new MikroORM(ormConfig({ databaseUrl: 'postgresql://offline@127.0.0.1:1/offline' }));
  const client = new Client();
  const loans = new LoanClient(client, { taskQueue: config.temporal.taskQueue, bureauTaskQueue: config.temporal.bureauTaskQueue });
  // The models load from the committed artifacts and record nowhere: no backend needed.
  const models = await ModelRegistry.load();
  const app = await createApi({ config, orm, loans, models, logger });
  return {
    app,
    async close() {
      await app.close();
      await models.dispose();
      await orm.close();
      await client.connection.close();
    },
  };
}

function silent(): Logger {
  const logger = createLogger('api');
  logger.level = 'silent';
  return logger;
}
