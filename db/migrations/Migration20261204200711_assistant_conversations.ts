import { Migration } from '@mikro-orm/migrations';

export class Migration20261204200711_assistant_conversations extends Migration {

  override name = 'Migration20261204200711_assistant_conversations';

  override up(): void | Promise<void> {
    this.addSql(`create table "assistant_conversations" ("id" uuid not null, "owner" varchar(200) not null, "collection" varchar(100) not null, "turns" int not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`create index "assistant_conversations_owner_updated_at_index" on "assistant_conversations" ("owner", "updated_at");`);

    this.addSql(`create table "assistant_turns" ("conversation_id" uuid not null, "seq" int not null, "question_sealed" text not null, "rewritten_sealed" text not null, "answer_sealed" text not null, "refused" boolean not null, "citations" jsonb not null, "created_at" timestamptz not null, primary key ("conversation_id", "seq"));`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "assistant_conversations" cascade;`);
    this.addSql(`drop table if exists "assistant_turns" cascade;`);
  }

}
