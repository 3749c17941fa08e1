import { Migration } from '@mikro-orm/migrations';

export class Migration20261203125337_portfolio_imports extends Migration {

  override name = 'Migration20261203125337_portfolio_imports';

  override up(): void | Promise<void> {
    this.addSql(`create table "portfolio_imports" ("id" uuid not null, "hash" varchar(64) not null, "received" int not null, "imported" int not null default 0, "already_imported" int not null default 0, "rejected" jsonb not null, "created_at" timestamptz not null, primary key ("id"));`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "portfolio_imports" cascade;`);
  }

}
