import { Migration } from '@mikro-orm/migrations';

export class Migration20261204162410_audit_log extends Migration {

  override name = 'Migration20261204162410_audit_log';

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

    // The chain starts from 64 zeros at seq 0; every append moves the head in its own transaction.
    this.addSql(`insert into "audit_chain_head" ("id", "seq", "hash", "updated_at") values (1, 0, repeat('0', 64), now());`);
    // Append-only whatever the code does: the application's role (the owner too) cannot change or
    // remove a row. A superuser can still get past this (session_replication_role = replica, or
    // ALTER TABLE ... DISABLE TRIGGER as the owner); the hash chain is what shows it happened.
    this.addSql(`create function "audit_log_refuse_change"() returns trigger language plpgsql as $$
      begin
        raise exception 'audit_log is append-only: % refused', tg_op using errcode = 'insufficient_privilege';
      end
    $$;`);
    this.addSql(`create trigger "audit_log_append_only" before update or delete on "audit_log" for each row execute function "audit_log_refuse_change"();`);
    this.addSql(`create trigger "audit_log_no_truncate" before truncate on "audit_log" for each statement execute function "audit_log_refuse_change"();`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "audit_chain_head" cascade;`);
    this.addSql(`drop table if exists "audit_log" cascade;`);
    this.addSql(`drop function if exists "audit_log_refuse_change"();`);
  }

}
