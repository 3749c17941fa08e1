// Loan products as data: one JSON file per product in policies/products/, checked field by
// field when loaded, so a bad edit stops the worker with a list of what is wrong instead of
// lending on it. Workflows get a snapshot of the product; nothing here runs inside one.
import { isDuration } from '../domain/duration.js';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isSupportedCurrency } from '../domain/currency.js';
import { validateBuckets, type BucketDefinition } from '../domain/delinquency.js';
import type { Product } from '../domain/product.js';

export const DEFAULT_PRODUCT_CODE = 'personal';
export const PRODUCTS_DIR = fileURLToPath(new URL('./products/', import.meta.url));

export class ProductValidationError extends Error {
  override readonly name = 'ProductValidationError';
  constructor(
    readonly file: string,
    readonly problems: string[],
  ) {
    super(`${file} is not a valid product:\n  - ${problems.join('\n  - ')}`);
  }
}

/** Every product in `dir`, keyed by code; throws ProductValidationError on the first invalid file. */
export function loadProducts(dir: string = PRODUCTS_DIR): Map<string, Product> {
  const products = new Map<string, Product>();
  for (const name of readdirSync(dir).filter((f) => f.endsWith('.json')).sort()) {
    const file = join(dir, name);
    let raw: unknown;
    try {
      raw = JSON.parse(readFileSync(file, 'utf8'));
    } catch (err) {
      throw new ProductValidationError(file, [`not valid JSON: ${(err as Error).message}`]);
    }
    const problems = validateProduct(raw);
    if (problems.length > 0) throw new ProductValidationError(file, problems);
    const product = raw as Product;
    if (products.has(product.code)) throw new ProductValidationError(file, [`code ${product.code} is already used by another file`]);
    products.set(product.code, product);
  }
  return products;
}

let cached: Map<string, Product> | undefined;

/** The codes of the products in the default directory, sorted. */
export function productCodes(): string[] {
  cached ??= loadProducts();
  return [...cached.keys()].sort();
}

/** A product from the default directory (loaded once); the default product when no code is given. */
export function getProduct(code: string = DEFAULT_PRODUCT_CODE): Product {
  cached ??= loadProducts();
  const product = cached.get(code);
  if (!product) throw new RangeError(`unknown product ${JSON.stringify(code)}; known: ${[...cached.keys()].join(', ')}`);
  return product;
}

const KNOWN_FIELDS = new Set(['code', 'name', 'currencies', 'minPrincipal', 'maxPrincipal', 'minTermMonths', 'maxTermMonths', 'pricing', 'originationFeeBps', 'lateFee', 'lateFeeAfterDays', 'dpdToleranceMinor', 'buckets', 'chargeOffDpd', 'offerExpiry', 'reviewTimeout', 'autopayRetryDays']);

