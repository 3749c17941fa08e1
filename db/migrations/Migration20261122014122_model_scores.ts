import { Migration } from '@mikro-orm/migrations';

export class Migration20261122014122_model_scores extends Migration {

  override name = 'Migration20261122014122_model_scores';

  override up(): void | Promise<void> {
    this.addSql(`create table "model_scores" ("id" bigserial primary key, "scoring_id" uuid not null, "model" varchar(64) not null, "version" varchar(32) not null, "role" varchar(16) not null, "subject" varchar(100) not null, "score" double precision not null, "flagged" boolean null, "inputs" jsonb null, "scored_at" timestamptz not null);`);
    this.addSql(`create index "model_scores_model_role_scored_at_index" on "model_scores" ("model", "role", "scored_at");`);
    this.addSql(`create index "model_scores_scoring_id_index" on "model_scores" ("scoring_id");`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "model_scores" cascade;`);
  }

}
