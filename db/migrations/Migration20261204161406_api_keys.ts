import { Migration } from '@mikro-orm/migrations';

export class Migration20261204161406_api_keys extends Migration {

  override name = 'Migration20261204161406_api_keys';

  override up(): void | Promise<void> {
    this.addSql(`create table "api_keys" ("id" uuid not null, "prefix" varchar(15) not null, "hash" varchar(64) not null, "name" varchar(100) not null, "roles" jsonb not null, "permissions" jsonb not null, "agency_id" varchar(64) null, "created_by" varchar(255) not null, "created_at" timestamptz not null, "revoked_at" timestamptz null, "revoked_by" varchar(255) null, primary key ("id"));`);
    this.addSql(`alter table "api_keys" add constraint "api_keys_prefix_unique" unique ("prefix");`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "api_keys" cascade;`);
  }

}
