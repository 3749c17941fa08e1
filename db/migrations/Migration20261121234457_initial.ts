import { Migration } from '@mikro-orm/migrations';

export class Migration20261121234457_initial extends Migration {

  override name = 'Migration20261121234457_initial';

  override up(): void | Promise<void> {
    this.addSql(`create table "application_identifiers" ("id" bigserial primary key, "loan_id" uuid not null, "kind" varchar(32) not null, "value_hash" varchar(64) not null, "person_hash" varchar(64) not null, "submitted_at" timestamptz not null);`);
    this.addSql(`create index "application_identifiers_kind_value_hash_index" on "application_identifiers" ("kind", "value_hash");`);
    this.addSql(`alter table "application_identifiers" add constraint "application_identifiers_loan_id_kind_unique" unique ("loan_id", "kind");`);

    this.addSql(`create table "capital_pools" ("currency" varchar(3) not null, "available" bigint not null, "reserved" bigint not null default '0', "updated_at" timestamptz not null, primary key ("currency"));`);

    this.addSql(`create table "funding_reservations" ("reservation_key" varchar(255) not null, "loan_id" uuid not null, "currency" varchar(3) not null, "amount" bigint not null, "status" varchar(16) not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, primary key ("reservation_key"));`);
    this.addSql(`create index "funding_reservations_loan_id_index" on "funding_reservations" ("loan_id");`);

    this.addSql(`create table "idempotency_keys" ("scope" varchar(64) not null, "key" varchar(255) not null, "request_hash" varchar(64) not null, "resource_id" uuid not null, "created_at" timestamptz not null, primary key ("scope", "key"));`);

    this.addSql(`create table "ledger_entries" ("id" bigserial primary key, "journal_key" varchar(255) not null, "line" int not null, "loan_id" uuid not null, "kind" varchar(64) not null, "account" varchar(64) not null, "debit" bigint not null default '0', "credit" bigint not null default '0', "currency" varchar(3) not null, "reverses_journal" varchar(255) null, "posted_at" timestamptz not null);`);
    this.addSql(`create index "ledger_entries_loan_id_index" on "ledger_entries" ("loan_id");`);
    this.addSql(`alter table "ledger_entries" add constraint "ledger_entries_journal_key_line_unique" unique ("journal_key", "line");`);

    this.addSql(`create table "loan_events" ("id" bigserial primary key, "loan_id" uuid not null, "seq" int not null, "type" varchar(64) not null, "data" jsonb not null, "occurred_at" timestamptz not null);`);
    this.addSql(`alter table "loan_events" add constraint "loan_events_loan_id_seq_unique" unique ("loan_id", "seq");`);

    this.addSql(`create table "loans" ("loan_id" uuid not null, "status" varchar(32) not null, "bucket" varchar(32) null, "product" varchar(64) not null, "currency" varchar(3) not null, "requested_principal" bigint not null, "principal" bigint null, "decision" jsonb null, "offer" jsonb null, "schedule" jsonb null, "outstanding_principal" bigint not null default '0', "outstanding_total" bigint not null default '0', "days_past_due" int not null default 0, "review" jsonb null, "closed_reason" varchar(255) null, "version" int not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, primary key ("loan_id"));`);
    this.addSql(`create index "loans_status_index" on "loans" ("status");`);
    this.addSql(`create index "loans_bucket_index" on "loans" ("bucket");`);
    this.addSql(`create index "loans_created_at_index" on "loans" ("created_at");`);

    this.addSql(`create table "payments" ("loan_id" uuid not null, "external_id" varchar(255) not null, "amount" bigint not null, "currency" varchar(3) not null, "source" varchar(32) not null, "allocation" jsonb not null, "received_on" varchar(10) not null, "applied_at" timestamptz not null, primary key ("loan_id", "external_id"));`);

    this.addSql(`alter table "capital_pools" add constraint "capital_pools_available_non_negative" check (available >= 0);`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "application_identifiers" cascade;`);
    this.addSql(`drop table if exists "capital_pools" cascade;`);
    this.addSql(`drop table if exists "funding_reservations" cascade;`);
    this.addSql(`drop table if exists "idempotency_keys" cascade;`);
    this.addSql(`drop table if exists "ledger_entries" cascade;`);
    this.addSql(`drop table if exists "loan_events" cascade;`);
    this.addSql(`drop table if exists "loans" cascade;`);
    this.addSql(`drop table if exists "payments" cascade;`);
  }

}
