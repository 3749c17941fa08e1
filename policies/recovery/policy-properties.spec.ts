// Properties of validation over documents built from the schema's shapes: a document validation
// accepts gives every account a path, and what validation says about rules matching (catch-all,
// shadowed) is what selectPath actually does.
import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { CHANNELS } from '../compliance/rules.js';
import { RECOVERY_SEGMENTS } from '../recovery-segments.js';
import { PROPENSITY_BAND_NAMES, RECOVERY_EVENTS, type AccountFacts, type PolicyRule, type PolicyStep, type Range, type RecoveryPolicyDocument, type RuleConditions } from './policy-document.js';
import { matches, selectPath } from './select-path.js';
import { DEFAULT_SCRIPT_KEYS, DEFAULT_TEMPLATE_CATALOGUE, DEFAULT_TEMPLATE_KEYS } from './template-keys.js';
import { covers, validatePolicy } from './validate-policy.js';

const BUCKETS = ['current', '1-15', '16-30', '31-60', '61-90', '90+'];
const context = { bucketNames: BUCKETS, catalogue: DEFAULT_TEMPLATE_CATALOGUE };

const subset = <T>(values: readonly T[]) => fc.subarray([...values], { minLength: 1 });
const range = (max: number): fc.Arbitrary<Range> =>
  fc.oneof(
    fc.record({ min: fc.integer({ min: 0, max }) }),
    fc.record({ max: fc.integer({ min: 0, max }) }),
    fc.record({ min: fc.integer({ min: 0, max }), max: fc.integer({ min: 0, max }) }),
  );

const conditions: fc.Arbitrary<RuleConditions> = fc.record(
  {
    events: subset(RECOVERY_EVENTS),
    buckets: subset(BUCKETS),
    dpd: range(120),
    segments: subset(RECOVERY_SEGMENTS),
    propensityBands: subset(PROPENSITY_BAND_NAMES),
    balance: fc.record({ currency: fc.constantFrom('INR', 'USD') }).chain((b) => range(10_000_000).map((r) => ({ ...b, ...r }))),
    products: subset(['personal', 'bnpl']),
    regions: subset(['IN', 'US', 'GB']),
    contactHistory: fc.record(
      { contacts: range(10), replies: range(5), promisesBroken: range(3), promisesKept: range(3), daysSinceLastContact: range(30) },
      { requiredKeys: [] },
    ).filter((h) => Object.keys(h).length > 0),
  },
  { requiredKeys: [] },
);

/** Mostly few conditions, so that rules overlap and shadow each other as real ones do. */
const sparseConditions = fc.oneof({ weight: 1, arbitrary: fc.constant({}) }, { weight: 4, arbitrary: conditions.map((c) => pickFew(c)) });

function pickFew(c: RuleConditions): RuleConditions {
  const keys = Object.keys(c) as (keyof RuleConditions)[];
  return Object.fromEntries(keys.slice(0, 2).map((k) => [k, c[k]]));
}

const step: fc.Arbitrary<PolicyStep> = fc.oneof(
  fc.record({ send: fc.record({ channel: fc.constantFrom(...CHANNELS), template: fc.constantFrom(...DEFAULT_TEMPLATE_KEYS) }) }),
  fc.record({ call: fc.record({ script: fc.constantFrom(...DEFAULT_SCRIPT_KEYS) }) }),
  fc.record({ wait: fc.record({ days: fc.integer({ min: 1, max: 60 }) }) }),
  fc.record({ offer: fc.record({ kind: fc.constantFrom('promise' as const, 'plan' as const), channel: fc.constantFrom(...CHANNELS), template: fc.constantFrom(...DEFAULT_TEMPLATE_KEYS) }) }),
);
const path = fc.tuple(fc.array(step, { minLength: 0, maxLength: 4 }), fc.constantFrom<PolicyStep[]>([], [{ stop: { reason: 'done' } }], [{ handoff: { queue: 'collections' } }])).map(([steps, end]) => {
  const all = [...steps, ...end];
  return all.length > 0 ? all : [{ stop: { reason: 'nothing to do' } }];
});

const document: fc.Arbitrary<RecoveryPolicyDocument> = fc.array(fc.tuple(sparseConditions, path), { minLength: 1, maxLength: 8 }).map((rules) => ({
  name: 'generated',
  settings: { weeklyCaps: { sms: 3 }, fallback: { sms: ['email'] }, promiseToleranceBps: 100, promiseMaxDays: 30 },
  rules: rules.map(([when, steps], i): PolicyRule => ({ id: `r${i}`, when, path: steps })),
}));

const facts: fc.Arbitrary<AccountFacts> = fc.record({
  event: fc.constantFrom(...RECOVERY_EVENTS),
  bucket: fc.constantFrom(...BUCKETS),
  dpd: fc.integer({ min: 0, max: 200 }),
  segment: fc.option(fc.constantFrom(...RECOVERY_SEGMENTS), { nil: null }),
  propensityBand: fc.option(fc.constantFrom(...PROPENSITY_BAND_NAMES), { nil: null }),
  balanceMinor: fc.integer({ min: 0, max: 20_000_000 }),
  currency: fc.constantFrom('INR', 'USD', 'EUR'),
  product: fc.constantFrom('personal', 'bnpl', 'auto'),
  region: fc.constantFrom('IN', 'US', 'GB', 'DE'),
  contactHistory: fc.record({
    contacts: fc.integer({ min: 0, max: 12 }),
    replies: fc.integer({ min: 0, max: 6 }),
    promisesBroken: fc.integer({ min: 0, max: 4 }),
    promisesKept: fc.integer({ min: 0, max: 4 }),
    daysSinceLastContact: fc.option(fc.integer({ min: 0, max: 40 }), { nil: null }),
  }),
});

describe('policy validation, by property', () => {
  it('a document validation accepts gives every account a path', () => {
    let accepted = 0;
    fc.assert(
      fc.property(document, fc.array(facts, { minLength: 20, maxLength: 20 }), (doc, accounts) => {
        const result = validatePolicy(doc, context);
        if (!result.valid) return;
        accepted += 1;
        for (const account of accounts) expect(selectPath(result.document, account)).not.toBeNull();
      }),
      { numRuns: 400 },
    );
    // the property is not vacuous: a fair share of generated documents pass
    expect(accepted).toBeGreaterThan(40);
  });

  it('a rule reported shadowed is never the one selectPath chooses, and the rule that shadows it matches whatever it matches', () => {
    fc.assert(
      fc.property(document, fc.array(facts, { minLength: 20, maxLength: 20 }), (doc, accounts) => {
        const { warnings } = validatePolicy(doc, context);
        const shadowed = new Set(warnings.map((w) => Number(/^\/rules\/(\d+)$/.exec(w.path)?.[1])));
        for (const account of accounts) {
          const chosen = selectPath(doc, account);
          if (chosen) expect(shadowed.has(doc.rules.indexOf(chosen.rule))).toBe(false);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('covers(a, b) only when every account b matches, a matches', () => {
    fc.assert(
      fc.property(conditions.map(pickFew), conditions.map(pickFew), fc.array(facts, { minLength: 30, maxLength: 30 }), (a, b, accounts) => {
        if (!covers(a, b, BUCKETS)) return;
        for (const account of accounts) if (matches(b, account)) expect(matches(a, account)).toBe(true);
      }),
      { numRuns: 1000 },
    );
  });
});
