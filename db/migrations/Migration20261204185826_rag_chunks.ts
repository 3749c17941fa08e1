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

    // pgvector's table and index, where the server has the extension, are added by
    // Migration20261204221800_rag_chunks_pgvector. (This migration once added a column here instead;
    // no database had pgvector then, so that branch never ran, and the ORM's schema diff would drop
    // such a column: see that migration.)
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "rag_chunks" cascade;`);
    this.addSql(`drop table if exists "rag_documents" cascade;`);
  }

}
