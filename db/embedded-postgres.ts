// The embedded database for `npm start` when DATABASE_URL is unset: PGlite (Postgres compiled
// to WASM) persisted in the data folder and served over the Postgres wire protocol, so the same
// pg driver, MikroORM and migrations run against it as against a real server. It loads the real
// pgvector extension (compiled to WASM, @electric-sql/pglite-pgvector), so the pgvector migration
// creates `rag_chunk_vectors` with its HNSW index here and the assistant's dense search uses it.
import { PGlite } from '@electric-sql/pglite';
import { vector } from '@electric-sql/pglite-pgvector';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import { mkdirSync } from 'node:fs';

export interface EmbeddedPostgres {
  url: string;
  stop(): Promise<void>;
}

/** `pg` pools in several processes share this one server; the default of 1 connection would starve them. */
const MAX_CONNECTIONS = 32;

export async function startEmbeddedPostgres(options: { dataDir: string; port: number; host?: string }): Promise<EmbeddedPostgres> {
  mkdirSync(options.dataDir, { recursive: true });
  const host = options.host ?? '127.0.0.1';
  const db = await PGlite.create(options.dataDir, { extensions: { vector } });
  const server = new PGLiteSocketServer({ db, port: options.port, host, maxConnections: MAX_CONNECTIONS });
  await server.start();
  return {
    url: `postgres://postgres@${host}:${options.port}/postgres`,
    async stop() {
      await server.stop();
      await db.close();
    },
  };
}
