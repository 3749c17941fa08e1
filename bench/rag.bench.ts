// `npm run bench:rag [-- --chunks 10000 --queries 200 --db postgres|pglite]`
//
// The assistant's retrieval path on this machine: embedding throughput on one core (passages per
// second, batch 16), ingest rate (chunks per second, embedding and writing included) of a
// synthetic collection of --chunks passages, and hybrid retrieval latency (P50/P99 of the whole
// retrieve(): the question's embedding, full text, dense search, fusion) over it, with dense search
// alone beside it. --db postgres (the default): a fresh database on the test server
// (TEST_DATABASE_ADMIN_URL, else 127.0.0.1:5432), dropped after; it has no pgvector here, so dense
// search is the exact scan. --db pglite: the embedded database `npm start` runs (PGlite with the
// pgvector extension) in a temporary folder, so dense search is pgvector's HNSW index; the run then
// also reports the index's agreement with the exact scan (top-10 overlap) and whether the planner
// used the index.
import { mkdtempSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { MiniLmEmbeddings } from '../adapters/embeddings/minilm-onnx.js';
import { createTestDatabase } from '../apps/testkit/postgres.js';
import { startEmbeddedPostgres } from '../db/embedded-postgres.js';
import { openOrm } from '../db/orm.js';
import { ingestCollection } from '../rag/ingest/ingest-collection.js';
import { HybridRetriever } from '../rag/retrieve/hybrid-retriever.js';
import { ChunkStore } from '../rag/store/chunk-store.js';
import { loadAverage } from './machine.js';
import { freePort } from './platform.js';
import { summary } from './stats.js';

const arg = (name: string, fallback: number): number => {
  const at = process.argv.indexOf(name);
  return at === -1 ? fallback : Number(process.argv[at + 1]);
};
const CHUNKS = arg('--chunks', 10_000);
const QUERIES = arg('--queries', 200);
const DB = process.argv.includes('--db') ? process.argv[process.argv.indexOf('--db') + 1] : 'postgres';
if (DB !== 'postgres' && DB !== 'pglite') throw new Error('--db is postgres or pglite');
const SECTIONS_PER_DOC = 50;

// A deterministic corpus from the starter collection's own words: realistic length and vocabulary, no meaning.
const starter = fileURLToPath(new URL('../rag/collections/starter/', import.meta.url).href.replace('/dist/', '/'));
const vocabulary = [...new Set(readdirSync(starter).flatMap((f) => readFileSync(join(starter, f), 'utf8').toLowerCase().match(/[a-z]{3,}/g) ?? []))].sort();
let seed = 42;
const random = (): number => ((seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648) / 2_147_483_648);
const words = (n: number): string => Array.from({ length: n }, () => vocabulary[Math.floor(random() * vocabulary.length)]!).join(' ');

const out: Record<string, unknown> = { at: new Date().toISOString(), db: DB === 'pglite' ? 'PGlite 0.5.14 (WASM) with @electric-sql/pglite-pgvector 0.0.15' : 'PostgreSQL test server', chunks: CHUNKS, queries: QUERIES, loadBefore: loadAverage() };
const embeddings = await MiniLmEmbeddings.open({ threads: 1 });
const passages = Array.from({ length: 256 }, () => `${words(8)}.\n${words(60)}.`);
let started = performance.now();
await embeddings.embedDocuments(passages);
out.embeddingPerCorePerSecond = Math.round((passages.length / (performance.now() - started)) * 1000);

const dir = mkdtempSync(join(tmpdir(), 'rag-bench-'));
const db = DB === 'pglite' ? await startEmbeddedPostgres({ dataDir: join(dir, '.pg'), port: await freePort() }) : await createTestDatabase('credence_bench');
const orm = await openOrm({ databaseUrl: db.url, poolSize: 2, migrate: DB === 'pglite' });
try {
  const corpus = join(dir, 'corpus');
  for (let d = 0; d < Math.ceil(CHUNKS / SECTIONS_PER_DOC); d++) {
    const sections = Array.from({ length: Math.min(SECTIONS_PER_DOC, CHUNKS - d * SECTIONS_PER_DOC) }, (_, s) => `## Section ${d}.${s} ${words(3)}\n\n${words(70)}.\n`);
    mkdirSync(join(corpus, `part-${Math.floor(d / 50)}`), { recursive: true });
    writeFileSync(join(corpus, `part-${Math.floor(d / 50)}`, `doc-${d}.md`), `source: bench/doc-${d}\n\n# Document ${d}\n\n${sections.join('\n')}`);
  }
  const store = new ChunkStore(orm);
  started = performance.now();
  const report = await ingestCollection(store, embeddings, 'bench', corpus);
  const ingestMs = performance.now() - started;
  out.ingested = report.chunks;
  out.ingestChunksPerSecond = Math.round((report.chunks / ingestMs) * 1000);
  out.vectorSearch = await store.vectorSearchMode();

  const retriever = new HybridRetriever(store, embeddings);
  const questions = Array.from({ length: QUERIES }, () => `What does the policy say about ${words(4)}?`);
  await retriever.retrieve('bench', questions[0]!, 8); // loads the exact index once, as a running service would have
  const whole: number[] = [];
  const dense: number[] = [];
  for (const q of questions) {
    let t0 = performance.now();
    await retriever.retrieve('bench', q, 8);
    whole.push(performance.now() - t0);
    const vector = await embeddings.embedQuery(q);
    t0 = performance.now();
    await store.dense('bench', vector, 50);
    dense.push(performance.now() - t0);
  }
  if (out.vectorSearch === 'pgvector') {
    // HNSW is approximate: how much of the exact top 10 it finds, and whether the planner chose it.
    process.env.RAG_VECTOR_SEARCH = 'exact';
    const exact = new ChunkStore(orm);
    await exact.vectorSearchMode();
    delete process.env.RAG_VECTOR_SEARCH;
    let overlap = 0;
    for (const q of questions.slice(0, 50)) {
      const vector = await embeddings.embedQuery(q);
      const [approximate, scanned] = [await store.dense('bench', vector, 10), await exact.dense('bench', vector, 10)];
      overlap += approximate.filter((a) => scanned.some((s) => s.id === a.id)).length / 10;
    }
    out.hnswTop10OverlapWithExact = Math.round((overlap / Math.min(50, questions.length)) * 1000) / 1000;
    const plan = await orm.em.fork().execute<{ 'QUERY PLAN': string }[]>(`explain select chunk_id from rag_chunk_vectors where collection = 'bench' order by embedding <=> '${JSON.stringify(await embeddings.embedQuery(questions[0]!))}'::vector limit 50`);
    out.densePlan = plan.map((r) => r['QUERY PLAN']).find((line) => line.includes('Scan'))?.trim().replace(/\s+\(cost.*$/, '');
  }
  const round = (s: ReturnType<typeof summary>): Record<string, number> => Object.fromEntries(Object.entries(s).map(([k, v]) => [k, Math.round(v * 10) / 10]));
  out.retrieveMs = round(summary(whole));
  out.denseSearchMs = round(summary(dense));
  out.loadAfter = loadAverage();
  process.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
} finally {
  await orm.close();
  if ('drop' in db) await db.drop();
  else await db.stop();
  await embeddings.close();
  rmSync(dir, { recursive: true, force: true });
}
