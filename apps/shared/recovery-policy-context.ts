// What validating an escalation policy needs from outside policies/ (which does no I/O): the
// bucket names the products define, the template catalogue's keys, and the default policy's text.
// Read here, at the edge, by the API and the seeder alike.
import { readFileSync } from 'node:fs';
import { getProduct, productCodes } from '../../policies/products.js';
import { DEFAULT_TEMPLATE_CATALOGUE, type TemplateCatalogue } from '../../policies/recovery/template-keys.js';
import type { PolicyContext } from '../../policies/recovery/validate-policy.js';

export const DEFAULT_POLICY_FILE = new URL('../../policies/recovery/default.policy.json', import.meta.url);

/** `catalogue`: the template catalogue's keys once it is stored; the default policy's keys until then. */
export function recoveryPolicyContext(catalogue: TemplateCatalogue = DEFAULT_TEMPLATE_CATALOGUE): PolicyContext {
  const bucketNames = new Set<string>();
  for (const code of productCodes()) for (const bucket of getProduct(code).buckets) bucketNames.add(bucket.name);
  return { bucketNames: [...bucketNames], catalogue };
}

export function defaultRecoveryPolicySource(): string {
  return readFileSync(DEFAULT_POLICY_FILE, 'utf8');
}
