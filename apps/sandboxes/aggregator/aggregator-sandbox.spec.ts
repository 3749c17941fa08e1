import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { addMonths, compareIsoDates } from '../../../domain/calendar.js';
import type { BankStatement } from '../../../domain/credit-data.js';
import type { RunningSandbox } from '../http-server.js';
import { testIdentity, type TestIdentityKey } from '../identities.js';
import { startAggregatorSandbox } from './aggregator-router.js';

const API_KEY = 'sk_test_aa';
let sandbox: RunningSandbox;
let keys = 0;
beforeAll(async () => {
  sandbox = await startAggregatorSandbox({ port: 0, apiKey: API_KEY });
});
afterAll(() => sandbox.close());

async function statement(key: TestIdentityKey, overrides: Record<string, unknown> = {}, apiKey = API_KEY) {
  const p = testIdentity(key);
  const res = await fetch(`${sandbox.url}/v1/statements`, {
    method: 'POST',
    headers: { authorization: `Bearer ${apiKey}`, 'idempotency-key': `k-${keys++}`, 'content-type': 'application/json' },
    body: JSON.stringify({ phone: p.phone, nationalId: p.nationalId, consentReference: 'aa-consent-1', months: 12, asOf: '2026-11-21', currency: 'INR', ...overrides }),
  });
  return { status: res.status, body: (await res.json()) as BankStatement & { error?: { fieldErrors?: Array<{ field: string }> } } };
}

const all = (s: BankStatement) => s.accounts.flatMap((a) => a.transactions);

describe('aggregator sandbox', () => {
  it('shows a salary once in every month-long window, on the same day of the month', async () => {
    const { status, body } = await statement('newToCredit');
    expect(status).toBe(200);
    expect(body.from).toBe('2025-11-21');
    expect(body.to).toBe('2026-11-20');
    const salaries = all(body).filter((t) => t.category === 'salary');
    expect(salaries).toHaveLength(12);
    for (let back = 1; back <= 12; back++) {
      const inWindow = salaries.filter((t) => compareIsoDates(t.date, addMonths('2026-11-21', -back)) >= 0 && compareIsoDates(t.date, addMonths('2026-11-21', -back + 1)) < 0);
      expect(inWindow).toHaveLength(1);
    }
    expect(new Set(salaries.map((t) => t.date.slice(8))).size).toBe(1);
    expect(salaries.every((t) => t.direction === 'credit' && t.channel === 'neft' && /SALARY/.test(t.narration))).toBe(true);
  });

  it('keeps the books: closing = opening + credits - debits, never below zero', async () => {
    for (const key of ['erratic', 'declined', 'approved'] as const) {
      const account = (await statement(key)).body.accounts[0]!;
      let balance = account.openingBalance;
      for (const t of account.transactions) {
        balance += t.direction === 'credit' ? t.amount : -t.amount;
        expect(balance).toBeGreaterThanOrEqual(0);
        expect(Number.isSafeInteger(t.amount) && t.amount > 0).toBe(true);
      }
      expect(account.closingBalance).toBe(balance);
    }
  });

  it('shows the profile: bounced EMIs for the poor file, none for the clean one', async () => {
    const poor = all((await statement('declined')).body);
    expect(poor.filter((t) => t.category === 'bounced')).toHaveLength(4);
    expect(new Set(poor.filter((t) => t.category === 'loan_repayment').map((t) => t.narration.split(' EMI')[0])).size).toBe(3);
    const clean = all((await statement('approved')).body);
    expect(clean.filter((t) => t.category === 'bounced')).toHaveLength(0);
    expect(clean.some((t) => t.category === 'rent') && clean.some((t) => t.category === 'utilities') && clean.some((t) => t.channel === 'upi')).toBe(true);
  });

  it('gives the last six months of the twelve-month statement when asked for six', async () => {
    const twelve = all((await statement('review')).body);
    const six = all((await statement('review', { months: 6 })).body);
    expect(six).toEqual(twelve.filter((t) => compareIsoDates(t.date, addMonths('2026-11-21', -6)) >= 0));
  });

  it('scales amounts to the currency asked for', async () => {
    const inr = all((await statement('newToCredit')).body).filter((t) => t.category === 'salary');
    const usd = (await statement('newToCredit', { currency: 'USD' })).body;
    expect(usd.accounts[0]?.currency).toBe('USD');
    const usdSalaries = all(usd).filter((t) => t.category === 'salary');
    usdSalaries.forEach((t, i) => expect(Math.abs(t.amount - (inr[i]!.amount * 500_000) / 6_000_000)).toBeLessThanOrEqual(100));
  });

  it('refuses bad fields with 400 and a wrong key with 401', async () => {
    const bad = await statement('approved', { months: 25, currency: 'JPY', phone: '98200 11001' });
    expect(bad.status).toBe(400);
    expect(bad.body.error?.fieldErrors?.map((e) => e.field).sort()).toEqual(['currency', 'months', 'phone']);
    expect((await statement('approved', {}, 'sk_nope')).status).toBe(401);
  });
});
