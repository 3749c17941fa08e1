import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { understandReply } from '../../domain/recovery/inbound-reply.js';
import type { RecoveryPolicyDocument } from '../../policies/recovery/policy-document.js';
import { generateBorrowers } from './borrowers.js';
import { DOCUMENTED_KNOBS, replyText } from './response-model.js';
import { runBaseline, runPolicy } from './run.js';

const policy = JSON.parse(readFileSync(join(import.meta.dirname, '../../policies/recovery/default.policy.json'), 'utf8')) as RecoveryPolicyDocument;
const options = { seed: 7, days: 30, knobs: DOCUMENTED_KNOBS };

describe('the simulated quarter', () => {
  it('is deterministic: the same seed gives the same book and the same contact log, another seed another', () => {
    const a = runPolicy(generateBorrowers(7, 150, 30), policy, options);
    const b = runPolicy(generateBorrowers(7, 150, 30), policy, options);
    expect(JSON.stringify(b.log)).toBe(JSON.stringify(a.log));
    expect(b.metrics).toEqual(a.metrics);
    const other = runPolicy(generateBorrowers(8, 150, 30), policy, { ...options, seed: 8 });
    expect(JSON.stringify(other.log)).not.toBe(JSON.stringify(a.log));
    const base1 = runBaseline(generateBorrowers(7, 150, 30), policy, options);
    const base2 = runBaseline(generateBorrowers(7, 150, 30), policy, options);
    expect(JSON.stringify(base2.log)).toBe(JSON.stringify(base1.log));
  });

  it('leaves nothing to the checker, and no blocked contact dropped', () => {
    const book = generateBorrowers(3, 300, 30);
    for (const run of [runPolicy(book, policy, { ...options, seed: 3 }), runBaseline(book, policy, { ...options, seed: 3 })]) {
      expect(run.check.violations).toBe(0);
      expect(run.check.dropped).toBe(0);
      expect(run.check.blocked).toBeGreaterThan(0);
      expect(run.check.blocked).toBe(run.check.rescheduled + run.check.rerouted + run.check.abandoned + run.check.overtakenByEnd);
    }
  });

  it('posts the validation notice to a US borrower no email or text can reach after a collector\'s conversation, within the window', () => {
    // Seed 1's first 2,000 borrowers hold such borrowers (in the 10,000-loan quarter, 23 letters on seed 1).
    const book = generateBorrowers(1, 2000, 45);
    const run = runPolicy(book, policy, { ...options, seed: 1, days: 45 });
    expect(run.check.violations).toBe(0);
    const letters = run.log.loans.flatMap((l) => l.records.filter((r) => r.type === 'attempt' && r.status === 'sent' && r.channel === 'letter').map((r) => ({ loan: l, letter: r })));
    expect(letters.length).toBeGreaterThan(0);
    for (const { loan, letter } of letters) {
      const borrower = book.find((b) => b.loanId === loan.loanId)!;
      // Nothing electronic reaches them: no email (or one that bounces) and no consent to automated texts.
      expect([borrower.country, borrower.automatedConsent, borrower.unreachable.includes('email') || borrower.emailBounces]).toEqual(['US', false, true]);
      expect(letter).toMatchObject({ source: 'notice', template: 'validation_notice', automated: false, disclosures: expect.arrayContaining(['us.reg-f.1006.34']) });
      // Posted at once after the conversation that was the first communication, the text refused before it.
      const talk = loan.records.find((r) => r.type === 'attempt' && r.status === 'sent' && r.conversation)!;
      expect(letter.at).toBe(talk.at);
      if (letter.type === 'attempt') expect(loan.records.some((r) => r.type === 'attempt' && r.contactId === letter.contactId && r.status === 'blocked' && r.rule === 'us.tcpa.automated-consent')).toBe(true);
    }
  });

  it('writes replies the product reads as meant, in English, Hindi and Spanish', () => {
    const on = '2026-10-05'; // a Monday
    for (const language of ['en', 'hi', 'es'] as const) {
      for (const u of [0.1, 0.9]) {
        expect(understandReply(replyText('stop', language, 0, 'friday', u), on).kind).toBe('stop');
        expect(understandReply(replyText('dispute', language, 0, 'friday', u), on).kind).toBe('dispute');
        expect(understandReply(replyText('wrong_number', language, 0, 'friday', u), on).kind).toBe('wrong_number');
        expect(understandReply(replyText('refuse', language, 0, 'friday', u), on).kind).toBe('unknown');
        expect(understandReply(replyText('promise', language, 5000, 'friday', u), on)).toEqual({ kind: 'promise', amountMinor: 500_000, on: '2026-10-09' });
      }
    }
  });
});
