import { Migration } from '@mikro-orm/migrations';

export class Migration20261203120952_recovery_episodes extends Migration {

  override name = 'Migration20261203120952_recovery_episodes';

  override up(): void | Promise<void> {
    this.addSql(`create table "recovery_actions" ("id" bigserial primary key, "workflow_id" varchar(80) not null, "loan_id" uuid not null, "seq" int not null, "at" timestamptz not null, "kind" varchar(40) not null, "policy_version" int null, "rule_id" varchar(100) null, "step_index" int null, "data" jsonb not null);`);
    this.addSql(`create index "recovery_actions_loan_id_at_index" on "recovery_actions" ("loan_id", "at");`);
    this.addSql(`create index "recovery_actions_kind_at_index" on "recovery_actions" ("kind", "at");`);
    this.addSql(`alter table "recovery_actions" add constraint "recovery_actions_workflow_id_seq_unique" unique ("workflow_id", "seq");`);

    this.addSql(`create table "recovery_episodes" ("workflow_id" varchar(80) not null, "loan_id" uuid not null, "episode" int not null, "status" varchar(16) not null, "stage" varchar(16) not null, "currency" varchar(3) not null, "product" varchar(64) not null, "country" varchar(2) not null, "bucket_at_start" varchar(32) not null, "bucket" varchar(32) not null, "dpd" int not null, "segment" varchar(32) null, "propensity_band" varchar(16) null, "delinquent_minor" bigint not null, "outstanding_minor" bigint not null, "recovered_minor" bigint not null default '0', "policy_version" int null, "rule_id" varchar(100) null, "experiment_id" varchar(64) null, "arm" varchar(16) null, "contacts" int not null default 0, "blocked" int not null default 0, "promises_kept" int not null default 0, "promises_broken" int not null default 0, "opted_out" boolean not null default false, "started_at" timestamptz not null, "ended_at" timestamptz null, "end_reason" varchar(32) null, "version" int not null, "updated_at" timestamptz not null, primary key ("workflow_id"));`);
    this.addSql(`create index "recovery_episodes_status_loan_id_index" on "recovery_episodes" ("status", "loan_id");`);
    this.addSql(`create index "recovery_episodes_started_at_workflow_id_index" on "recovery_episodes" ("started_at", "workflow_id");`);
    this.addSql(`create index "recovery_episodes_experiment_id_arm_index" on "recovery_episodes" ("experiment_id", "arm");`);
    this.addSql(`alter table "recovery_episodes" add constraint "recovery_episodes_loan_id_episode_unique" unique ("loan_id", "episode");`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "recovery_actions" cascade;`);
    this.addSql(`drop table if exists "recovery_episodes" cascade;`);
  }

}
