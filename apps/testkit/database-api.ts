// The HTTP API over its own fresh, migrated and seeded PostgreSQL database, for routes that read
// and write only the database (escalation policies, API keys): no workers, no sandboxes. It trusts
// the run's OIDC issuer (tokens.ts). Its Temporal client points at the run's dev server and
// connects only if a route asks, which these never do.
import type { INestApplication } from '@nestjs/common';
import { Client, Connection } from '@temporalio/client';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { openOrm, type Orm } from '../../db/orm.js';
import { createApi } from '../api/create-api.js';
import { loadConfig } from '../shared/config.js';
import { loadModels } from '../shared/models/load-models.js';
import { LoanClient } from '../shared/temporal/loan-client.js';
import { createTestDatabase } from './postgres.js';
import { testIssuerEnv } from './tokens.js';

export interface DatabaseApi {
  app: INestApplication;
  base: string;
  orm: Orm;
  close(): Promise<void>;
}

export async function startDatabaseApi(): Promise<DatabaseApi> {
  const db = await createTestDatabase();
  const orm = await openOrm({ databaseUrl: db.url, poolSize: 8 });
  const logger = pino({ level: 'silent' });
  const models = await loadModels(orm, logger);
  const temporal = process.env.CREDENCE_TEST_TEMPORAL_ADDRESS ?? '127.0.0.1:7233';
  const connection = Connection.lazy({ address: temporal });
  const config = loadConfig({ DATABASE_URL: db.url, CREDENCE_DATA_DIR: mkdtempSync(join(tmpdir(), 'credence-api-')), TEMPORAL_ADDRESS: temporal, ...testIssuerEnv() });
  const loans = new LoanClient(new Client({ connection }), { taskQueue: config.temporal.taskQueue, bureauTaskQueue: config.temporal.bureauTaskQueue });
  const app = await createApi({ config, orm, loans, models: models.models, logger });
  await app.listen(0, '127.0.0.1');
  return {
    app,
    base: await app.getUrl(),
    orm,
    async close() {
      await app.close();
      await models.close();
      await orm.close();
      await connection.close();
      await db.drop();
    },
  };
}
