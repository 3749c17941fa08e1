import { Migration } from '@mikro-orm/migrations';

export class Migration20261204153842_episode_signal_outbox extends Migration {

  override name = 'Migration20261204153842_episode_signal_outbox';

  override up(): void | Promise<void> {
    this.addSql(`create table "episode_signal_outbox" ("id" varchar(120) not null, "workflow_id" varchar(80) not null, "signal" varchar(32) not null, "payload" jsonb not null, "created_at" timestamptz not null, "attempts" int not null default 0, "next_attempt_at" timestamptz not null, "last_error" text null, "sent_at" timestamptz null, "result" varchar(16) null, primary key ("id"));`);
    this.addSql(`create index "episode_signal_outbox_sent_at_next_attempt_at_index" on "episode_signal_outbox" ("sent_at", "next_attempt_at");`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "episode_signal_outbox" cascade;`);
  }

}
