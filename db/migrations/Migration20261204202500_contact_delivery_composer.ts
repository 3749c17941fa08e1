import { Migration } from '@mikro-orm/migrations';

export class Migration20261204202500_contact_delivery_composer extends Migration {

  override name = 'Migration20261204202500_contact_delivery_composer';

  override up(): void | Promise<void> {
    this.addSql(`alter table "contact_deliveries" add column "composer" varchar(16) null;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "contact_deliveries" drop column "composer";`);
  }

}
