// Reference data every environment needs, shared by `npm start`, the tests and docker-compose:
// lendable capital per currency. Idempotent: an existing pool is left as it is.
import type { MikroORM } from '@mikro-orm/postgresql';
import { FundingRepository } from './repositories/funding.repository.js';

/** Ten million major units per currency, in minor units: ample for a sandbox, finite on purpose. */
export const DEFAULT_CAPITAL: Readonly<Record<string, number>> = {
  INR: 1_000_000_000_00,
  USD: 1_000_000_000,
  EUR: 1_000_000_000,
  GBP: 1_000_000_000,
};

export async function seed(orm: MikroORM, capital: Readonly<Record<string, number>> = DEFAULT_CAPITAL): Promise<void> {
  const repo = new FundingRepository(orm.em.fork());
  for (const [currency, amount] of Object.entries(capital)) await repo.seedPool(currency, amount);
}
