// The pgvector path of dense search, run for real: the embedded database `npm start` serves (PGlite
// with the pgvector extension, db/embedded-postgres.ts), migrated as the launcher migrates it, the
// starter collection ingested as the launcher ingests it (real MiniLM embeddings), and the HNSW
// search checked against the exact scan on the evaluation questions.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ingestStarterCollection, STARTER_COLLECTION } from '../../apps/launcher/starter-collection.js';
import { freePort } from '../../apps/testkit/free-port.js';
import { startEmbeddedPostgres, type EmbeddedPostgres } from '../../db/embedded-postgres.js';
import { openOrm, type Orm } from '../../db/orm.js';
import type { QuestionFile } from '../eval/evaluate.js';
import { openRagRuntime, type RagRuntime } from '../rag-runtime.js';
import { HybridRetriever } from '../retrieve/hybrid-retriever.js';
import { ChunkStore, HNSW_EF_SEARCH } from './chunk-store.js';

const questions = (JSON.parse(readFileSync(new URL('../eval/starter.questions.json', import.meta.url), 'utf8')) as QuestionFile).questions.map((q) => q.question);

let dataDir: string;
let pg: EmbeddedPostgres;
let orm: Orm;
let rag: RagRuntime;

/** A store that searches exactly, as RAG_VECTOR_SEARCH=exact makes it (the variable is read once, on first use). */
async function exactStore(): Promise<ChunkStore> {
  const before = process.env.RAG_VECTOR_SEARCH;
  process.env.RAG_VECTOR_SEARCH = 'exact';
  try {
    const store = new ChunkStore(orm);
    expect(await store.vectorSearchMode()).toBe('exact');
    return store;
  } finally {
    if (before === undefined) delete process.env.RAG_VECTOR_SEARCH;
    else process.env.RAG_VECTOR_SEARCH = before;
  }
}

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'rag-pgvector-'));
  pg = await startEmbeddedPostgres({ dataDir, port: await freePort() });
  orm = await openOrm({ databaseUrl: pg.url, migrate: true, poolSize: 2 });
  await ingestStarterCollection(pg.url);
  rag = await openRagRuntime(orm, { env: {} });
});

