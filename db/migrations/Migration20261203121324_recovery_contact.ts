import { Migration } from '@mikro-orm/migrations';

export class Migration20261203121324_recovery_contact extends Migration {

  override name = 'Migration20261203121324_recovery_contact';

  override up(): void | Promise<void> {
    this.addSql(`create table "contact_dead_letters" ("id" uuid not null, "delivery_key" varchar(120) not null, "generation" int not null, "loan_id" uuid not null, "workflow_id" varchar(80) not null, "channel" varchar(16) not null, "template" varchar(64) not null, "command" jsonb not null, "reason" text not null, "attempts" int not null, "status" varchar(16) not null, "replayed_at" timestamptz null, "replayed_by" varchar(100) null, "replay_outcome" jsonb null, "created_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`create index "contact_dead_letters_created_at_id_index" on "contact_dead_letters" ("created_at", "id");`);
    this.addSql(`create index "contact_dead_letters_status_channel_index" on "contact_dead_letters" ("status", "channel");`);
    this.addSql(`alter table "contact_dead_letters" add constraint "contact_dead_letters_delivery_key_generation_unique" unique ("delivery_key", "generation");`);

    this.addSql(`create table "contact_deliveries" ("delivery_key" varchar(120) not null, "request_key" varchar(120) not null, "loan_id" uuid not null, "workflow_id" varchar(80) not null, "kind" varchar(8) not null, "channel" varchar(16) not null, "template" varchar(64) not null, "template_version" int null, "language" varchar(2) null, "tone" varchar(16) null, "policy_version" int null, "rule_id" varchar(100) not null, "step_index" int not null, "decision" varchar(16) not null, "jurisdiction" varchar(16) null, "block_rule" varchar(100) null, "block_citation" text null, "block_reason" text null, "retry_at" timestamptz null, "disclosures" jsonb not null, "options_allowed" jsonb not null, "option_chosen" varchar(16) not null, "facts" jsonb not null, "subject_sealed" text null, "body_sealed" text null, "status" varchar(16) not null, "provider" varchar(16) null, "external_id" varchar(255) null, "attempts" int not null default 0, "last_error" text null, "conversation" boolean not null default false, "contact_at" timestamptz not null, "sent_at" timestamptz null, "created_at" timestamptz not null, "updated_at" timestamptz not null, primary key ("delivery_key"));`);
    this.addSql(`create index "contact_deliveries_loan_id_contact_at_index" on "contact_deliveries" ("loan_id", "contact_at");`);
    this.addSql(`create index "contact_deliveries_workflow_id_index" on "contact_deliveries" ("workflow_id");`);
    this.addSql(`create index "contact_deliveries_request_key_index" on "contact_deliveries" ("request_key");`);
    this.addSql(`alter table "contact_deliveries" add constraint "contact_deliveries_provider_external_id_unique" unique ("provider", "external_id");`);

    this.addSql(`create table "contact_delivery_events" ("id" bigserial primary key, "event_id" varchar(255) not null, "delivery_key" varchar(120) null, "provider" varchar(16) not null, "external_id" varchar(255) null, "status" varchar(16) not null, "permanent" boolean not null default false, "error_code" varchar(64) null, "detail" jsonb null, "at" timestamptz not null, "received_at" timestamptz not null);`);
    this.addSql(`create index "contact_delivery_events_delivery_key_index" on "contact_delivery_events" ("delivery_key");`);
    this.addSql(`alter table "contact_delivery_events" add constraint "contact_delivery_events_event_id_unique" unique ("event_id");`);

    this.addSql(`create table "contact_inbound" ("id" uuid not null, "provider" varchar(16) not null, "kind" varchar(16) not null, "channel" varchar(16) not null, "external_id" varchar(255) not null, "sender_hash" varchar(64) not null, "sender_sealed" text not null, "body_sealed" text not null, "delivery_key" varchar(120) null, "loan_ids" jsonb not null, "intent" jsonb null, "outcome" varchar(16) not null, "reason" text null, "workflow_ids" jsonb not null, "received_at" timestamptz not null, "created_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`create index "contact_inbound_received_at_index" on "contact_inbound" ("received_at");`);
    this.addSql(`alter table "contact_inbound" add constraint "contact_inbound_provider_external_id_unique" unique ("provider", "external_id");`);

    this.addSql(`create table "contact_profiles" ("loan_id" uuid not null, "name_sealed" text not null, "phone_sealed" text null, "email_sealed" text null, "phone_hash" varchar(64) null, "email_hash" varchar(64) null, "language" varchar(2) not null, "country" varchar(2) not null, "time_zone" varchar(64) null, "contact_consent" boolean not null, "automated_consent" boolean not null, "opted_out_of_all" boolean not null default false, "opted_out_channels" jsonb not null, "wrong_number_channels" jsonb not null, "bankruptcy" boolean not null default false, "deceased" boolean not null default false, "dispute_open" boolean not null default false, "dispute_opened_at" timestamptz null, "dispute_verified_at" timestamptz null, "dispute_verified_by" varchar(100) null, "time_barred" boolean not null default false, "created_at" timestamptz not null, "updated_at" timestamptz not null, primary key ("loan_id"));`);
    this.addSql(`create index "contact_profiles_phone_hash_index" on "contact_profiles" ("phone_hash");`);
    this.addSql(`create index "contact_profiles_email_hash_index" on "contact_profiles" ("email_hash");`);

    this.addSql(`create table "contact_standing_changes" ("id" bigserial primary key, "loan_id" uuid not null, "change" varchar(32) not null, "channel" varchar(16) null, "source" varchar(32) not null, "source_ref" varchar(255) null, "actor" varchar(100) null, "reason" text null, "at" timestamptz not null);`);
    this.addSql(`create index "contact_standing_changes_loan_id_at_index" on "contact_standing_changes" ("loan_id", "at");`);

    this.addSql(`create table "recovery_templates" ("id" bigserial primary key, "key" varchar(64) not null, "channel" varchar(16) not null, "language" varchar(2) not null, "tone" varchar(16) not null, "version" int not null, "subject" text null, "body" text not null, "created_at" timestamptz not null);`);
    this.addSql(`alter table "recovery_templates" add constraint "recovery_templates_key_channel_language_tone_version_unique" unique ("key", "channel", "language", "tone", "version");`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "contact_dead_letters" cascade;`);
    this.addSql(`drop table if exists "contact_deliveries" cascade;`);
    this.addSql(`drop table if exists "contact_delivery_events" cascade;`);
    this.addSql(`drop table if exists "contact_inbound" cascade;`);
    this.addSql(`drop table if exists "contact_profiles" cascade;`);
    this.addSql(`drop table if exists "contact_standing_changes" cascade;`);
    this.addSql(`drop table if exists "recovery_templates" cascade;`);
  }

}
