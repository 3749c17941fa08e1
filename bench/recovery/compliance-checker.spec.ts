import { describe, expect, it } from '@jest/globals';
import { checkContactLog } from './compliance-checker.js';
import type { ContactLog, LoanLog, LogRecord } from './contact-log.js';

const DAY = 86_400_000;
const HOUR = 3_600_000;
// 2026-12-01 (EST, UTC-5; IST, UTC+5:30).
const D = Date.UTC(2026, 11, 1);
let id = 0;
const sent = (at: number, over: Partial<Extract<LogRecord, { type: 'attempt' }>> = {}): LogRecord => ({ type: 'attempt', contactId: ++id, at, channel: 'sms', automated: false, source: 'path', template: 't', status: 'sent', conversation: false, ...over });
const loan = (records: LogRecord[], over: Partial<LoanLog> = {}): LoanLog => ({ loanId: 'L1', country: 'US', timeZone: 'America/New_York', automatedConsent: true, weeklyCaps: {}, records, ...over });
const check = (...loans: LoanLog[]) => checkContactLog({ strategy: 'test', loans } satisfies ContactLog);

describe('the independent compliance checker', () => {
  it('passes a clean log', () => {
    const report = check(loan([sent(D + 15 * HOUR), sent(D + DAY + 15 * HOUR, { channel: 'voice' })]));
    expect(report).toMatchObject({ sent: 2, violations: 0, dropped: 0 });
  });

  it('catches a contact at 21:30 local, and one outside the hours of any US zone when the zone is unknown', () => {
    expect(check(loan([sent(D + 26 * HOUR + 30 * 60_000)])).violationsByRule).toEqual({ 'reg-f-hours': 1 }); // 21:30 EST
    // 14:00 UTC is 09:00 in New York but 04:00 in Honolulu: fine for a known zone, a violation for an unknown one.
    expect(check(loan([sent(D + 14 * HOUR)])).violations).toBe(0);
    expect(check(loan([sent(D + 14 * HOUR)], { timeZone: null })).violationsByRule).toEqual({ 'reg-f-hours': 1 });
  });

  it('catches an eighth call in seven days', () => {
    const calls = [0, 1, 2, 3, 4, 5, 6, 6].map((d, i) => sent(D + d * DAY + (15 + i) * HOUR, { channel: 'voice' }));
    expect(check(loan(calls)).violationsByRule).toEqual({ 'reg-f-7-in-7': 1 });
  });

  it('catches a call three days after a conversation', () => {
    const report = check(loan([sent(D + 15 * HOUR, { channel: 'voice', conversation: true }), sent(D + 3 * DAY + 15 * HOUR, { channel: 'voice' })]));
    expect(report.violationsByRule).toEqual({ 'reg-f-after-conversation': 1 });
    // A text three days later is not a call.
    expect(check(loan([sent(D + 15 * HOUR, { channel: 'voice', conversation: true }), sent(D + 3 * DAY + 15 * HOUR)])).violations).toBe(0);
    // A collector's conversation holds the automated calls back as much as one of the path's.
    const afterCollector = check(loan([sent(D + 15 * HOUR, { channel: 'voice', source: 'collector', conversation: true }), sent(D + 3 * DAY + 15 * HOUR, { channel: 'voice', automated: true })]));
    expect(afterCollector.violationsByRule).toEqual({ 'reg-f-after-conversation': 1 });
  });

  it('catches a text after STOP, on that channel only', () => {
    const records: LogRecord[] = [sent(D + 15 * HOUR), { type: 'borrower', at: D + 16 * HOUR, event: 'opt_out', channel: 'sms' }, sent(D + DAY + 15 * HOUR), sent(D + DAY + 16 * HOUR, { channel: 'email' })];
    expect(check(loan(records)).violationsByRule).toEqual({ 'opt-out': 1 });
  });

  it('catches a contact during an open dispute, and none after its verification', () => {
    const records: LogRecord[] = [
      { type: 'borrower', at: D + 14 * HOUR, event: 'dispute_opened' },
      sent(D + 15 * HOUR, { channel: 'email', disclosures: ['us.reg-f.1006.34'] }),
      { type: 'borrower', at: D + 5 * DAY, event: 'dispute_verified' },
      sent(D + 5 * DAY + 15 * HOUR, { channel: 'email' }),
    ];
    expect(check(loan(records)).violationsByRule).toEqual({ 'reg-f-dispute': 1 });
  });

  it('catches an automated text without consent, not an email', () => {
    const records = [sent(D + 15 * HOUR, { automated: true }), sent(D + 16 * HOUR, { automated: true, channel: 'email' })];
    expect(check(loan(records, { automatedConsent: false })).violationsByRule).toEqual({ 'tcpa-consent': 1 });
  });

  it('catches an India call at 19:30 IST', () => {
    // 14:00 UTC is 19:30 in Kolkata; 06:00 UTC is 11:30.
    const records = [sent(D + 14 * HOUR, { channel: 'voice' }), sent(D + DAY + 6 * HOUR, { channel: 'voice' })];
    expect(check(loan(records, { country: 'IN', timeZone: 'Asia/Kolkata' })).violationsByRule).toEqual({ 'rbi-hours': 1 });
  });

  it('catches contacts past a weekly cap, after a wrong number, and after a bankruptcy or death notice', () => {
    const texts = [0, 1, 2, 3].map((d) => sent(D + d * DAY + 15 * HOUR));
    expect(check(loan(texts, { weeklyCaps: { sms: 3 } })).violationsByRule).toEqual({ 'weekly-cap': 1 });
    expect(check(loan([{ type: 'borrower', at: D + 14 * HOUR, event: 'wrong_number', channel: 'sms' }, sent(D + 15 * HOUR, { channel: 'voice' })])).violationsByRule).toEqual({ 'wrong-number': 1 });
    expect(check(loan([{ type: 'borrower', at: D + 14 * HOUR, event: 'bankruptcy' }, sent(D + 15 * HOUR, { channel: 'email' })])).violationsByRule).toEqual({ bankruptcy: 1 });
    expect(check(loan([{ type: 'borrower', at: D + 14 * HOUR, event: 'deceased' }, sent(D + 15 * HOUR, { channel: 'email' })])).violationsByRule).toEqual({ deceased: 1 });
  });

  it('catches a first communication by phone whose validation information did not follow in writing within five days', () => {
    const talk = sent(D + 15 * HOUR, { channel: 'voice', source: 'collector', conversation: true });
    const ended = (days: number): LogRecord => ({ type: 'ended', at: D + days * DAY, reason: 'quarter_end' });
    const notice = (at: number, over: Partial<Extract<LogRecord, { type: 'attempt' }>> = {}) => sent(at, { channel: 'email', source: 'notice', disclosures: ['us.reg-f.1006.18(e)', 'us.reg-f.1006.34'], ...over });
    // Nothing written after the conversation: a violation at its deadline.
    const missed = check(loan([talk, ended(30)]));
    expect(missed.violationsByRule).toEqual({ 'reg-f-validation-notice': 1 });
    expect(missed.examples[0]).toMatchObject({ at: D + 15 * HOUR + 5 * DAY, rule: 'reg-f-validation-notice' });
    // A notice within the five days; one six days later is late; a text without it gives nothing.
    expect(check(loan([talk, notice(D + 16 * HOUR), ended(30)])).violations).toBe(0);
    expect(check(loan([talk, notice(D + 6 * DAY + 15 * HOUR), ended(30)])).violationsByRule).toEqual({ 'reg-f-validation-notice': 1 });
    expect(check(loan([talk, sent(D + 16 * HOUR, { disclosures: ['us.reg-f.1006.18(e)'] }), ended(30)])).violationsByRule).toEqual({ 'reg-f-validation-notice': 1 });
    // A call that speaks it leaves nothing in writing.
    expect(check(loan([sent(D + 15 * HOUR, { channel: 'voice', conversation: true, disclosures: ['us.reg-f.1006.34'] }), ended(30)])).violationsByRule).toEqual({ 'reg-f-validation-notice': 1 });
    // Given in the first message: nothing more is owed. A call nobody answered is no communication. Outside the US the rule is not Reg F's.
    expect(check(loan([notice(D + 15 * HOUR, { source: 'path' }), talk, ended(30)])).violations).toBe(0);
    expect(check(loan([sent(D + 15 * HOUR, { channel: 'voice', source: 'collector', conversation: false }), ended(30)])).violations).toBe(0);
    expect(check(loan([sent(D + 6 * HOUR, { channel: 'voice', source: 'collector', conversation: true }), ended(30)], { country: 'IN', timeZone: 'Asia/Kolkata' })).violations).toBe(0);
    // A log that ends before the deadline cannot say it was missed.
    expect(check(loan([talk, ended(3)])).violations).toBe(0);
  });

  it('takes a letter as written delivery of the validation information, posted at any hour, and no letter after the post returned one', () => {
    const talk = sent(D + 15 * HOUR, { channel: 'voice', source: 'collector', conversation: true });
    const ended: LogRecord = { type: 'ended', at: D + 30 * DAY, reason: 'quarter_end' };
    const letter = (at: number, over: Partial<Extract<LogRecord, { type: 'attempt' }>> = {}) => sent(at, { channel: 'letter', source: 'notice', disclosures: ['us.reg-f.1006.18(e)', 'us.reg-f.1006.34'], ...over });
    // Posted the day after the conversation, at 03:00 in New York: the notice is given, and no hour is broken.
    expect(check(loan([talk, letter(D + DAY + 8 * HOUR), ended]))).toMatchObject({ violations: 0, sentByChannel: { voice: 1, letter: 1 } });
    // Posted a week later, it is late; a letter without the validation information gives nothing.
    expect(check(loan([talk, letter(D + 7 * DAY + 15 * HOUR), ended])).violationsByRule).toEqual({ 'reg-f-validation-notice': 1 });
    expect(check(loan([talk, letter(D + 16 * HOUR, { disclosures: ['us.reg-f.1006.18(e)'] }), ended])).violationsByRule).toEqual({ 'reg-f-validation-notice': 1 });
    // Not a TCPA contact, marked automated or not; in India and elsewhere no hour holds it either.
    expect(check(loan([letter(D + 15 * HOUR, { automated: true, source: 'path' }), ended], { automatedConsent: false })).violations).toBe(0);
    expect(check(loan([letter(D + 20 * HOUR, { source: 'path' }), ended], { country: 'IN', timeZone: 'Asia/Kolkata' })).violations).toBe(0);
    expect(check(loan([letter(D + 2 * HOUR, { source: 'path' }), ended], { country: 'GB', timeZone: 'Europe/London' })).violations).toBe(0);
    // The post returned one: the next letter to that address is a violation, as is a letter after a death notice or during a dispute.
    const returned: LogRecord = { type: 'borrower', at: D + 4 * DAY, event: 'bounce', channel: 'letter' };
    expect(check(loan([letter(D + 15 * HOUR, { source: 'path' }), returned, letter(D + 9 * DAY + 15 * HOUR, { source: 'path' }), ended])).violationsByRule).toEqual({ 'wrong-number': 1 });
    expect(check(loan([{ type: 'borrower', at: D + 14 * HOUR, event: 'deceased' }, letter(D + 15 * HOUR, { source: 'path' }), ended])).violationsByRule).toEqual({ deceased: 1 });
    expect(check(loan([{ type: 'borrower', at: D + 14 * HOUR, event: 'dispute_opened' }, letter(D + 15 * HOUR, { source: 'path' }), ended])).violationsByRule).toEqual({ 'reg-f-dispute': 1 });
  });

  it('accounts for every blocked attempt, and counts one left without a retry or a reason as dropped', () => {
    const blocked = (contactId: number, at: number, retryAt: number | null, channel: 'sms' | 'email' = 'sms'): LogRecord => ({ type: 'attempt', contactId, at, channel, automated: false, source: 'path', template: 't', status: 'blocked', rule: 'r', retryAt, conversation: false });
    const records: LogRecord[] = [
      blocked(1, D + 10 * HOUR, D + 13 * HOUR),
      sent(D + 13 * HOUR, { contactId: 1 }), // rescheduled
      blocked(2, D + 14 * HOUR, null),
      sent(D + 14 * HOUR, { contactId: 2, channel: 'email' }), // rerouted
      blocked(3, D + 15 * HOUR, null),
      { type: 'abandoned', contactId: 3, at: D + 15 * HOUR, reason: 'no channel left' },
      blocked(4, D + 16 * HOUR, D + 40 * DAY), // its retry lies past the end
      blocked(5, D + 17 * HOUR, D + 18 * HOUR), // never retried: dropped
      blocked(6, D + 17 * HOUR, D + 20 * HOUR),
      sent(D + 19 * HOUR, { contactId: 6 }), // retried before the gate allowed it: dropped
      { type: 'ended', at: D + 30 * DAY, reason: 'quarter_end' },
    ];
    expect(check(loan(records))).toMatchObject({ blocked: 6, rescheduled: 1, rerouted: 1, abandoned: 1, overtakenByEnd: 1, dropped: 2 });
  });
});
