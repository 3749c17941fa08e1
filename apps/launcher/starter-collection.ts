// The assistant answers from the starter collection on a fresh `npm start`, with nothing
// configured: the launcher ingests rag/collections/starter into the platform's database after the
// platform is up. Ingest skips a file whose bytes hash as before, so on a later start this is a
// few lookups; a changed file is re-ingested. It runs in the background (loading the embedding
// model and embedding a new collection takes seconds) and never fails the start: the assistant
// then says the collection is missing, and `npm run -s rag:ingest` does the same by hand.
import { fileURLToPath } from 'node:url';
import { openOrm } from '../../db/orm.js';
import { ingestCollection, type IngestReport } from '../../rag/ingest/ingest-collection.js';
import { openRagRuntime } from '../../rag/rag-runtime.js';

export const STARTER_COLLECTION = 'starter';
// The collection is source, not build output: from dist/apps/launcher it is still rag/collections/starter.
export const STARTER_DIR = fileURLToPath(new URL('../../rag/collections/starter/', import.meta.url).href.replace('/dist/', '/'));

export async function ingestStarterCollection(databaseUrl: string, dir = STARTER_DIR): Promise<IngestReport> {
  const orm = await openOrm({ databaseUrl, migrate: false, poolSize: 2 });
  try {
    const rag = await openRagRuntime(orm);
    try {
      return await ingestCollection(rag.store, rag.embeddings, STARTER_COLLECTION, dir);
    } finally {
      await rag.close();
    }
  } finally {
    await orm.close();
  }
}
