// The launcher's child that ingests the assistant's starter collection (starter-collection.ts) into
// DATABASE_URL and exits. A process of its own: embedding is CPU work, and the launcher's own
// event loop serves the embedded PostgreSQL the API and the worker are using.
import { createLogger } from '../shared/logger.js';
import { stopWhenParentGone } from '../shared/parent-link.js';
import { ingestStarterCollection, STARTER_COLLECTION } from './starter-collection.js';

const log = createLogger('launcher');
stopWhenParentGone(() => process.exit(0));
try {
  const databaseUrl = process.env.DATABASE_URL;
  if (!databaseUrl) throw new Error('DATABASE_URL is unset');
  const report = await ingestStarterCollection(databaseUrl);
  log.info({ ...report }, `assistant: the ${STARTER_COLLECTION} collection is ready (${report.ingested} documents ingested, ${report.unchanged} unchanged, ${report.chunks} passages added)`);
  process.exit(0);
} catch (err) {
  log.warn({ err }, `assistant: the ${STARTER_COLLECTION} collection was not ingested; \`npm run -s rag:ingest -- --collection ${STARTER_COLLECTION} --dir rag/collections/starter\` does it by hand`);
  process.exit(1);
}
