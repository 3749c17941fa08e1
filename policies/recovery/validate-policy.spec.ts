import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { PolicyRule, RecoveryPolicyDocument } from './policy-document.js';
import { DEFAULT_SCRIPT_KEYS, DEFAULT_TEMPLATE_CATALOGUE, DEFAULT_TEMPLATE_KEYS } from './template-keys.js';
import { covers, isCatchAll, validatePolicy } from './validate-policy.js';

const BUCKETS = ['current', '1-15', '16-30', '31-60', '61-90', '90+'];
const context = { bucketNames: BUCKETS, catalogue: DEFAULT_TEMPLATE_CATALOGUE };
const defaultPolicy = JSON.parse(readFileSync(join(import.meta.dirname, 'default.policy.json'), 'utf8')) as RecoveryPolicyDocument;

const stop: PolicyRule['path'] = [{ stop: { reason: 'test' } }];
const rule = (id: string, when: PolicyRule['when'] = {}, path: PolicyRule['path'] = stop): PolicyRule => ({ id, when, path });
const policy = (...rules: PolicyRule[]): RecoveryPolicyDocument => ({ ...defaultPolicy, rules });

function problems(doc: RecoveryPolicyDocument, ctx = context) {
  const result = validatePolicy(doc, ctx);
  return { errors: result.errors.map((e) => `${e.path}: ${e.message}`), warnings: result.warnings.map((w) => `${w.path}: ${w.message}`) };
}

