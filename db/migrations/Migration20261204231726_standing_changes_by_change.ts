import { Migration } from '@mikro-orm/migrations';

export class Migration20261204231726_standing_changes_by_change extends Migration {

  override name = 'Migration20261204231726_standing_changes_by_change';

  override up(): void | Promise<void> {
    this.addSql(`create index "contact_standing_changes_change_at_id_index" on "contact_standing_changes" ("change", "at", "id");`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop index "contact_standing_changes_change_at_id_index";`);
  }

}
