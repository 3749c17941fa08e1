// What the API shows of the assistant's collections: each collection with its documents and
// passages, and one passage by its ID (a citation opens the passage it quotes). Reads only: the
// rag core (rag/store/chunk-store.ts) writes these tables.
import type { EntityManager } from '@mikro-orm/postgresql';

export interface CollectionSummary {
  name: string;
  documents: number;
  passages: number;
  lastIngestedAt: string;
}

export interface PassageRecord {
  chunkId: string;
  collection: string;
  source: string;
  section: string;
  document: string;
  ordinal: number;
  startOffset: number;
  endOffset: number;
  content: string;
}

type Row = Record<string, unknown>;

export class RagCollectionRepository {
  constructor(private readonly em: EntityManager) {}

  async list(): Promise<CollectionSummary[]> {
    const rows = await this.em.execute<Row[]>(
      `select collection, count(*)::int as documents, sum(chunk_count)::int as passages, max(ingested_at) as last from rag_documents group by collection order by collection`,
    );
    return rows.map((r) => ({ name: String(r.collection), documents: Number(r.documents), passages: Number(r.passages), lastIngestedAt: new Date(String(r.last instanceof Date ? r.last.toISOString() : r.last)).toISOString() }));
  }

  async exists(collection: string): Promise<boolean> {
    const [row] = await this.em.execute<Row[]>(`select 1 as one from rag_documents where collection = ? limit 1`, [collection]);
    return row !== undefined;
  }

  async passage(chunkId: string): Promise<PassageRecord | null> {
    const [r] = await this.em.execute<Row[]>(
      `select c.id, c.collection, c.source, c.section, d.path, c.ordinal, c.start_offset, c.end_offset, c.content from rag_chunks c join rag_documents d on d.id = c.document_id where c.id = ?`,
      [chunkId],
    );
    if (!r) return null;
    return {
      chunkId: String(r.id), collection: String(r.collection), source: String(r.source), section: String(r.section), document: String(r.path),
      ordinal: Number(r.ordinal), startOffset: Number(r.start_offset), endOffset: Number(r.end_offset), content: String(r.content),
    };
  }
}
