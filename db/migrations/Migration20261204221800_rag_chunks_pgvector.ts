import { Migration } from '@mikro-orm/migrations';

export class Migration20261204221800_rag_chunks_pgvector extends Migration {

  override name = 'Migration20261204221800_rag_chunks_pgvector';

  // Where the database has pgvector (the embedded PGlite loads it; a server may have it), each
  // passage's embedding also goes into `rag_chunk_vectors` with an HNSW index, and rag/store
  // searches that. A table of its own, not a column of rag_chunks: the ORM does not know the
  // `vector` type and its schema diff would drop an unknown column, while a table it is told to
  // skip (mikro-orm.config.ts) it leaves alone. Where the server has no pgvector nothing is
  // created and the store searches the `embedding` bytes exactly. Passages written before this
  // existed are copied in by the store on first use (it decodes the bytes).
  override up(): void | Promise<void> {
    this.addSql(`do $$ begin
      if exists (select 1 from pg_available_extensions where name = 'vector') then
        begin
          create extension if not exists vector;
          create table if not exists "rag_chunk_vectors" (
            "chunk_id" varchar(40) not null primary key references "rag_chunks" ("id") on delete cascade,
            "collection" varchar(100) not null,
            "embedding" vector(384) not null
          );
          create index if not exists "rag_chunk_vectors_embedding_index" on "rag_chunk_vectors" using hnsw ("embedding" vector_cosine_ops);
        exception when insufficient_privilege then
          raise notice 'pgvector is available but could not be created: exact search';
        end;
      end if;
    end $$;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "rag_chunk_vectors";`);
  }

}
