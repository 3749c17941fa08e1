import { Migration } from '@mikro-orm/migrations';

export class Migration20261203124416_recovery_policies extends Migration {

  override name = 'Migration20261203124416_recovery_policies';

  override up(): void | Promise<void> {
    this.addSql(`create table "recovery_policy_activations" ("id" bigserial primary key, "version" int not null, "previous_version" int null, "activated_by" varchar(100) not null, "activated_at" timestamptz not null, "rollback" boolean not null);`);
    this.addSql(`create index "recovery_policy_activations_version_index" on "recovery_policy_activations" ("version");`);

    this.addSql(`create table "recovery_policy_versions" ("version" int not null, "name" varchar(100) not null, "document" jsonb not null, "source" text not null, "source_format" varchar(8) not null, "status" varchar(16) not null, "author" varchar(100) not null, "based_on" int null, "diff" jsonb null, "problems" jsonb null, "created_at" timestamptz not null, "validated_at" timestamptz null, "activated_at" timestamptz null, "activated_by" varchar(100) null, "retired_at" timestamptz null, primary key ("version"));`);
    this.addSql(`create unique index "recovery_policy_versions_one_active" on "recovery_policy_versions" ("status") where "status" = 'active';`);

    this.addSql(`alter table "recovery_policy_versions" add constraint "recovery_policy_versions_status_known" check (status in ('draft', 'validated', 'active', 'retired'));`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "recovery_policy_activations" cascade;`);
    this.addSql(`drop table if exists "recovery_policy_versions" cascade;`);
  }

}
