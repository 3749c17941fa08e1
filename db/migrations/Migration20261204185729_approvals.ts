import { Migration } from '@mikro-orm/migrations';

export class Migration20261204185729_approvals extends Migration {

  override name = 'Migration20261204185729_approvals';

  override up(): void | Promise<void> {
    this.addSql(`create table "approvals" ("id" uuid not null, "kind" varchar(32) not null, "loan_id" uuid null, "policy_version" int null, "experiment_id" uuid null, "payload" jsonb not null, "reasons" jsonb not null, "status" varchar(16) not null, "proposed_by" varchar(255) not null, "proposed_by_roles" jsonb not null, "proposed_at" timestamptz not null, "request_key" varchar(255) not null, "decided_by" varchar(255) null, "decided_at" timestamptz null, "decision_note" text null, "applied_at" timestamptz null, "outcome" jsonb null, primary key ("id"));`);
    this.addSql(`create index "approvals_loan" on "approvals" ("loan_id", "proposed_at");`);
    this.addSql(`create index "approvals_status" on "approvals" ("status", "proposed_at");`);
    this.addSql(`create unique index "approvals_one_pending_write_off" on "approvals" ("loan_id") where "kind" = 'write_off' and "status" in ('pending', 'approved');`);
    this.addSql(`create unique index "approvals_one_pending_activation" on "approvals" ("policy_version") where "kind" = 'policy_activation' and "status" = 'pending';`);
    this.addSql(`alter table "approvals" add constraint "approvals_request" unique ("proposed_by", "request_key");`);

    this.addSql(`alter table "approvals" add constraint "approvals_kind_known" check (kind in ('arrangement', 'write_off', 'policy_activation'));`);
    this.addSql(`alter table "approvals" add constraint "approvals_status_known" check (status in ('pending', 'approved', 'rejected', 'applied'));`);
    this.addSql(`alter table "approvals" add constraint "approvals_checker_not_maker" check (decided_by is null or decided_by <> proposed_by);`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "approvals" cascade;`);
  }

}
