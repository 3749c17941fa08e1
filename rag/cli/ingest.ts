// `npm run -s rag:ingest -- --collection NAME --dir DIR`
//
// Ingests every .txt, .md, .html and .pdf under DIR into the collection (rag/README.md), in the
// database DATABASE_URL names or the embedded one (rag/cli/database.ts). Prints the report as JSON.
// Exit status: 0 done; 1 failed (or a file could not be read: the rest is ingested); 2 usage.
import { ingestCollection } from '../ingest/ingest-collection.js';
import { openRagRuntime } from '../rag-runtime.js';
import { required, userPath } from './args.js';
import { openRagDatabase } from './database.js';

const USAGE = 'npm run -s rag:ingest -- --collection NAME --dir DIR';
const collection = required('--collection', USAGE);
const dir = userPath(required('--dir', USAGE));

const db = await openRagDatabase();
try {
  const rag = await openRagRuntime(db.orm);
  try {
    const report = await ingestCollection(rag.store, rag.embeddings, collection, dir);
    process.stdout.write(`${JSON.stringify(report)}\n`);
    for (const f of report.failed) process.stderr.write(`rag:ingest: ${f.path} was not ingested: ${f.error}\n`);
    if (report.failed.length > 0) process.exitCode = 1;
  } finally {
    await rag.close();
  }
} catch (err) {
  process.stderr.write(`rag:ingest: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exitCode = 1;
} finally {
  await db.close();
}
