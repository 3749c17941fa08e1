// Passages in PostgreSQL (db/entities/rag-chunk.entity.ts): writing a document's chunks, and the
// two searches hybrid retrieval fuses. Full text is ts_rank over the stored tsvector. Dense search
// is pgvector's HNSW index where a migration could create `rag_chunk_vectors` (detected once), else
// an exact scan: every embedding of the collection held in memory as one Float32Array, reloaded
// when the collection changes, and scored by dot product (vectors are unit length, so that is
// cosine). The `embedding` bytes are written in both cases: they are what `rag_chunk_vectors` is
// filled from when pgvector arrives on a database that already has passages.
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Orm } from '../../db/orm.js';
import { EMBEDDING_DIMENSION } from '../../adapters/embeddings/minilm-onnx.js';

export interface StoredChunk {
  id: string;
  ordinal: number;
  section: string;
  source: string;
  start: number;
  end: number;
  content: string;
  embedding: number[];
}

export interface DocumentRecord {
  id: string;
  collection: string;
  path: string;
  contentHash: string;
  source: string;
}

export interface ChunkRow {
  id: string;
  documentId: string;
  source: string;
  section: string;
  ordinal: number;
  startOffset: number;
  endOffset: number;
  content: string;
}

export type VectorSearch = 'pgvector' | 'exact';

interface ExactIndex {
  key: string;
  ids: string[];
  vectors: Float32Array;
}

/**
 * Candidates the HNSW graph search keeps (pgvector's `hnsw.ef_search`, default 40). A scan returns
 * at most this many rows, and hybrid retrieval asks for 50; the margin above the limit is recall
 * against the exact ranking (rag/store/pgvector.test.ts measures the agreement).
 */
export const HNSW_EF_SEARCH = 100;

export class ChunkStore {
  private vectorSearch?: Promise<VectorSearch>;
  /** pgvector 0.8+ can keep scanning the graph when the collection filter removes candidates */
  private iterativeScan = false;
  private readonly exact = new Map<string, ExactIndex>();

  constructor(private readonly orm: Orm) {}

  private em(): EntityManager {
    return this.orm.em.fork();
  }

  /** pgvector when its table is there (and RAG_VECTOR_SEARCH is not `exact`). */
  vectorSearchMode(): Promise<VectorSearch> {
    this.vectorSearch ??= this.detectVectorSearch().catch((err: unknown) => {
      this.vectorSearch = undefined;
      throw err;
    });
    return this.vectorSearch;
  }

  private async detectVectorSearch(): Promise<VectorSearch> {
    if (process.env.RAG_VECTOR_SEARCH === 'exact') return 'exact';
    const [row] = await this.em().execute<{ version: string | null; has_table: boolean }[]>(
      `select (select extversion from pg_extension where extname = 'vector') as version, to_regclass('rag_chunk_vectors') is not null as has_table`,
    );
    if (!row?.has_table) return 'exact';
    const [major = 0, minor = 0] = (row.version ?? '').split('.').map(Number);
    this.iterativeScan = major > 0 || minor >= 8;
    await this.fillMissingVectors();
    return 'pgvector';
  }

  /**
   * Passages written before the database had pgvector (the embedded database gained it after its
   * data folders existed) have no row in `rag_chunk_vectors`, and the index would never return
   * them: copy them in from their stored embedding bytes, once, before the first search.
   */
  private async fillMissingVectors(): Promise<void> {
    for (let filled = 0; ; ) {
      const rows = await this.em().execute<{ id: string; collection: string; embedding: Buffer }[]>(
        `select c.id, c.collection, c.embedding from rag_chunks c where not exists (select 1 from rag_chunk_vectors v where v.chunk_id = c.id) order by c.id limit 500`,
      );
      if (rows.length === 0) {
        if (filled > 0) await this.analyzeTables(true);
        return;
      }
      filled += rows.length;
      await this.em().execute(
        `insert into rag_chunk_vectors (chunk_id, collection, embedding) values ${rows.map(() => '(?, ?, ?::vector)').join(', ')} on conflict (chunk_id) do nothing`,
        rows.flatMap((r) => [r.id, r.collection, toVector(fromBytes(r.embedding))]),
      );
    }
  }

