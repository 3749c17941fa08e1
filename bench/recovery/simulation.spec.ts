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

  it('leaves nothing to the checker but the validation notices no written channel could carry, and no blocked contact dropped', () => {
    const book = generateBorrowers(3, 300, 30);
    for (const run of [runPolicy(book, policy, { ...options, seed: 3 }), runBaseline(book, policy, { ...options, seed: 3 })]) {
      expect(run.check.dropped).toBe(0);
      expect(run.check.blocked).toBeGreaterThan(0);
      expect(run.check.blocked).toBe(run.check.rescheduled + run.check.rerouted + run.check.abandoned + run.check.overtakenByEnd);
      // The one violation left: a first communication by a collector's call to a US borrower with
      // no email and no consent to texts. The engine sent the notice at once and the gate refused
      // it on every written channel: it would have to be posted, and Credence sends no letters.
      expect(Object.keys(run.check.violationsByRule).filter((rule) => rule !== 'reg-f-validation-notice')).toEqual([]);
      for (const v of run.check.examples) {
        const borrower = book.find((b) => b.loanId === v.loanId)!;
        expect([borrower.country, borrower.automatedConsent, borrower.unreachable.includes('email') || borrower.emailBounces]).toEqual(['US', false, true]);
        const records = run.log.loans.find((l) => l.loanId === v.loanId)!.records;
        const talk = records.find((r) => r.type === 'attempt' && r.status === 'sent' && r.conversation)!;
        const tried = records.find((r) => r.type === 'attempt' && r.source === 'notice');
        expect(tried).toMatchObject({ at: talk.at, status: 'blocked', rule: 'us.tcpa.automated-consent' });
      }
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
