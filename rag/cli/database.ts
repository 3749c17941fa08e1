// The database the rag CLIs use: DATABASE_URL when set; else the embedded PostgreSQL `npm start`
// serves (127.0.0.1:EMBEDDED_PG_PORT) when it is running; else that same embedded database
// (PGlite in .credence/data/pg) started here for the command and stopped after it. Migrations
// run first in every case, as the launcher runs them, so the rag tables are there.
import { connect } from 'node:net';
import { join } from 'node:path';
import { startEmbeddedPostgres } from '../../db/embedded-postgres.js';
import { openOrm, type Orm } from '../../db/orm.js';
import { loadConfig } from '../../apps/shared/config.js';

export interface RagDatabase {
  orm: Orm;
  close(): Promise<void>;
}

function listening(port: number): Promise<boolean> {
  return new Promise<boolean>((done) => {
    const socket = connect({ host: '127.0.0.1', port });
    socket.setTimeout(500);
    socket.once('connect', () => {
      socket.end();
      done(true);
    });
    socket.once('error', () => done(false));
    socket.once('timeout', () => done(false));
  });
}

export async function openRagDatabase(): Promise<RagDatabase> {
  const config = loadConfig();
  if (config.databaseUrl) {
    const orm = await openOrm({ databaseUrl: config.databaseUrl, migrate: true, poolSize: 4 });
    return { orm, close: () => orm.close() };
  }
  const port = config.embedded.postgresPort;
  if (await listening(port)) {
    const orm = await openOrm({ databaseUrl: `postgres://postgres@127.0.0.1:${port}/postgres`, migrate: true, poolSize: 4 });
    return { orm, close: () => orm.close() };
  }
  const pg = await startEmbeddedPostgres({ dataDir: join(config.dataDir, 'pg'), port });
  try {
    const orm = await openOrm({ databaseUrl: pg.url, migrate: true, poolSize: 4 });
    return {
      orm,
      async close() {
        await orm.close();
        await pg.stop();
      },
    };
  } catch (err) {
    await pg.stop();
    throw err;
  }
}
