import { describe, expect, it } from '@jest/globals';
import { FakeListChatModel } from '@langchain/core/utils/testing';
import { formatMoney } from '../../domain/money.js';
import type { BorrowerStanding } from '../../policies/compliance/rules.js';
import { draftMessage, type DraftInputs } from './draft-message.js';

const standing: BorrowerStanding = {
  country: 'IN', timeZone: 'Asia/Kolkata', optedOutOfAll: false, optedOutChannels: [], wrongNumberChannels: [], bankruptcy: false, deceased: false,
  disputeOpen: false, automatedConsent: true, timeBarred: false,
};

function inputs(overrides: { segment?: string | null; thinFile?: boolean | null; standing?: Partial<BorrowerStanding> } & Partial<Pick<DraftInputs, 'purpose' | 'channel' | 'language' | 'history' | 'weeklyCaps'>> = {}): DraftInputs {
  return {
    purpose: overrides.purpose ?? 'reminder',
    channel: overrides.channel ?? 'sms',
    language: overrides.language ?? null,
    records: {
      loanId: '0b6f3c2e-9a41-4d5e-8f70-1c2d3e4f5a6b', firstName: 'Priya', currency: 'INR', amountDueMinor: 1_454_457, outstandingMinor: 29_876_543, dueOn: '2026-11-12',
      lender: { name: 'Credence Finance', agent: 'Credence Collections' }, collector: { name: 'Credence Collections', address: '1 Example Way', phone: '+1 555 0100', hours: '9-5' },
      links: { pay: 'https://pay.example/pay/x?t=abc', validation: 'https://pay.example/validation/x?t=abc' },
      language: 'en', country: 'IN', segment: overrides.segment === undefined ? 'reminder' : overrides.segment, thinFile: overrides.thinFile ?? null, promise: null,
    },
    standing: { ...standing, ...overrides.standing },
    history: overrides.history ?? [],
    weeklyCaps: overrides.weeklyCaps ?? {},
    // 11:00 in India
    at: Date.parse('2026-12-07T11:00:00+05:30'),
    unsubscribeUrl: 'https://pay.example/unsubscribe/draft',
  };
}

describe('draftMessage (offline)', () => {
  it('takes its tone from the segment: empathy for distress, firm and fair for the unwilling, plain for the new to credit', async () => {
    const empathetic = await draftMessage(inputs({ segment: 'restructure' }), undefined);
    const firm = await draftMessage(inputs({ segment: 'field_or_legal' }), undefined);
    const plain = await draftMessage(inputs({ segment: 'reminder', thinFile: true }), undefined);
    expect([empathetic.tone, firm.tone, plain.tone]).toEqual(['empathetic', 'firm_fair', 'plain']);
    expect(empathetic.text).toMatch(/we want to help/);
    expect(firm.text).toMatch(/needs your attention/);
    expect(plain.toneReason).toMatch(/new to credit/);
    for (const d of [empathetic, firm, plain]) {
      expect(d.text).toContain(formatMoney({ amount: 1_454_457, currency: 'INR' }));
      expect(d.verdict).toMatchObject({ allowed: true, jurisdiction: 'IN', content: [] });
      expect(d.sms).toEqual({ encoding: expect.any(String), segments: expect.any(Number) });
    }
  });

  it('is refused by the gate for a borrower no one may contact, and says by which rule', async () => {
    const d = await draftMessage(inputs({ standing: { deceased: true } }), undefined);
    expect(d.verdict).toMatchObject({ allowed: false, contact: { allowed: false, rule: 'common.deceased', retryAt: null } });
  });

  it('is refused by the policy\'s weekly cap when the borrower has had that many texts this week', async () => {
    const at = Date.parse('2026-12-07T11:00:00+05:30');
    const history = [1, 2, 3].map((days) => ({ channel: 'sms' as const, at: at - days * 86_400_000, conversation: false, disclosures: [] }));
    const capped = await draftMessage(inputs({ history, weeklyCaps: { sms: 3 } }), undefined);
    expect(capped.verdict).toMatchObject({ allowed: false, contact: { allowed: false, rule: 'common.weekly-cap' } });
    expect((await draftMessage(inputs({ history, weeklyCaps: { sms: 4 } }), undefined)).verdict.allowed).toBe(true);
  });
});

