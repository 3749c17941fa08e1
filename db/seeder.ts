// Reference data every environment needs, shared by `npm start`, the tests and docker-compose:
// lendable capital per currency, the recovery message templates, and the default escalation
// policy as version 1, active, so a fresh database recovers from the start. Idempotent: an
// existing pool is left as it is, an unchanged template too (a changed one becomes its next
// version), and the policy is seeded only into a database that has no policy version at all.
import type { MikroORM } from '@mikro-orm/postgresql';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { projectRoot } from '../apps/launcher/temporal-binary.js';
import { defaultRecoveryPolicySource, recoveryPolicyContext } from '../apps/shared/recovery-policy-context.js';
import { parsePolicySource } from '../policies/recovery/parse-policy.js';
import { expandCatalogue, type TemplateSource } from '../policies/recovery/template-catalogue.js';
import { validatePolicy } from '../policies/recovery/validate-policy.js';
import { FundingRepository } from './repositories/funding.repository.js';
import { RecoveryPolicyRepository } from './repositories/recovery-policy.repository.js';
import { RecoveryTemplateRepository } from './repositories/recovery-template.repository.js';

/** Ten million major units per currency, in minor units: ample for a sandbox, finite on purpose. */
export const DEFAULT_CAPITAL: Readonly<Record<string, number>> = {
  INR: 1_000_000_000_00,
  USD: 1_000_000_000,
  EUR: 1_000_000_000,
  GBP: 1_000_000_000,
};

/** The author the seeded policy is recorded under. */
export const SEED_AUTHOR = 'credence';

export async function seed(orm: MikroORM, capital: Readonly<Record<string, number>> = DEFAULT_CAPITAL): Promise<void> {
  const repo = new FundingRepository(orm.em.fork());
  for (const [currency, amount] of Object.entries(capital)) await repo.seedPool(currency, amount);
  await new RecoveryTemplateRepository(orm.em.fork()).seed(loadTemplateCatalogue());
  await seedDefaultPolicy(orm);
}

/** policies/recovery/templates/*.yaml, expanded and checked (an unknown placeholder throws). */
export function loadTemplateCatalogue(dir = join(projectRoot(), 'policies', 'recovery', 'templates')): TemplateSource[] {
  const files = readdirSync(dir).filter((f) => f.endsWith('.yaml')).sort();
  return expandCatalogue(files.map((name) => ({ name, document: parse(readFileSync(join(dir, name), 'utf8')) as unknown })));
}

async function seedDefaultPolicy(orm: MikroORM): Promise<void> {
  const source = defaultRecoveryPolicySource();
  const parsed = parsePolicySource(source);
  const result = parsed.ok ? validatePolicy(parsed.value, recoveryPolicyContext()) : undefined;
  // A default policy that does not validate is a bug in this repository: refuse to start on it.
  if (!result?.valid) throw new Error(`policies/recovery/default.policy.json is not a valid policy: ${JSON.stringify(parsed.ok ? result?.errors : parsed.problems)}`);
  const { document } = result;
  await new RecoveryPolicyRepository(orm.em.fork()).seedFirst({
    name: document.name,
    document: document as unknown as Record<string, unknown>,
    source,
    sourceFormat: 'json',
    author: SEED_AUTHOR,
  });
}
