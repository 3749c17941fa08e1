import { Migration } from '@mikro-orm/migrations';

export class Migration20261203131130_recovery_experiments extends Migration {

  override name = 'Migration20261203131130_recovery_experiments';

  override up(): void | Promise<void> {
    this.addSql(`create table "recovery_experiments" ("id" uuid not null, "challenger_version" int not null, "champion_version_at_start" int null, "share_bps" int not null, "status" varchar(16) not null, "note" varchar(500) null, "created_by" varchar(100) not null, "created_at" timestamptz not null, "started_by" varchar(100) not null, "started_at" timestamptz not null, "ended_by" varchar(100) null, "ended_at" timestamptz null, primary key ("id"));`);
    this.addSql(`create unique index "recovery_experiments_one_running" on "recovery_experiments" ("status") where "status" = 'running';`);
    this.addSql(`create index "recovery_experiments_created_at_index" on "recovery_experiments" ("created_at");`);

    this.addSql(`alter table "recovery_experiments" add constraint "recovery_experiments_status_known" check (status in ('running', 'promoted', 'stopped'));`);
    this.addSql(`alter table "recovery_experiments" add constraint "recovery_experiments_share_bps" check (share_bps >= 0 and share_bps <= 10000);`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "recovery_experiments" cascade;`);
  }

}
