import { Migration } from '@mikro-orm/migrations';

export class Migration20261204192339_loan_arrangement extends Migration {

  override name = 'Migration20261204192339_loan_arrangement';

  override up(): void | Promise<void> {
    this.addSql(`alter table "loans" add "arrangement" jsonb null;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "loans" drop column "arrangement";`);
  }

}
