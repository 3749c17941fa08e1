import { Migration } from '@mikro-orm/migrations';

export class Migration20261203164010_round_robin_turns_and_claims extends Migration {

  override name = 'Migration20261203164010_round_robin_turns_and_claims';

  override up(): void | Promise<void> {
    this.addSql(`alter table "contact_deliveries" add "claimed_at" timestamptz null;`);
    // A delivery claimed before this column existed may have left at any time since it was created.
    this.addSql(`update "contact_deliveries" set "claimed_at" = "created_at" where "attempts" > 0;`);

    this.addSql(`alter table "recovery_assignees" add "last_assigned_turn" bigint null;`);
    // The turns so far, in the order the old clock put them.
    this.addSql(`update "recovery_assignees" a set "last_assigned_turn" = t.turn from (select "id", row_number() over (order by "last_assigned_at", "id") as turn from "recovery_assignees" where "last_assigned_at" is not null) t where a."id" = t."id";`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "contact_deliveries" drop column "claimed_at";`);

    this.addSql(`alter table "recovery_assignees" drop column "last_assigned_turn";`);
  }

}
