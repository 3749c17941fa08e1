// Reference data every environment needs, shared by `npm start`, the tests and docker-compose:
// lendable capital per currency, and the recovery message templates. Idempotent: an existing pool
// is left as it is, an unchanged template too (a changed one becomes its next version).
import type { MikroORM } from '@mikro-orm/postgresql';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { projectRoot } from '../apps/launcher/temporal-binary.js';
import { expandCatalogue, type TemplateSource } from '../policies/recovery/template-catalogue.js';
import { FundingRepository } from './repositories/funding.repository.js';
import { RecoveryTemplateRepository } from './repositories/recovery-template.repository.js';

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
  await new RecoveryTemplateRepository(orm.em.fork()).seed(loadTemplateCatalogue());
}

/** policies/recovery/templates/*.yaml, expanded and checked (an unknown placeholder throws). */
export function loadTemplateCatalogue(dir = join(projectRoot(), 'policies', 'recovery', 'templates')): TemplateSource[] {
  const files = readdirSync(dir).filter((f) => f.endsWith('.yaml')).sort();
  return expandCatalogue(files.map((name) => ({ name, document: parse(readFileSync(join(dir, name), 'utf8')) as unknown })));
}
