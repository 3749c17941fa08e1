// Capital reservations. Reserving debits the pool atomically (the pool's CHECK keeps it from
// going negative), and every transition is keyed, so a retried or duplicated call changes
// nothing twice.
import type { EntityManager } from '@mikro-orm/postgresql';

export type ReservationStatus = 'held' | 'consumed' | 'released';

export class InsufficientCapitalError extends Error {}

export class FundingRepository {
  constructor(private readonly em: EntityManager) {}

  async reserve(key: string, loanId: string, currency: string, amount: number): Promise<ReservationStatus> {
    return this.em.transactional(async (em) => {
      const inserted = await em.execute<{ affectedRows: number }>(
        `insert into funding_reservations (reservation_key, loan_id, currency, amount, status, created_at, updated_at)
         values (?, ?, ?, ?, 'held', now(), now()) on conflict (reservation_key) do nothing`,
        [key, loanId, currency, amount],
        'run',
      );
      if (inserted.affectedRows === 0) return this.statusOf(em, key);
      const debited = await em.execute<{ affectedRows: number }>(
        `update capital_pools set available = available - ?, reserved = reserved + ?, updated_at = now() where currency = ? and available >= ?`,
        [amount, amount, currency, amount],
        'run',
      );
      if (debited.affectedRows === 0) throw new InsufficientCapitalError(`not enough ${currency} capital to fund ${amount}`);
      return 'held';
    });
  }

  /** Compensation: a held reservation goes back to the pool; anything else is left as it is. */
  async release(key: string): Promise<ReservationStatus | 'absent'> {
    return this.transition(key, 'released', (amount, currency) => [
      `update capital_pools set available = available + ?, reserved = reserved - ?, updated_at = now() where currency = ?`,
      [amount, amount, currency],
    ]);
  }

  /** The payout went out: the hold becomes lent money. */
  async consume(key: string): Promise<ReservationStatus | 'absent'> {
    return this.transition(key, 'consumed', (amount, currency) => [`update capital_pools set reserved = reserved - ?, updated_at = now() where currency = ?`, [amount, currency]]);
  }

  async seedPool(currency: string, available: number): Promise<void> {
    await this.em.execute(
      `insert into capital_pools (currency, available, reserved, updated_at) values (?, ?, 0, now()) on conflict (currency) do nothing`,
      [currency, available],
    );
  }

  async pool(currency: string): Promise<{ available: number; reserved: number } | undefined> {
    const [row] = await this.em.execute<{ available: string; reserved: string }[]>(`select available, reserved from capital_pools where currency = ?`, [currency]);
    return row ? { available: Number(row.available), reserved: Number(row.reserved) } : undefined;
  }

  private async transition(
    key: string,
    to: ReservationStatus,
    poolUpdate: (amount: number, currency: string) => [string, unknown[]],
  ): Promise<ReservationStatus | 'absent'> {
    return this.em.transactional(async (em) => {
      const [row] = await em.execute<{ status: ReservationStatus; currency: string; amount: string }[]>(
        `select status, currency, amount from funding_reservations where reservation_key = ? for update`,
        [key],
      );
      if (!row) return 'absent';
      if (row.status !== 'held') return row.status;
      await em.execute(`update funding_reservations set status = ?, updated_at = now() where reservation_key = ?`, [to, key]);
      const [sql, params] = poolUpdate(Number(row.amount), row.currency);
      await em.execute(sql, params);
      return to;
    });
  }

  private async statusOf(em: EntityManager, key: string): Promise<ReservationStatus> {
    const [row] = await em.execute<{ status: ReservationStatus }[]>(`select status from funding_reservations where reservation_key = ?`, [key]);
    if (!row) throw new Error(`reservation ${key} vanished`);
    return row.status;
  }
}
