import { Migration } from '@mikro-orm/migrations';

export class Migration20261202200914_unapplied_cash extends Migration {

  override name = 'Migration20261202200914_unapplied_cash';

  override up(): void | Promise<void> {
    this.addSql(`create table "unapplied_cash" ("id" uuid not null, "origin_key" varchar(255) not null, "amount" bigint not null, "currency" varchar(3) not null, "source" varchar(32) not null, "reason" varchar(32) not null, "reason_detail" varchar(255) null, "payment_reference" varchar(255) not null, "gateway_payment_id" varchar(255) null, "loan_reference" varchar(255) null, "parent_id" uuid null, "received_at" timestamptz not null, "status" varchar(16) not null, "attempt" int not null default 0, "claim_token" varchar(255) null, "target_loan_id" uuid null, "requested_by" varchar(100) null, "requested_at" timestamptz null, "resolved_at" timestamptz null, "application_payment_id" varchar(255) null, "refund_idempotency_key" varchar(255) null, "refund_id" varchar(255) null, "last_problem" text null, "created_at" timestamptz not null, "updated_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`create index "unapplied_cash_created_at_id_index" on "unapplied_cash" ("created_at", "id");`);
    this.addSql(`create index "unapplied_cash_gateway_payment_id_index" on "unapplied_cash" ("gateway_payment_id");`);
    this.addSql(`create index "unapplied_cash_application_payment_id_index" on "unapplied_cash" ("application_payment_id");`);
    this.addSql(`alter table "unapplied_cash" add constraint "unapplied_cash_origin_key_unique" unique ("origin_key");`);

    this.addSql(`alter table "ledger_entries" add "unapplied_cash_id" uuid null;`);
    this.addSql(`alter table "ledger_entries" alter column "loan_id" drop not null;`);
    this.addSql(`create index "ledger_entries_unapplied_cash_id_index" on "ledger_entries" ("unapplied_cash_id");`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "unapplied_cash" cascade;`);

    this.addSql(`drop index "ledger_entries_unapplied_cash_id_index";`);
    this.addSql(`alter table "ledger_entries" drop column "unapplied_cash_id";`);
    this.addSql(`alter table "ledger_entries" alter column "loan_id" set not null;`);
  }

}
