import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { policySchemaText } from '../../apps/tools/export-policy-schema.js';
import { CHANNELS } from '../compliance/rules.js';
import { RECOVERY_SEGMENTS } from '../recovery-segments.js';
import { RECOVERY_EVENTS, type RecoveryPolicyDocument } from './policy-document.js';
import { RECOVERY_POLICY_SCHEMA } from './recovery-policy.schema.js';
import { DEFAULT_TEMPLATE_CATALOGUE } from './template-keys.js';
import { validatePolicy } from './validate-policy.js';

const BUCKETS = ['current', '1-15', '16-30', '31-60', '61-90', '90+'];
const context = { bucketNames: BUCKETS, catalogue: DEFAULT_TEMPLATE_CATALOGUE };
const defaultPolicy = JSON.parse(readFileSync(join(import.meta.dirname, 'default.policy.json'), 'utf8')) as RecoveryPolicyDocument;

type Json = Record<string, unknown>;

describe('the published schema', () => {
  it('is committed as recovery-policy.schema.json, exactly as the validator compiles it (npm run -s policy:schema)', () => {
    expect(readFileSync(join(import.meta.dirname, 'recovery-policy.schema.json'), 'utf8')).toBe(policySchemaText());
  });

  it('is draft 2020-12 with an $id, closes every object and describes every property', () => {
    expect(RECOVERY_POLICY_SCHEMA.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(RECOVERY_POLICY_SCHEMA.$id).toMatch(/^https:\/\//);
    const undescribed: string[] = [];
    const open: string[] = [];
    const walk = (schema: unknown, at: string) => {
      if (typeof schema !== 'object' || schema === null) return;
      const s = schema as Json;
      if (s.properties) {
        if (s.additionalProperties !== false) open.push(at);
        for (const [name, property] of Object.entries(s.properties as Json)) {
          if (typeof (property as Json).description !== 'string') undescribed.push(`${at}/properties/${name}`);
          walk(property, `${at}/properties/${name}`);
        }
      }
      for (const key of ['items', '$defs'] as const) {
        if (key === '$defs') for (const [name, def] of Object.entries((s.$defs as Json | undefined) ?? {})) walk(def, `#/$defs/${name}`);
        else walk(s[key], `${at}/items`);
      }
    };
    walk(RECOVERY_POLICY_SCHEMA, '#');
    expect(undescribed).toEqual([]);
    expect(open).toEqual([]);
  });

  it('names the same channels, events and segments the types do', () => {
    const defs = RECOVERY_POLICY_SCHEMA.$defs;
    expect(defs.channel.enum).toEqual([...CHANNELS]);
    expect(defs.event.enum).toEqual([...RECOVERY_EVENTS]);
    expect(defs.segment.enum).toEqual([...RECOVERY_SEGMENTS]);
  });

  it('accepts the default policy', () => {
    const result = validatePolicy(defaultPolicy, context);
    expect(result.errors).toEqual([]);
    expect(result.warnings).toEqual([]);
    expect(result.valid).toBe(true);
  });
});

/** The default policy with one edit. */
function edited(edit: (doc: Json & { rules: Json[]; settings: Json }) => void): unknown {
  const doc = structuredClone(defaultPolicy) as unknown as Json & { rules: Json[]; settings: Json };
  edit(doc);
  return doc;
}

const step = (doc: { rules: Json[] }, rule: number, index: number) => (doc.rules[rule]!.path as Json[])[index]!;

describe('bad documents fail at the path of the fault', () => {
  const cases: [string, unknown, { path: string; message: RegExp }][] = [
    ['not an object', ['rules'], { path: '', message: /must be object/ }],
    ['no rules', edited((d) => delete (d as Json).rules), { path: '/rules', message: /is required/ }],
    ['empty rules', edited((d) => (d.rules = [])), { path: '/rules', message: /fewer than 1/ }],
    ['an unknown top-level field', edited((d) => (d.version = 3)), { path: '/version', message: /is not a field here/ }],
    ['a rule without an id', edited((d) => delete d.rules[1]!.id), { path: '/rules/1/id', message: /is required/ }],
    ['a rule id with spaces', edited((d) => (d.rules[1]!.id = 'late arrears')), { path: '/rules/1/id', message: /must match pattern/ }],
    ['a step of an unknown kind', edited((d) => ((d.rules[2]!.path as Json[])[1] = { pause: { days: 2 } })), { path: '/rules/2/path/1/pause', message: /is not a kind of step/ }],
    ['a step with two keys', edited((d) => ((d.rules[2]!.path as Json[])[0] = { send: { channel: 'sms', template: 'reminder' }, stop: { reason: 'x' } })), { path: '/rules/2/path/0', message: /exactly one key/ }],
    ['a step with no key', edited((d) => ((d.rules[2]!.path as Json[])[0] = {})), { path: '/rules/2/path/0', message: /exactly one key/ }],
    ['a send without its template', edited((d) => delete (step(d, 2, 0).send as Json).template), { path: '/rules/2/path/0/send/template', message: /is required/ }],
    ['a channel that does not exist', edited((d) => ((step(d, 2, 0).send as Json).channel = 'fax')), { path: '/rules/2/path/0/send/channel', message: /must be one of "sms"/ }],
    ['a wait of 0 days', edited((d) => ((step(d, 2, 1).wait as Json).days = 0)), { path: '/rules/2/path/1/wait/days', message: />= 1/ }],
    ['a wait of 61 days', edited((d) => ((step(d, 2, 1).wait as Json).days = 61)), { path: '/rules/2/path/1/wait/days', message: /<= 60/ }],
    ['a wait until something unknown', edited((d) => ((step(d, 2, 1).wait as Json).until = ['called'])), { path: '/rules/2/path/1/wait/until/0', message: /must be one of/ }],
    ['an empty path', edited((d) => (d.rules[2]!.path = [])), { path: '/rules/2/path', message: /fewer than 1/ }],
    ['a fractional dpd', edited((d) => (d.rules[2]!.when = { dpd: { max: 30.5 } })), { path: '/rules/2/when/dpd/max', message: /must be integer/ }],
    ['an unknown condition', edited((d) => (d.rules[2]!.when = { country: ['IN'] })), { path: '/rules/2/when/country', message: /is not a field here/ }],
    ['a segment that does not exist', edited((d) => (d.rules[2]!.when = { segments: ['vip'] })), { path: '/rules/2/when/segments/0', message: /must be one of/ }],
    ['a balance without a currency', edited((d) => (d.rules[2]!.when = { balance: { min: 100 } })), { path: '/rules/2/when/balance/currency', message: /is required/ }],
    ['a lower-case region', edited((d) => (d.rules[2]!.when = { regions: ['in'] })), { path: '/rules/2/when/regions/0', message: /must match pattern/ }],
    ['a handoff priority word', edited((d) => ((step(d, 0, 4).handoff as Json).priority = 'high')), { path: '/rules/0/path/4/handoff/priority', message: /risk_x_balance/ }],
    ['an offer of a discount', edited((d) => ((step(d, 3, 0).offer as Json).kind = 'discount')), { path: '/rules/3/path/0/offer/kind', message: /must be one of "promise", "plan"/ }],
    ['a weekly cap of 22', edited((d) => ((d.settings.weeklyCaps as Json).sms = 22)), { path: '/settings/weeklyCaps/sms', message: /<= 21/ }],
    ['a weekly cap for fax', edited((d) => ((d.settings.weeklyCaps as Json).fax = 1)), { path: '/settings/weeklyCaps/fax', message: /is not a field here/ }],
    ['a tolerance of 25%', edited((d) => (d.settings.promiseToleranceBps = 2500)), { path: '/settings/promiseToleranceBps', message: /<= 2000/ }],
    ['promises 91 days out', edited((d) => (d.settings.promiseMaxDays = 91)), { path: '/settings/promiseMaxDays', message: /<= 90/ }],
    ['promises 0 days out', edited((d) => (d.settings.promiseMaxDays = 0)), { path: '/settings/promiseMaxDays', message: />= 1/ }],
    ['no settings', edited((d) => delete (d as Json).settings), { path: '/settings', message: /is required/ }],
  ];

  it.each(cases)('%s', (_name, doc, expected) => {
    const result = validatePolicy(doc, context);
    expect(result.valid).toBe(false);
    expect(result.errors).toContainEqual({ path: expected.path, message: expect.stringMatching(expected.message) });
  });
});
