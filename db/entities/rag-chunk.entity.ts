// The assistant's documents and their passages (rag/README.md). A document is one file of a
// collection, known by its path and the hash of its content: ingesting a changed file replaces its
// chunks in one transaction, and an unchanged one is skipped. A chunk keeps where it came from
// (source, section, offsets into the document's text), its full-text vector and its embedding.
// Where the database has pgvector, a migration also adds `rag_chunk_vectors` (the embedding as
// `vector(384)`, HNSW-indexed); the ORM does not see that table (mikro-orm.config.ts skips it),
// rag/store does.
import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

export const RagDocument = defineEntity({
  name: 'RagDocument',
  tableName: 'rag_documents',
  uniques: [{ properties: ['collection', 'path'] }],
  properties: {
    id: p.string().length(40).primary(),
    collection: p.string().length(100),
    /** the file's path relative to the ingested folder */
    path: p.string().length(500),
    /** sha256 of the file's bytes */
    contentHash: p.string().length(64),
    source: p.text(),
    chunkCount: p.integer(),
    ingestedAt: p.datetime(),
  },
});
export type RagDocument = InferEntity<typeof RagDocument>;

export const RagChunk = defineEntity({
  name: 'RagChunk',
  tableName: 'rag_chunks',
  indexes: [
    { properties: ['collection'] },
    { properties: ['documentId'] },
    // ts_rank over @@ needs the GIN index to stay fast past a few thousand passages.
    { name: 'rag_chunks_tsv_index', expression: 'create index "rag_chunks_tsv_index" on "rag_chunks" using gin ("tsv")' },
  ],
  properties: {
    id: p.string().length(40).primary(),
    documentId: p.string().length(40),
    collection: p.string().length(100),
    source: p.text(),
    section: p.text(),
    ordinal: p.integer(),
    /** offsets into the document's extracted text, [start, end) in UTF-16 units */
    startOffset: p.integer(),
    endOffset: p.integer(),
    content: p.text(),
    /** to_tsvector('english', section || content), written with the row */
    tsv: p.text().columnType('tsvector'),
    /** 384 float32s, little-endian, unit length */
    embedding: p.blob(),
  },
});
export type RagChunk = InferEntity<typeof RagChunk>;