afterAll(async () => {
  await rag?.close();
  await orm?.close();
  await pg?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('dense search on the embedded database with pgvector', () => {
  it('is migrated with the extension, the vector table and its HNSW index, and nothing left for the schema check', async () => {
    const em = orm.em.fork();
    const [extension] = await em.execute<{ extversion: string }[]>(`select extversion from pg_extension where extname = 'vector'`);
    expect(extension?.extversion).toMatch(/^0\.\d+\.\d+$/);
    const [index] = await em.execute<{ indexdef: string }[]>(`select indexdef from pg_indexes where indexname = 'rag_chunk_vectors_embedding_index'`);
    expect(index?.indexdef).toContain('USING hnsw (embedding vector_cosine_ops)');
    // The ORM does not know the table or its index: the schema diff (and so a new migration) must neither ask for nor drop them.
    expect((await orm.schema.getUpdateSchemaSQL({ wrap: false })).trim()).toBe('');
    expect(await orm.migrator.getPending()).toEqual([]);
  });

  it('uses pgvector by default, every passage carrying its vector', async () => {
    expect(await rag.store.vectorSearchMode()).toBe('pgvector');
    const [counts] = await orm.em.fork().execute<{ chunks: number; vectors: number }[]>(
      `select (select count(*)::int from rag_chunks where collection = ?) as chunks, (select count(*)::int from rag_chunk_vectors where collection = ?) as vectors`,
      [STARTER_COLLECTION, STARTER_COLLECTION],
    );
    expect(counts!.chunks).toBeGreaterThan(50);
    expect(counts!.vectors).toBe(counts!.chunks);
    const hits = await rag.store.dense(STARTER_COLLECTION, await rag.embeddings.embedQuery(questions[0]!), 50);
    expect(hits).toHaveLength(50);
    expect(hits.map((h) => h.similarity)).toEqual([...hits.map((h) => h.similarity)].sort((a, b) => b - a));
  });

  it('answers as the exact scan does on the evaluation questions, with the same scores', async () => {
    const exact = await exactStore();
    for (const question of questions) {
      const query = await rag.embeddings.embedQuery(question);
      const viaPgvector = await rag.store.dense(STARTER_COLLECTION, query, 10);
      const scanned = await exact.dense(STARTER_COLLECTION, query, 10);
      // pgvector's 1 - cosine distance is the exact scan's dot product of unit vectors. Over 60-odd
      // passages the planner rightly sorts them all rather than walk the graph, so this is exact too.
      expect(viaPgvector.map((r) => r.id)).toEqual(scanned.map((r) => r.id));
      viaPgvector.forEach((r, i) => expect(r.similarity).toBeCloseTo(scanned[i]!.similarity, 4));
    }
  });

  it('finds the exact top passages through the HNSW index itself', async () => {
    // The planner uses the index for large collections (bench/rag.bench.ts, 10,000 passages); here
    // it is made to (no sequential scan), with the store's ef_search.
    const viaIndex = (query: number[], limit: number, efSearch: number) =>
      orm.em.fork().transactional(async (em) => {
        await em.execute(`set local enable_seqscan = off`);
        await em.execute(`set local hnsw.ef_search = ${efSearch}`);
        const sql = `select chunk_id as id from rag_chunk_vectors where collection = '${STARTER_COLLECTION}' order by embedding <=> '${JSON.stringify(query)}'::vector limit ${limit}`;
        const plan = await em.execute<{ 'QUERY PLAN': string }[]>(`explain ${sql}`);
        expect(plan.map((r) => r['QUERY PLAN']).filter((line) => line.includes('Scan'))).toEqual([expect.stringContaining('Index Scan using rag_chunk_vectors_embedding_index')]);
        return (await em.execute<{ id: string }[]>(sql)).map((r) => r.id);
      });
    const exact = await exactStore();
    let sameTop5 = 0;
    let overlap10 = 0;
    for (const question of questions) {
      const query = await rag.embeddings.embedQuery(question);
      const approximate = await viaIndex(query, 10, HNSW_EF_SEARCH);
      const scanned = (await exact.dense(STARTER_COLLECTION, query, 10)).map((r) => r.id);
      if (new Set([...approximate.slice(0, 5), ...scanned.slice(0, 5)]).size === 5) sameTop5++;
      overlap10 += approximate.filter((id) => scanned.includes(id)).length / 10;
    }
    // HNSW is approximate; the bar: the exact top 5 for at least 95% of questions, 95% of the top 10.
    expect(sameTop5 / questions.length).toBeGreaterThanOrEqual(0.95);
    expect(overlap10 / questions.length).toBeGreaterThanOrEqual(0.95);
    // A graph search returns at most ef_search rows: pgvector's default (40) would starve the 50 candidates hybrid retrieval asks for.
    const query = await rag.embeddings.embedQuery(questions[0]!);
    expect(await viaIndex(query, 50, 40)).toHaveLength(40);
    expect(await viaIndex(query, 50, HNSW_EF_SEARCH)).toHaveLength(50);
  });

  it('retrieves the same top passages for the evaluation questions as with RAG_VECTOR_SEARCH=exact', async () => {
    const exact = new HybridRetriever(await exactStore(), rag.embeddings);
    let same = 0;
    for (const question of questions) {
      const a = (await rag.retriever.retrieve(STARTER_COLLECTION, question, 5)).map((p) => p.id);
      const b = (await exact.retrieve(STARTER_COLLECTION, question, 5)).map((p) => p.id);
      if (a.join() === b.join()) same++;
    }
    expect(same / questions.length).toBeGreaterThanOrEqual(0.95);
  });

  it('fills the vectors of passages written before the database had pgvector, before the first search', async () => {
    const em = orm.em.fork();
    const read = () => em.execute<{ chunk_id: string; v: string }[]>(`select chunk_id, embedding::text as v from rag_chunk_vectors where collection = ? order by chunk_id`, [STARTER_COLLECTION]);
    const before = await read();
    await em.execute(`delete from rag_chunk_vectors where collection = ?`, [STARTER_COLLECTION]);
    const store = new ChunkStore(orm);
    expect(await store.vectorSearchMode()).toBe('pgvector');
    expect(await read()).toEqual(before);
  });
});
