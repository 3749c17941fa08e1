import { Migration } from '@mikro-orm/migrations';

export class Migration20261204185722_agency_placements extends Migration {

  override name = 'Migration20261204185722_agency_placements';

  override up(): void | Promise<void> {
    this.addSql(`create table "agency_placements" ("id" varchar(64) not null, "agency_id" varchar(64) not null, "placed_by" varchar(200) not null, "placed_at" timestamptz not null, "rule" jsonb null, "not_placed" jsonb not null, primary key ("id"));`);
    this.addSql(`create index "agency_placements_agency_id_placed_at_index" on "agency_placements" ("agency_id", "placed_at");`);

    this.addSql(`create table "agency_placement_cases" ("placement_id" varchar(64) not null, "case_id" varchar(100) not null, "agency_id" varchar(64) not null, "loan_id" uuid not null, "workflow_id" varchar(80) not null, "placed_at" timestamptz not null, "placed_event_id" bigint not null, "balance_minor" bigint not null, "currency" varchar(3) not null, "bucket" varchar(32) not null, "dpd" int not null, "accepted_at" timestamptz null, "ended_at" timestamptz null, "ended_as" varchar(16) null, "ended_by" varchar(200) null, "end_reason" text null, primary key ("placement_id", "case_id"));`);
    this.addSql(`create index "agency_placement_cases_case_id_placed_at_index" on "agency_placement_cases" ("case_id", "placed_at");`);
    this.addSql(`create index "agency_placement_cases_agency_id_placed_at_index" on "agency_placement_cases" ("agency_id", "placed_at");`);
    this.addSql(`create index "agency_placement_cases_loan_id_index" on "agency_placement_cases" ("loan_id");`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "agency_placements" cascade;`);
    this.addSql(`drop table if exists "agency_placement_cases" cascade;`);
  }

}
