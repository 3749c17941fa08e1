import { Migration } from '@mikro-orm/migrations';

export class Migration20261204185826_rag_chunks extends Migration {

  override name = 'Migration20261204185826_rag_chunks';

  override up(): void | Promise<void> {
    this.addSql(`create table "rag_chunks" ("id" varchar(40) not null, "document_id" varchar(40) not null, "collection" varchar(100) not null, "source" text not null, "section" text not null, "ordinal" int not null, "start_offset" int not null, "end_offset" int not null, "content" text not null, "tsv" tsvector not null, "embedding" bytea not null, primary key ("id"));`);
    this.addSql(`create index "rag_chunks_collection_index" on "rag_chunks" ("collection");`);
    this.addSql(`create index "rag_chunks_document_id_index" on "rag_chunks" ("document_id");`);
    this.addSql(`create index "rag_chunks_tsv_index" on "rag_chunks" using gin ("tsv");`);

    this.addSql(`create table "rag_documents" ("id" varchar(40) not null, "collection" varchar(100) not null, "path" varchar(500) not null, "content_hash" varchar(64) not null, "source" text not null, "chunk_count" int not null, "ingested_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`alter table "rag_documents" add constraint "rag_documents_collection_path_unique" unique ("collection", "path");`);

    // pgvector where the server has it (and we may create it): an HNSW index over the embeddings.
    // Elsewhere nothing is added and rag/store searches the embeddings exactly (rag/README.md).
    this.addSql(`do $$ begin
      if exists (select 1 from pg_available_extensions where name = 'vector') then
        begin
          create extension if not exists vector;
          alter table "rag_chunks" add column "embedding_vec" vector(384);
          create index "rag_chunks_embedding_vec_index" on "rag_chunks" using hnsw ("embedding_vec" vector_cosine_ops);
        exception when insufficient_privilege then
          raise notice 'pgvector is available but could not be created: exact search';
        end;
      end if;
    end $$;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "rag_chunks" cascade;`);
    this.addSql(`drop table if exists "rag_documents" cascade;`);
  }

}
