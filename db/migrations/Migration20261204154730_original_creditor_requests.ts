import { Migration } from '@mikro-orm/migrations';

export class Migration20261204154730_original_creditor_requests extends Migration {

  override name = 'Migration20261204154730_original_creditor_requests';

  override up(): void | Promise<void> {
    this.addSql(`create table "original_creditors" ("loan_id" uuid not null, "name" varchar(200) not null, "address" varchar(500) not null, "recorded_by" varchar(100) not null, "recorded_at" timestamptz not null, primary key ("loan_id"));`);

    this.addSql(`alter table "contact_profiles" add "original_creditor_requested" boolean not null default false, add "original_creditor_requested_at" timestamptz null, add "original_creditor_provided_at" timestamptz null;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "original_creditors" cascade;`);

    this.addSql(`alter table "contact_profiles" drop column "original_creditor_requested", drop column "original_creditor_requested_at", drop column "original_creditor_provided_at";`);
  }

}
