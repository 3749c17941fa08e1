// Client Idempotency-Key records (Stripe's semantics): the first request under a key claims it
// for a resource; later requests read the claim back and compare request hashes.
import type { EntityManager } from '@mikro-orm/postgresql';

export interface IdempotencyClaim {
  requestHash: string;
  resourceId: string;
  /** true when this call stored the key; false when an earlier request had */
  created: boolean;
}

export class IdempotencyKeyRepository {
  constructor(private readonly em: EntityManager) {}

  /**
   * Stores (scope, key) -> resourceId unless the key is already taken, and answers with the
   * record as stored. Two concurrent first requests both read the one winner's row.
   */
  async claim(scope: string, key: string, requestHash: string, resourceId: string): Promise<IdempotencyClaim> {
    const inserted = await this.em.execute<{ affectedRows: number }>(
      `insert into idempotency_keys (scope, key, request_hash, resource_id, created_at) values (?, ?, ?, ?, now()) on conflict (scope, key) do nothing`,
      [scope, key, requestHash, resourceId],
      'run',
    );
    const [row] = await this.em.execute<{ request_hash: string; resource_id: string }[]>(
      `select request_hash, resource_id from idempotency_keys where scope = ? and key = ?`,
      [scope, key],
    );
    if (!row) throw new Error(`idempotency key ${scope}/${key} vanished after it was claimed`);
    return { requestHash: row.request_hash, resourceId: row.resource_id, created: inserted.affectedRows > 0 };
  }

  async count(scope: string, key: string): Promise<number> {
    const [row] = await this.em.execute<{ n: string }[]>(`select count(*) as n from idempotency_keys where scope = ? and key = ?`, [scope, key]);
    return Number(row?.n ?? 0);
  }
}
