import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { understandReply } from '../../domain/recovery/inbound-reply.js';
import { paymentAsked } from './borrower-payment.js';
import { TEST_IDENTITIES } from './identities.js';
import { RECOVERY_BORROWERS, TWILIO_TEST_NUMBERS } from './recovery-borrowers.js';

describe('the recovery test borrowers', () => {
  it('are what IDENTITIES.md publishes', () => {
    const doc = readFileSync(new URL('./IDENTITIES.md', import.meta.url), 'utf8');
    for (const b of RECOVERY_BORROWERS) {
      const row = doc.split('\n').find((line) => line.startsWith(`| \`${b.key}\` |`));
      expect(row).toBeDefined();
      expect(row).toContain(`| ${b.name} | ${b.phone} | ${b.email} |`);
      expect(row).toContain(b.expected);
      if (b.behaviour.kind === 'replies' || b.behaviour.kind === 'wrong_number') expect(row).toContain(b.behaviour.text);
    }
    for (const number of Object.values(TWILIO_TEST_NUMBERS)) expect(doc).toContain(number);
  });

  it('have numbers and addresses of their own, none an applicant identity’s', () => {
    expect(new Set(RECOVERY_BORROWERS.map((b) => b.phone)).size).toBe(RECOVERY_BORROWERS.length);
    expect(new Set(RECOVERY_BORROWERS.map((b) => b.email)).size).toBe(RECOVERY_BORROWERS.length);
    const applicants = new Set(TEST_IDENTITIES.flatMap((i) => [i.phone, i.email]));
    for (const b of RECOVERY_BORROWERS) expect([applicants.has(b.phone), applicants.has(b.email)]).toEqual([false, false]);
  });

  it('reply with what the reply reader understands as the table says', () => {
    const text = (key: string) => {
      const b = RECOVERY_BORROWERS.find((x) => x.key === key)!.behaviour;
      return 'text' in b ? b.text : '';
    };
    const thursday = '2026-12-03';
    expect(understandReply(text('stopper'), thursday)).toEqual({ kind: 'stop' });
    expect(understandReply(text('disputer'), thursday)).toEqual({ kind: 'dispute' });
    expect(understandReply(text('wrongNumber'), thursday)).toEqual({ kind: 'wrong_number' });
    expect(understandReply(text('promiser'), thursday)).toEqual({ kind: 'promise', amountMinor: 500_000, on: '2026-12-04' });
    expect(understandReply(text('promiserHindi'), thursday)).toEqual({ kind: 'promise', amountMinor: 500_000, on: '2026-12-04' });
  });

  it('the payer reads the pay link and the amount as formatMoney writes it', () => {
    const loanId = '0b6f3c2e-9a41-4d5e-8f70-1c2d3e4f5a6b';
    expect(paymentAsked(`INR 14,544.57 is overdue. Pay at https://credence.example/pay/${loanId}`)).toEqual({ loanId, amount: 1_454_457, currency: 'INR' });
    expect(paymentAsked(`₹2,500 due. http://127.0.0.1:3000/pay/${loanId}`)).toEqual({ loanId, amount: 250_000, currency: 'INR' });
    expect(paymentAsked(`USD 120.5 due: /pay/${loanId}`)).toEqual({ loanId, amount: 12_050, currency: 'USD' });
    expect(paymentAsked('INR 100.00 due, call us')).toEqual({ unclear: 'the message has no /pay/<loanId> link' });
    expect(paymentAsked(`Pay at /pay/${loanId}`)).toEqual({ unclear: 'the message names no amount' });
  });
});
