import { Migration } from '@mikro-orm/migrations';

export class Migration20261204173900_audit_log extends Migration {

  override name = 'Migration20261204173900_audit_log';

  override up(): void | Promise<void> {
    this.addSql(`create table "audit_chain_head" ("id" smallint not null, "seq" bigint not null, "hash" varchar(64) not null, "updated_at" timestamptz not null, primary key ("id"));`);

    this.addSql(`create table "audit_log" ("seq" bigint not null, "id" uuid not null, "at" timestamptz not null, "request_id" varchar(128) not null, "actor_id" varchar(255) not null, "actor_kind" varchar(16) not null, "actor_roles" jsonb not null, "agency_id" varchar(64) null, "kind" varchar(8) not null, "action" varchar(120) not null, "method" varchar(8) not null, "route" varchar(255) not null, "loan_id" uuid null, "case_id" varchar(100) null, "client_address" varchar(64) not null, "status" int not null, "outcome" varchar(16) not null, "prev_hash" varchar(64) not null, "hash" varchar(64) not null, primary key ("seq"));`);
    this.addSql(`create index "audit_log_at_id_index" on "audit_log" ("at", "id");`);
    this.addSql(`create index "audit_log_actor_id_at_index" on "audit_log" ("actor_id", "at");`);
    this.addSql(`create index "audit_log_loan_id_at_index" on "audit_log" ("loan_id", "at");`);
    this.addSql(`create index "audit_log_case_id_at_index" on "audit_log" ("case_id", "at");`);
    this.addSql(`create index "audit_log_action_at_index" on "audit_log" ("action", "at");`);
    this.addSql(`alter table "audit_log" add constraint "audit_log_id_unique" unique ("id");`);

    this.addSql(`alter table "audit_chain_head" add constraint "audit_chain_head_one_row" check (id = 1);`);

    this.addSql(`create or replace function "audit_log_audit_log_append_only_fn"() returns trigger as $$ begin raise exception 'audit_log is append-only: % refused', tg_op using errcode = 'insufficient_privilege'; end; $$ language plpgsql;`);
    this.addSql(`create trigger "audit_log_append_only" BEFORE UPDATE OR DELETE on "audit_log" for each ROW execute function "audit_log_audit_log_append_only_fn"();`);
    // TRUNCATE fires no row trigger; a statement trigger (which MikroORM's schema diff does not see) refuses it too.
    this.addSql(`create trigger "audit_log_no_truncate" BEFORE TRUNCATE on "audit_log" for each STATEMENT execute function "audit_log_audit_log_append_only_fn"();`);

    // The chain starts from 64 zeros at seq 0; every append moves the head in its own transaction.
    this.addSql(`insert into "audit_chain_head" ("id", "seq", "hash", "updated_at") values (1, 0, repeat('0', 64), now());`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "audit_chain_head" cascade;`);
    this.addSql(`drop trigger if exists "audit_log_append_only" on "audit_log";`);
    this.addSql(`drop trigger if exists "audit_log_no_truncate" on "audit_log";`);
    this.addSql(`drop function if exists "audit_log_audit_log_append_only_fn"();`);
    this.addSql(`drop table if exists "audit_log" cascade;`);
  }

}
