import { Migration } from '@mikro-orm/migrations';

export class Migration20261122020941_credit_limit extends Migration {

  override name = 'Migration20261122020941_credit_limit';

  override up(): void | Promise<void> {
    this.addSql(`alter table "loans" add "credit_limit" bigint null;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "loans" drop column "credit_limit";`);
  }

}
