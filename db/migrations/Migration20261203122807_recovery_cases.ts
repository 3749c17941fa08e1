import { Migration } from '@mikro-orm/migrations';

export class Migration20261203122807_recovery_cases extends Migration {

  override name = 'Migration20261203122807_recovery_cases';

  override up(): void | Promise<void> {
    this.addSql(`create table "recovery_assignees" ("id" varchar(64) not null, "name" varchar(200) not null, "kind" varchar(16) not null, "skills" jsonb not null, "capacity" int not null, "active" boolean not null default true, "last_assigned_at" timestamptz null, "created_at" timestamptz not null, primary key ("id"));`);

    this.addSql(`create table "recovery_cases" ("id" varchar(100) not null, "workflow_id" varchar(80) not null, "loan_id" uuid not null, "queue" varchar(64) not null, "skills" jsonb not null, "priority" bigint not null, "status" varchar(16) not null, "assignee_id" varchar(64) null, "assigned_at" timestamptz null, "accepted_at" timestamptz null, "last_touched_at" timestamptz not null, "declined_by" jsonb not null, "sla_breaches" int not null default 0, "opened_at" timestamptz not null, "closed_at" timestamptz null, "close_reason" varchar(32) null, primary key ("id"));`);
    this.addSql(`create index "recovery_cases_status_queue_priority_index" on "recovery_cases" ("status", "queue", "priority");`);
    this.addSql(`create index "recovery_cases_assignee_id_status_index" on "recovery_cases" ("assignee_id", "status");`);
    this.addSql(`create index "recovery_cases_loan_id_index" on "recovery_cases" ("loan_id");`);

    this.addSql(`create table "recovery_case_events" ("id" bigserial primary key, "case_id" varchar(100) not null, "at" timestamptz not null, "kind" varchar(32) not null, "assignee_id" varchar(64) null, "by" varchar(100) null, "data" jsonb not null);`);
    this.addSql(`create index "recovery_case_events_case_id_at_index" on "recovery_case_events" ("case_id", "at");`);
    this.addSql(`create index "recovery_case_events_kind_assignee_id_index" on "recovery_case_events" ("kind", "assignee_id");`);

    this.addSql(`alter table "recovery_episodes" add "rolled_forward" boolean not null default false;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "recovery_assignees" cascade;`);
    this.addSql(`drop table if exists "recovery_cases" cascade;`);
    this.addSql(`drop table if exists "recovery_case_events" cascade;`);

    this.addSql(`alter table "recovery_episodes" drop column "rolled_forward";`);
  }

}
