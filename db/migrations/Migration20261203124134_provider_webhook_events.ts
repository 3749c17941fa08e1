import { Migration } from '@mikro-orm/migrations';

export class Migration20261203124134_provider_webhook_events extends Migration {

  override name = 'Migration20261203124134_provider_webhook_events';

  override up(): void | Promise<void> {
    this.addSql(`create table "provider_webhook_events" ("provider" varchar(16) not null, "event_id" varchar(255) not null, "kind" varchar(16) not null, "received_at" timestamptz not null, primary key ("provider", "event_id"));`);
    this.addSql(`create index "provider_webhook_events_received_at_index" on "provider_webhook_events" ("received_at");`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "provider_webhook_events" cascade;`);
  }

}