describe('validatePolicy, beyond the schema', () => {
  it('the default catalogue carries every template and script the default policy uses, and only help_reply besides (the workflow\'s answer to HELP)', () => {
    const templates = new Set<string>();
    const scripts = new Set<string>();
    for (const r of defaultPolicy.rules) {
      for (const s of r.path) {
        if ('send' in s) templates.add(s.send.template);
        if ('offer' in s) templates.add(s.offer.template);
        if ('call' in s) scripts.add(s.call.script);
      }
    }
    expect([...templates, 'help_reply'].sort()).toEqual([...DEFAULT_TEMPLATE_KEYS].sort());
    expect([...scripts].sort()).toEqual([...DEFAULT_SCRIPT_KEYS].sort());
  });

  it('refuses a rule id used twice, at the second', () => {
    expect(problems(policy(rule('a', { dpd: { max: 10 } }), rule('b', { dpd: { min: 11 } }), rule('a'))).errors).toEqual([
      '/rules/2/id: rule id "a" is already used by rule 0; ids must be unique',
    ]);
  });

  it('refuses a last rule that leaves some account without a path', () => {
    expect(problems(policy(rule('a', { segments: ['restructure'] }), rule('b', { dpd: { min: 1 } }))).errors).toEqual([
      '/rules/1/when: the last rule must match every account (when: {} or conditions that leave nothing out), so that every delinquent account gets a path',
    ]);
    // an account not yet segmented has no segment: a list of every segment still leaves it out
    expect(problems(policy(rule('a', { segments: ['self_cure', 'reminder', 'flexible_schedule', 'restructure', 'field_or_legal'] }))).errors).toHaveLength(1);
  });

  it('takes conditions that leave nothing out as a catch-all', () => {
    const all = { events: ['entered', 'bucket_changed', 'promise_broken', 'promise_kept', 'replied', 'path_completed', 'case_returned'] as const };
    expect(isCatchAll({ ...all, events: [...all.events] }, BUCKETS)).toBe(true);
    expect(isCatchAll({ dpd: { min: 0 }, buckets: [...BUCKETS], contactHistory: { contacts: { min: 0 } } }, BUCKETS)).toBe(true);
    expect(isCatchAll({ dpd: { min: 1 } }, BUCKETS)).toBe(false);
    expect(isCatchAll({ contactHistory: { daysSinceLastContact: { min: 0 } } }, BUCKETS)).toBe(false);
    expect(isCatchAll({ buckets: BUCKETS.slice(1) }, BUCKETS)).toBe(false);
  });

  it('warns of a rule an earlier one shadows, and of rules after a catch-all', () => {
    const result = problems(
      policy(
        rule('early', { dpd: { max: 30 } }),
        rule('very-early', { dpd: { max: 10 }, segments: ['reminder'] }),
        rule('inr', { balance: { currency: 'INR', min: 100 } }),
        rule('big-inr', { balance: { currency: 'INR', min: 5000 }, regions: ['IN'] }),
        rule('usd', { balance: { currency: 'USD', min: 5000 } }),
        rule('rest'),
        rule('after'),
      ),
    );
    expect(result.errors).toEqual([]);
    expect(result.warnings).toEqual([
      '/rules/1: rule "very-early" can never be chosen: rule 0 ("early") comes first and matches every account it matches',
      '/rules/3: rule "big-inr" can never be chosen: rule 2 ("inr") comes first and matches every account it matches',
      '/rules/6: rule "after" can never be chosen: rule 5 ("rest") comes first and matches every account it matches',
    ]);
  });

  it('does not call a rule shadowed when the earlier one needs something it does not', () => {
    expect(covers({ segments: ['reminder'] }, {}, BUCKETS)).toBe(false);
    expect(covers({ contactHistory: { daysSinceLastContact: { min: 3 } } }, { contactHistory: { daysSinceLastContact: { min: 5 } } }, BUCKETS)).toBe(true);
    expect(covers({ contactHistory: { daysSinceLastContact: { min: 3 } } }, {}, BUCKETS)).toBe(false);
    expect(covers({ balance: { currency: 'INR' } }, { balance: { currency: 'USD' } }, BUCKETS)).toBe(false);
    expect(covers({ events: ['entered'] }, { events: ['entered', 'replied'] }, BUCKETS)).toBe(false);
  });

  it('refuses ranges upside down, unknown currencies and buckets no product has', () => {
    const result = problems(
      policy(
        rule('a', { dpd: { min: 30, max: 10 }, balance: { currency: 'XXX', min: 1 }, buckets: ['1-15', '91-120'], contactHistory: { replies: { min: 3, max: 2 } } }),
        rule('rest'),
      ),
    );
    expect(result.errors).toEqual([
      '/rules/0/when/dpd: min 30 is above max 10: nothing can match',
      '/rules/0/when/contactHistory/replies: min 3 is above max 2: nothing can match',
      '/rules/0/when/balance/currency: XXX is not an ISO 4217 currency Credence knows',
      '/rules/0/when/buckets/1: no product has a bucket named "91-120" (known: current, 1-15, 16-30, 31-60, 61-90, 90+)',
    ]);
  });

  it('refuses templates and scripts the catalogue does not have, by the catalogue it is given', () => {
    const doc = policy(
      rule('rest', {}, [
        { send: { channel: 'sms', template: 'reminder' } },
        { send: { channel: 'email', template: 'legal_notice' } },
        { offer: { kind: 'plan', channel: 'sms', template: 'plan_offer' } },
        { call: { script: 'reminder_call' } },
        { call: { script: 'robocall' } },
      ]),
    );
    expect(problems(doc).errors).toEqual([
      '/rules/0/path/1/send/template: no template "legal_notice" in the template catalogue',
      '/rules/0/path/2/offer/template: no template "plan_offer" in the template catalogue',
      '/rules/0/path/4/call/script: no voice script "robocall" in the template catalogue',
    ]);
    expect(problems(doc, { bucketNames: BUCKETS, catalogue: { templates: ['reminder', 'legal_notice', 'plan_offer'], scripts: ['reminder_call', 'robocall'] } }).errors).toEqual([]);
  });

  it('refuses a step after stop or handoff', () => {
    const doc = policy(
      rule('a', { dpd: { max: 5 } }, [{ handoff: { queue: 'collections' } }, { send: { channel: 'sms', template: 'reminder' } }]),
      rule('rest', {}, [{ send: { channel: 'sms', template: 'reminder' } }, { stop: { reason: 'done' } }, { wait: { days: 2 } }, { stop: { reason: 'again' } }]),
    );
    expect(problems(doc).errors).toEqual(['/rules/0/path/1: nothing may follow step 0 (handoff): it ends the path', '/rules/1/path/2: nothing may follow step 1 (stop): it ends the path']);
  });

  it('refuses a channel that falls back to itself', () => {
    const doc = { ...policy(rule('rest')), settings: { ...defaultPolicy.settings, fallback: { sms: ['whatsapp', 'sms'] as ('sms' | 'whatsapp')[] } } };
    expect(problems(doc).errors).toEqual(['/settings/fallback/sms/1: sms cannot fall back to itself']);
  });

  it('takes letters as a channel a policy can name: capped, a fallback, never "automated", and warns of a wait shorter than the post', () => {
    const doc = {
      ...policy(
        rule('rest', {}, [
          { send: { channel: 'letter', template: 'firm_reminder' } },
          { wait: { days: 2 } },
          { offer: { kind: 'plan', channel: 'letter', template: 'restructure_offer' } },
          { wait: { days: 10 } },
          { send: { channel: 'letter', template: 'reminder', automated: true } },
        ]),
      ),
      settings: { ...defaultPolicy.settings, weeklyCaps: { ...defaultPolicy.settings.weeklyCaps, letter: 1 }, fallback: { email: ['letter'], letter: ['email'] } as Record<string, ('email' | 'letter')[]> },
    };
    const found = problems(doc);
    expect(found.errors).toEqual(['/rules/0/path/4/send/automated: a letter is posted, not autodialled or texted: automated does not apply to it']);
    expect(found.warnings).toEqual(['/rules/0/path/1/wait/days: a letter takes up to 5 days in the post: a wait of 2 after it ends before the borrower can have read it']);
    expect(problems({ ...doc, settings: { ...doc.settings, weeklyCaps: { letter: 8 } } }).errors).toEqual(['/settings/weeklyCaps/letter: must be <= 7']);
    expect(problems({ ...doc, settings: { ...doc.settings, fallback: { letter: ['letter'] } } }).errors).toContain('/settings/fallback/letter/0: letter cannot fall back to itself');
  });

  it('lets the drafting agent write texts, WhatsApp messages and emails, not letters or calls', () => {
    const doc = policy(
      rule('rest', {}, [
        { send: { channel: 'sms', template: 'reminder', draft: true } },
        { send: { channel: 'email', template: 'reminder', draft: true } },
        { send: { channel: 'letter', template: 'reminder', draft: true } },
        { send: { channel: 'voice', template: 'reminder', draft: true } },
      ]),
    );
    expect(problems(doc).errors).toEqual([
      '/rules/0/path/2/send/draft: the drafting agent writes texts, WhatsApp messages and emails, not a letter: send the template',
      '/rules/0/path/3/send/draft: the drafting agent writes texts, WhatsApp messages and emails, not a call: send the template',
    ]);
    expect(problems(policy(rule('rest', {}, [{ send: { channel: 'sms', template: 'reminder', draft: 'yes' } } as unknown as PolicyRule['path'][number]]))).errors).toEqual(['/rules/0/path/0/send/draft: must be boolean']);
  });

  it('answers the typed document when it is valid', () => {
    const result = validatePolicy(defaultPolicy, context);
    expect(result.valid && result.document.rules.at(-1)?.id).toBe('reminder');
  });
});

describe('arrangement bounds', () => {
  it('a policy without them validates, with a warning that every arrangement then needs a second person', () => {
    const { arrangements: _none, ...settings } = defaultPolicy.settings;
    expect(problems({ ...defaultPolicy, settings })).toEqual({
      errors: [],
      warnings: ['/settings/arrangements: no bounds on arrangements: every plan, restructure and settlement under this policy needs a second person to approve it'],
    });
  });

  it('bounds of the wrong shape are schema faults at their pointer', () => {
    const bad = structuredClone(defaultPolicy) as unknown as { settings: { arrangements: Record<string, unknown> } };
    bad.settings.arrangements.plan = { maxInstalments: 0, maxMonths: 6 };
    bad.settings.arrangements.alwaysApprove = ['write_off'];
    expect(problems(bad as unknown as RecoveryPolicyDocument).errors).toEqual([
      '/settings/arrangements/plan/minInstalmentBps: is required',
      '/settings/arrangements/plan/maxInstalments: must be >= 1',
      '/settings/arrangements/alwaysApprove/0: must be one of "plan", "restructure", "settlement"',
    ]);
  });
});
