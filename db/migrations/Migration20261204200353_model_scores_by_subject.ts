import { Migration } from '@mikro-orm/migrations';

export class Migration20261204200353_model_scores_by_subject extends Migration {

  override name = 'Migration20261204200353_model_scores_by_subject';

  override up(): void | Promise<void> {
    this.addSql(`create index "model_scores_subject_model_role_scored_at_index" on "model_scores" ("subject", "model", "role", "scored_at");`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop index "model_scores_subject_model_role_scored_at_index";`);
  }

}