  /**
   * Fresh planner statistics after an ingest. The embedded database (PGlite) has no autovacuum, so
   * without this it never has any: the planner then guesses the collection filter keeps a few
   * rows, sorts every vector by distance and never uses the HNSW index (a server's autovacuum
   * would get there, later).
   */
  async analyze(): Promise<void> {
    await this.analyzeTables((await this.vectorSearchMode()) === 'pgvector');
  }

  private async analyzeTables(withVector: boolean): Promise<void> {
    await this.em().execute(`analyze rag_documents, rag_chunks${withVector ? ', rag_chunk_vectors' : ''}`);
  }

  async documentHash(collection: string, path: string): Promise<string | undefined> {
    const rows = await this.em().execute<{ content_hash: string }[]>(`select content_hash from rag_documents where collection = ? and path = ?`, [collection, path]);
    return rows[0]?.content_hash;
  }

  async documentPaths(collection: string): Promise<string[]> {
    const rows = await this.em().execute<{ path: string }[]>(`select path from rag_documents where collection = ? order by path`, [collection]);
    return rows.map((r) => r.path);
  }

  /** Replaces the document and every chunk it had, in one transaction: a reader sees the old passages or the new, never a mix. */
  async replaceDocument(document: DocumentRecord, chunks: readonly StoredChunk[]): Promise<void> {
    const withVector = (await this.vectorSearchMode()) === 'pgvector';
    await this.em().transactional(async (em) => {
      await em.execute(`delete from rag_chunks where document_id = ?`, [document.id]);
      await em.execute(
        `insert into rag_documents (id, collection, path, content_hash, source, chunk_count, ingested_at) values (?, ?, ?, ?, ?, ?, now())
         on conflict (collection, path) do update set content_hash = excluded.content_hash, source = excluded.source, chunk_count = excluded.chunk_count, ingested_at = now()`,
        [document.id, document.collection, document.path, document.contentHash, document.source, chunks.length],
      );
      for (let at = 0; at < chunks.length; at += 200) {
        const batch = chunks.slice(at, at + 200);
        const values = batch.map(() => `(?, ?, ?, ?, ?, ?, ?, ?, ?, to_tsvector('english', ?), ?)`).join(', ');
        const params = batch.flatMap((c) => [c.id, document.id, document.collection, c.source, c.section, c.ordinal, c.start, c.end, c.content, `${c.section}\n${c.content}`, toBytes(c.embedding)]);
        await em.execute(`insert into rag_chunks (id, document_id, collection, source, section, ordinal, start_offset, end_offset, content, tsv, embedding) values ${values}`, params);
        if (withVector) {
          // The old chunks' vectors went with them (on delete cascade).
          await em.execute(
            `insert into rag_chunk_vectors (chunk_id, collection, embedding) values ${batch.map(() => '(?, ?, ?::vector)').join(', ')}`,
            batch.flatMap((c) => [c.id, document.collection, toVector(c.embedding)]),
          );
        }
      }
    });
  }

  async removeDocument(collection: string, path: string): Promise<void> {
    await this.em().transactional(async (em) => {
      await em.execute(`delete from rag_chunks where document_id in (select id from rag_documents where collection = ? and path = ?)`, [collection, path]);
      await em.execute(`delete from rag_documents where collection = ? and path = ?`, [collection, path]);
    });
  }

  async chunks(ids: readonly string[]): Promise<Map<string, ChunkRow>> {
    if (ids.length === 0) return new Map();
    const rows = await this.em().execute<{ id: string; document_id: string; source: string; section: string; ordinal: number; start_offset: number; end_offset: number; content: string }[]>(
      `select id, document_id, source, section, ordinal, start_offset, end_offset, content from rag_chunks where id in (${ids.map(() => '?').join(', ')})`,
      [...ids],
    );
    return new Map(rows.map((r) => [r.id, { id: r.id, documentId: r.document_id, source: r.source, section: r.section, ordinal: r.ordinal, startOffset: r.start_offset, endOffset: r.end_offset, content: r.content }]));
  }

  async chunkCount(collection: string): Promise<number> {
    const rows = await this.em().execute<{ n: number }[]>(`select count(*)::int as n from rag_chunks where collection = ?`, [collection]);
    return rows[0]?.n ?? 0;
  }

