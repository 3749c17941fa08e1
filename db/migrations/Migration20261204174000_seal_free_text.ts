import { Migration } from '@mikro-orm/migrations';
import { FieldCipher } from '../../apps/shared/crypto/field-cipher.js';
import { NOTE_CONTEXT } from '../../apps/shared/crypto/sealed-note.js';
import { loadConfig } from '../../apps/shared/config.js';
import { loadKeyring } from '../../apps/shared/temporal/keyring.js';

/**
 * A data migration: free text staff wrote about borrowers before it was sealed where it is taken in
 * (sealed-note.ts, contact-profile.repository.ts) is sealed now, with the keys the API and worker
 * use (CREDENCE_ENCRYPTION_KEYS, else the data folder's dev key; loaded only when there is something
 * to seal, so a new database needs none). Standing changes' reasons; collectors' notes and decline
 * reasons on cases, in the signal outbox and in the episodes' timelines. Values already sealed are
 * left alone, so it can run over a database the new code has written to. Not undone by `down`: the
 * plain text is gone.
 */
export class Migration20261204174000_seal_free_text extends Migration {

  override name = 'Migration20261204174000_seal_free_text';

  override async up(): Promise<void> {
    const plain = `!~ '^f1:[^:]+:'`;
    const targets: { select: string; update: string; context: string }[] = [
      {
        select: `select id, reason as value from contact_standing_changes where reason is not null and reason ${plain}`,
        update: `update contact_standing_changes set reason = ? where id = ?`,
        context: 'contact_standing_changes.reason',
      },
      {
        select: `select id, data->>'note' as value from recovery_case_events where kind = 'outcome' and data->>'note' is not null and data->>'note' ${plain}`,
        update: `update recovery_case_events set data = jsonb_set(data, '{note}', to_jsonb(?::text)) where id = ?`,
        context: NOTE_CONTEXT,
      },
      {
        select: `select id, data->>'reason' as value from recovery_case_events where kind = 'declined' and data->>'reason' is not null and data->>'reason' ${plain}`,
        update: `update recovery_case_events set data = jsonb_set(data, '{reason}', to_jsonb(?::text)) where id = ?`,
        context: NOTE_CONTEXT,
      },
      {
        select: `select id, payload->>'note' as value from episode_signal_outbox where payload->>'note' is not null and payload->>'note' ${plain}`,
        update: `update episode_signal_outbox set payload = jsonb_set(payload, '{note}', to_jsonb(?::text)) where id = ?`,
        context: NOTE_CONTEXT,
      },
      {
        select: `select id, data->>'note' as value from recovery_actions where kind in ('case_outcome', 'dispute_verified') and data->>'note' is not null and data->>'note' ${plain}`,
        update: `update recovery_actions set data = jsonb_set(data, '{note}', to_jsonb(?::text)) where id = ?`,
        context: NOTE_CONTEXT,
      },
    ];
    let cipher: FieldCipher | undefined;
    for (const { select, update, context } of targets) {
      const rows = (await this.execute(select)) as { id: unknown; value: string }[];
      if (rows.length === 0) continue;
      cipher ??= new FieldCipher(loadKeyring(process.env, loadConfig(process.env).dataDir));
      for (const row of rows) await this.execute(update, [cipher.encrypt(row.value, context), row.id]);
    }
  }

  override down(): void {
    // Sealed stays sealed: opening it needs the keys, and the plain text is not to come back.
  }

}
