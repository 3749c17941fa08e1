// MikroORM configuration, shared by the API, the worker, the launcher and the tests. Migrations
// are listed explicitly (db/migrations/index.ts) so the same code runs from the TypeScript
// sources under jest and from dist/ in production.
import { defineConfig } from '@mikro-orm/postgresql';
import { Migrator } from '@mikro-orm/migrations';
import { join } from 'node:path';
import { projectRoot } from '../apps/launcher/temporal-binary.js';
import { ENTITIES } from './entities/index.js';
import { MIGRATIONS } from './migrations/index.js';

export interface OrmOptions {
  databaseUrl: string;
  /** connections in this process's pool */
  poolSize?: number;
  debug?: boolean;
}

export function ormConfig({ databaseUrl, poolSize = 10, debug = false }: OrmOptions) {
  return defineConfig({
    clientUrl: databaseUrl,
    entities: ENTITIES,
    extensions: [Migrator],
    pool: { min: 0, max: poolSize },
    debug,
    // Requests and activities fork their own EntityManager; the global one is never used for work.
    allowGlobalContext: false,
    // pgvector's table exists only where the database has the extension (a migration adds it there,
    // rag/store reads it): the schema diff must not ask for it elsewhere, nor drop it there.
    schemaGenerator: { skipTables: ['rag_chunk_vectors'] },
    migrations: {
      tableName: 'mikro_orm_migrations',
      path: join(projectRoot(), 'db', 'migrations'),
      pathTs: join(projectRoot(), 'db', 'migrations'),
      migrationsList: MIGRATIONS,
      transactional: true,
      // The launcher logs what it migrated; MikroORM's per-migration console lines would bypass our logger.
      silent: true,
      allOrNothing: true,
      emit: 'ts',
      snapshot: true,
      snapshotOnMigrate: false,
    },
  });
}
