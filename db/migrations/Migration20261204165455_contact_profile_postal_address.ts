import { Migration } from '@mikro-orm/migrations';

export class Migration20261204165455_contact_profile_postal_address extends Migration {

  override name = 'Migration20261204165455_contact_profile_postal_address';

  override up(): void | Promise<void> {
    this.addSql(`alter table "contact_profiles" add "postal_address_sealed" text null;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "contact_profiles" drop column "postal_address_sealed";`);
  }

}