/** Every problem with a product definition, in plain words; empty when it is valid. */
export function validateProduct(input: unknown): string[] {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) return ['a product must be a JSON object'];
  const p = input as Record<string, unknown>;
  const problems: string[] = [];
  const need = (ok: boolean, problem: string) => {
    if (!ok) problems.push(problem);
  };
  const int = (v: unknown, min: number, max = Number.MAX_SAFE_INTEGER) => typeof v === 'number' && Number.isSafeInteger(v) && v >= min && v <= max;

  for (const key of Object.keys(p)) need(KNOWN_FIELDS.has(key), `unknown field "${key}" (a typo?)`);
  need(typeof p.code === 'string' && /^[a-z][a-z0-9_-]{1,39}$/.test(p.code), 'code: lower-case letters, digits, - or _, 2-40 characters');
  need(typeof p.name === 'string' && p.name.trim().length > 0, 'name: required');

  const currencies = Array.isArray(p.currencies) ? (p.currencies as unknown[]) : [];
  need(currencies.length > 0, 'currencies: at least one ISO 4217 code');
  for (const c of currencies) need(isSupportedCurrency(c), `currencies: ${JSON.stringify(c)} is not a supported ISO 4217 code`);
  need(new Set(currencies).size === currencies.length, 'currencies: listed more than once');
  const codes = currencies.filter((c): c is string => typeof c === 'string');

  for (const field of ['minPrincipal', 'maxPrincipal', 'lateFee'] as const) {
    const table = p[field];
    if (typeof table !== 'object' || table === null) {
      problems.push(`${field}: an object of amounts per currency (minor units)`);
      continue;
    }
    const amounts = table as Record<string, unknown>;
    for (const c of codes) need(int(amounts[c], field === 'lateFee' ? 0 : 1), `${field}.${c}: a whole number of minor units${field === 'lateFee' ? '' : ' above zero'}`);
    for (const c of Object.keys(amounts)) need(codes.includes(c), `${field}.${c}: not one of the product's currencies`);
  }
  const min = (p.minPrincipal ?? {}) as Record<string, unknown>;
  const max = (p.maxPrincipal ?? {}) as Record<string, unknown>;
  for (const c of codes) {
    const lo = min[c];
    const hi = max[c];
    if (typeof lo === 'number' && typeof hi === 'number') need(lo <= hi, `minPrincipal.${c} (${lo}) is above maxPrincipal.${c} (${hi})`);
  }

  need(int(p.minTermMonths, 1, 600), 'minTermMonths: a whole number of months, at least 1');
  need(int(p.maxTermMonths, 1, 600), 'maxTermMonths: a whole number of months, at least 1');
  if (typeof p.minTermMonths === 'number' && typeof p.maxTermMonths === 'number') need(p.minTermMonths <= p.maxTermMonths, 'minTermMonths is above maxTermMonths');

  const pricing = Array.isArray(p.pricing) ? (p.pricing as unknown[]) : [];
  need(pricing.length > 0, 'pricing: at least one tier { minScore, aprBps }');
  const scores: number[] = [];
  pricing.forEach((tier, i) => {
    const t = (tier ?? {}) as Record<string, unknown>;
    need(int(t.minScore, 0), `pricing[${i}].minScore: a whole number, 0 or more`);
    need(int(t.aprBps, 0, 10_000), `pricing[${i}].aprBps: basis points from 0 to 10000`);
    if (typeof t.minScore === 'number') scores.push(t.minScore);
  });
  need(new Set(scores).size === scores.length, 'pricing: two tiers share a minScore');
  need(pricing.length === 0 || scores.includes(0), 'pricing: needs a tier with minScore 0, so every score has a price');

  need(int(p.originationFeeBps, 0, 1000), 'originationFeeBps: basis points from 0 to 1000 (10%)');
  need(int(p.lateFeeAfterDays, 0, 365), 'lateFeeAfterDays: whole days, 0 to 365');
  need(int(p.dpdToleranceMinor, 0), 'dpdToleranceMinor: a whole number of minor units, 0 or more');

  const buckets = Array.isArray(p.buckets) ? (p.buckets as unknown[]) : undefined;
  if (buckets?.every((b) => typeof b === 'object' && b !== null)) problems.push(...validateBuckets(buckets as BucketDefinition[]).map((problem) => `buckets: ${problem}`));
  else problems.push('buckets: a list of { name, minDpd }');
  const previous = Math.max(-1, ...(buckets ?? []).map((b) => (b as Partial<BucketDefinition>).minDpd).filter((d): d is number => typeof d === 'number'));
  need(int(p.chargeOffDpd, 1), 'chargeOffDpd: whole days above zero');
  if (typeof p.chargeOffDpd === 'number') need(p.chargeOffDpd > previous, 'chargeOffDpd must be above the last bucket minDpd');

  need(isDuration(p.offerExpiry), "offerExpiry: a duration such as '7d' or '48h'");
  need(isDuration(p.reviewTimeout), "reviewTimeout: a duration such as '48h'");
  const retries = Array.isArray(p.autopayRetryDays) ? (p.autopayRetryDays as unknown[]) : undefined;
  need(retries !== undefined, 'autopayRetryDays: a list of days after the due date (may be empty)');
  retries?.forEach((d, i) => {
    need(int(d, 1, 60), `autopayRetryDays[${i}]: whole days from 1 to 60`);
    const prior = retries[i - 1];
    if (i > 0 && typeof d === 'number' && typeof prior === 'number') need(d > prior, `autopayRetryDays[${i}] must come after autopayRetryDays[${i - 1}]`);
  });
  return problems;
}