describe('draftMessage with a chat model', () => {
  it('uses the model\'s words when they state no figure of their own and pass the content rules, filled from the records', async () => {
    const model = new FakeListChatModel({ responses: ['Hi {firstName}, a short note about your loan: {amountDue} was due on {dueDate}. You can pay at {paymentLink}'] });
    const d = await draftMessage(inputs(), model);
    expect(d.composer).toBe('model');
    expect(d.text).toContain(`Hi Priya, a short note about your loan: ${formatMoney({ amount: 1_454_457, currency: 'INR' })} was due on`);
    expect(d.verdict.allowed).toBe(true);
  });

  it('throws away a model\'s figures, unknown placeholders and threats, and the phrase banks write the draft', async () => {
    const figures = await draftMessage(inputs(), new FakeListChatModel({ responses: ['Hi {firstName}, you owe Rs 15,000 by 12 December. Pay at {paymentLink}'] }));
    expect(figures.composer).toBe('phrase_bank');
    expect(figures.fallback?.problems.map((p) => ('kind' in p ? p.kind : p.rule))).toEqual(expect.arrayContaining(['digit', 'currency', 'date']));
    expect(figures.text).not.toContain('15,000');

    const invented = await draftMessage(inputs(), new FakeListChatModel({ responses: ['Hi {firstName}, your settlement amount is {settlementAmount}.'] }));
    expect(invented.fallback?.problems).toEqual([{ kind: 'placeholder', text: '{settlementAmount}' }]);

    const threat = await draftMessage(inputs(), new FakeListChatModel({ responses: ['Hi {firstName}, pay {amountDue} at {paymentLink} immediately or we will take legal action.'] }));
    expect(threat.composer).toBe('phrase_bank');
    // and an amount in the first words a lock screen shows
    expect(threat.fallback?.problems.map((p) => ('rule' in p ? p.rule : p.kind))).toEqual(['content.no-threat', 'content.no-false-urgency', 'content.third-party-visible']);
    expect(threat.verdict.allowed).toBe(true);
  });

  it('throws away a draft that names someone the records do not, and keeps one that names the borrower through {firstName}', async () => {
    const other = await draftMessage(inputs(), new FakeListChatModel({ responses: ['Dear Rahul, a short note about your loan: {amountDue} was due on {dueDate}. You can pay at {paymentLink}'] }));
    expect(other.composer).toBe('phrase_bank');
    expect(other.fallback).toEqual({ reason: expect.stringContaining('names'), problems: [{ kind: 'name', text: 'Rahul' }] });
    expect(other.text).not.toContain('Rahul');
    expect(other.text).toContain('Priya');

    const agency = await draftMessage(inputs(), new FakeListChatModel({ responses: ['Hi {firstName}, Acme Recoveries will call about {amountDue}. You can pay at {paymentLink}'] }));
    expect(agency.fallback?.problems).toEqual([{ kind: 'name', text: 'Acme' }, { kind: 'name', text: 'Recoveries' }]);

    const hindi = await draftMessage(inputs({ language: 'hi' }), new FakeListChatModel({ responses: ['नमस्ते राहुल जी, कृपया {paymentLink} पर {amountDue} का भुगतान करें।'] }));
    expect(hindi.composer).toBe('phrase_bank');
    expect(hindi.fallback?.problems).toEqual([{ kind: 'name', text: 'राहुल' }]);

    const own = await draftMessage(inputs(), new FakeListChatModel({ responses: ['Hello {firstName}, a short note from {lenderName} about your loan: {amountDue} was due on {dueDate}. You can pay at {paymentLink}'] }));
    expect(own).toMatchObject({ composer: 'model', fallback: null });
    expect(own.text).toContain('Hello Priya, a short note from Credence Finance');
  });

  it('throws away figures a model wrote in words in the borrower\'s language', async () => {
    const spanish = await draftMessage(inputs({ language: 'es' }), new FakeListChatModel({ responses: ['Hola {firstName}, recuerde pagar antes del quince de marzo en {paymentLink}'] }));
    expect(spanish.composer).toBe('phrase_bank');
    expect(spanish.fallback?.problems.map((p) => ('kind' in p ? p.kind : p.rule))).toEqual(['number_word', 'date']);
    expect(spanish.text).not.toMatch(/quince|marzo/);
  });
});
