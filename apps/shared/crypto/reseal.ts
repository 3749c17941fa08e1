// After a key rotation, seals again with the active key every value still sealed with another one
// (sealed-fields.ts lists where they are), so a retired key can be dropped from the keyring. Each
// value is opened with the key it names and sealed anew under the same context; a row is updated
// only if its value is still the one read, so writes racing it are never overwritten. In batches,
// each its own transaction, until none is left; safe to run again, and while the platform runs.
import type { Orm } from '../../../db/orm.js';
import type { FieldCipher } from './field-cipher.js';
import { SEALED_FIELDS, type SealedField } from './sealed-fields.js';

const BATCH = 500;

export interface ResealCount {
  field: string;
  resealed: number;
}

/** Values sealed with a key other than `activeKeyId`, per field; resealed unless `dryRun`. */
export async function resealPersonalData(orm: Orm, cipher: FieldCipher, activeKeyId: string, { dryRun = false } = {}): Promise<ResealCount[]> {
  const counts: ResealCount[] = [];
  for (const field of SEALED_FIELDS) {
    const value = field.jsonKey ? `${field.column}->>'${field.jsonKey}'` : field.column;
    const stale = `${value} like 'f1:%' and split_part(${value}, ':', 2) <> ?`;
    const name = `${field.table}.${field.column}${field.jsonKey ? `.${field.jsonKey}` : ''}`;
    if (dryRun) {
      const [row] = await orm.em.fork().execute<{ n: string }[]>(`select count(*) as n from ${field.table} where ${stale}`, [activeKeyId]);
      counts.push({ field: name, resealed: Number(row?.n ?? 0) });
      continue;
    }
    let resealed = 0;
    for (;;) {
      const done = await orm.em.fork().transactional(async (em) => {
        const rows = await em.execute<{ key: unknown; value: string }[]>(`select ${field.key} as key, ${value} as value from ${field.table} where ${stale} limit ${BATCH}`, [activeKeyId]);
        for (const row of rows) await em.execute(update(field), [cipher.encrypt(cipher.decrypt(row.value, field.context), field.context), row.key, row.value]);
        return rows.length;
      });
      resealed += done;
      if (done < BATCH) break;
    }
    counts.push({ field: name, resealed });
  }
  return counts;
}

function update(field: SealedField): string {
  if (!field.jsonKey) return `update ${field.table} set ${field.column} = ? where ${field.key} = ? and ${field.column} = ?`;
  return `update ${field.table} set ${field.column} = jsonb_set(${field.column}, '{${field.jsonKey}}', to_jsonb(?::text)) where ${field.key} = ? and ${field.column}->>'${field.jsonKey}' = ?`;
}