  /**
   * ts_rank over an OR of the question's words (to_tsquery drops English stop words and stems the
   * rest): a question rarely uses every word of the passage that answers it, so AND would miss.
   */
  async fullText(collection: string, question: string, limit: number): Promise<{ id: string; rank: number }[]> {
    const words = [...new Set((question.toLowerCase().match(/[a-z0-9]+/g) ?? []).filter((w) => w.length > 1))].slice(0, 40);
    if (words.length === 0) return [];
    const rows = await this.em().execute<{ id: string; rank: number }[]>(
      `select id, ts_rank(tsv, q)::float8 as rank from rag_chunks, to_tsquery('english', ?) q where collection = ? and tsv @@ q order by rank desc, id limit ?`,
      [words.join(' | '), collection, limit],
    );
    return rows.map((r) => ({ id: r.id, rank: Number(r.rank) }));
  }

  async dense(collection: string, query: readonly number[], limit: number): Promise<{ id: string; similarity: number }[]> {
    if ((await this.vectorSearchMode()) === 'pgvector') {
      const vector = toVector(query);
      // SET LOCAL: the settings end with the transaction, so a pooled connection (or PGlite's one
      // shared session) keeps its defaults for everything else.
      const rows = await this.em().transactional(async (em) => {
        await em.execute(`set local hnsw.ef_search = ${Math.min(1000, Math.max(HNSW_EF_SEARCH, limit))}`);
        // The index ranks every collection's passages; the filter drops other collections' after
        // the graph search, which alone could leave fewer than `limit` rows.
        if (this.iterativeScan) await em.execute(`set local hnsw.iterative_scan = strict_order`);
        return em.execute<{ id: string; similarity: number }[]>(
          `select chunk_id as id, (1 - (embedding <=> ?::vector))::float8 as similarity from rag_chunk_vectors where collection = ? order by embedding <=> ?::vector limit ?`,
          [vector, collection, vector, limit],
        );
      });
      return rows.map((r) => ({ id: r.id, similarity: Number(r.similarity) }));
    }
    const index = await this.exactIndex(collection);
    const scores: { id: string; similarity: number }[] = [];
    for (let row = 0; row < index.ids.length; row++) {
      let dot = 0;
      const base = row * EMBEDDING_DIMENSION;
      for (let d = 0; d < EMBEDDING_DIMENSION; d++) dot += index.vectors[base + d]! * query[d]!;
      scores.push({ id: index.ids[row]!, similarity: dot });
    }
    return scores.sort((a, b) => b.similarity - a.similarity || (a.id < b.id ? -1 : 1)).slice(0, limit);
  }

  private async exactIndex(collection: string): Promise<ExactIndex> {
    const [state] = await this.em().execute<{ n: number; at: Date | null; hashes: string | null }[]>(
      `select count(*)::int as n, max(ingested_at) as at, md5(string_agg(content_hash, ',' order by path)) as hashes from rag_documents where collection = ?`,
      [collection],
    );
    const key = `${state?.n}:${state?.at ? new Date(state.at).toISOString() : ''}:${state?.hashes ?? ''}`;
    const cached = this.exact.get(collection);
    if (cached?.key === key) return cached;
    const rows = await this.em().execute<{ id: string; embedding: Buffer }[]>(`select id, embedding from rag_chunks where collection = ? order by id`, [collection]);
    const vectors = new Float32Array(rows.length * EMBEDDING_DIMENSION);
    rows.forEach((r, i) => vectors.set(fromBytes(r.embedding), i * EMBEDDING_DIMENSION));
    const index = { key, ids: rows.map((r) => r.id), vectors };
    this.exact.set(collection, index);
    return index;
  }
}

/** pgvector's text form, `[0.1,0.2,...]` */
function toVector(vector: ArrayLike<number>): string {
  return `[${Array.from(vector).join(',')}]`;
}

function toBytes(vector: readonly number[]): Buffer {
  const buffer = Buffer.alloc(vector.length * 4);
  vector.forEach((v, i) => buffer.writeFloatLE(v, i * 4));
  return buffer;
}

function fromBytes(bytes: Buffer): Float32Array {
  const out = new Float32Array(bytes.length / 4);
  for (let i = 0; i < out.length; i++) out[i] = bytes.readFloatLE(i * 4);
  return out;
}
