import { afterAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_BUCKETS } from '../domain/delinquency.js';
import { getProduct, loadProducts, PRODUCTS_DIR, ProductValidationError, validateProduct } from './products.js';

const shipped = JSON.parse(readFileSync(join(PRODUCTS_DIR, 'personal-loan.json'), 'utf8')) as Record<string, unknown>;
const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

function dirWith(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'products-'));
  dirs.push(dir);
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

describe('products', () => {
  it('ships a valid default personal loan', () => {
    expect(validateProduct(shipped)).toEqual([]);
    const product = getProduct();
    expect(product).toMatchObject({ code: 'personal', currencies: ['INR', 'USD', 'EUR', 'GBP'], minTermMonths: 3, maxTermMonths: 60, lateFeeAfterDays: 5, dpdToleranceMinor: 100, chargeOffDpd: 180, offerExpiry: '7d', reviewTimeout: '48h', autopayRetryDays: [3, 7] });
    expect(product.buckets).toEqual(DEFAULT_BUCKETS);
    expect(getProduct('personal')).toBe(product);
  });

  it('lists every problem with a broken product in plain words', () => {
    const broken = {
      ...shipped,
      code: 'Personal Loan',
      currencies: ['INR', 'XXX'],
      minPrincipal: { INR: 5_000_000 },
      maxPrincipal: { INR: 1_000_000, XXX: 1 },
      minTermMonths: 12,
      maxTermMonths: 6,
      pricing: [{ minScore: 600, aprBps: 1500.5 }],
      buckets: [{ name: 'current', minDpd: 0 }, { name: '1-30', minDpd: 31 }, { name: '31+', minDpd: 31 }],
      offerExpiry: 'a week',
      autopayRetryDays: [7, 3],
      graceDays: 3,
    };
    expect(validateProduct(broken)).toEqual([
      'unknown field "graceDays" (a typo?)',
      'code: lower-case letters, digits, - or _, 2-40 characters',
      'currencies: "XXX" is not a supported ISO 4217 code',
      'minPrincipal.XXX: a whole number of minor units above zero',
      'lateFee.XXX: a whole number of minor units',
      'lateFee.USD: not one of the product\'s currencies',
      'lateFee.EUR: not one of the product\'s currencies',
      'lateFee.GBP: not one of the product\'s currencies',
      'minPrincipal.INR (5000000) is above maxPrincipal.INR (1000000)',
      'minTermMonths is above maxTermMonths',
      'pricing[0].aprBps: basis points from 0 to 10000',
      'pricing: needs a tier with minScore 0, so every score has a price',
      'buckets: Bucket 3 ("31+"): minDpd 31 must be greater than the previous bucket\'s 31',
      "offerExpiry: a duration such as '7d' or '48h'",
      'autopayRetryDays[1] must come after autopayRetryDays[0]',
    ]);
    expect(validateProduct('personal')).toEqual(['a product must be a JSON object']);
  });

  it('refuses to load a directory with a bad file, naming the file and its problems', () => {
    const dir = dirWith({ 'a.json': JSON.stringify(shipped), 'b.json': JSON.stringify({ ...shipped, code: 'other', chargeOffDpd: 60 }) });
    let error: unknown;
    try {
      loadProducts(dir);
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ProductValidationError);
    expect((error as ProductValidationError).file).toBe(join(dir, 'b.json'));
    expect((error as ProductValidationError).message).toContain('chargeOffDpd must be above the last bucket minDpd');
    expect(() => loadProducts(dirWith({ 'c.json': '{ "code": ' }))).toThrow(/not valid JSON/);
    expect(() => loadProducts(dirWith({ 'a.json': JSON.stringify(shipped), 'b.json': JSON.stringify(shipped) }))).toThrow(/code personal is already used/);
  });

  it('loads a good directory and refuses an unknown code', () => {
    expect([...loadProducts(dirWith({ 'p.json': JSON.stringify(shipped) })).keys()]).toEqual(['personal']);
    expect(() => getProduct('mortgage')).toThrow(/unknown product "mortgage"/);
  });
});
