// An independent check of a contact log against the rules, written from their text and sharing
// no code with policies/compliance (the gate must not grade itself). It replays every loan's
// records in time order and counts each sent contact that breaks a rule, and it accounts for
// every blocked attempt: rescheduled (a later attempt of the same contact, not before the retry
// instant), rerouted (a later attempt on another channel), abandoned with a reason, or overtaken
// by the episode's end; anything else is dropped, and dropped must be 0.
//
// The rules, as read here:
// - 12 CFR 1006.6(b)(1)(i): no communication before 08:00 or after 21:00 at the consumer's
//   location; not knowing the zone, the hour must be convenient in every zone of the fifty states.
//   Read as the hour the consumer is reached: a call rings, a text or email arrives, when it is
//   sent; a letter arrives when the post brings it, days after it was posted and in the post's own
//   hours, so the hour a letter is posted is not judged (here, nor by RBI's or the default hours).
// - 12 CFR 1006.14(b)(2)(i)(A): no more than 7 calls in any 7 consecutive days; (B): no call
//   within 7 days after a telephone conversation about the debt.
// - 12 CFR 1006.38(d)(2): nothing between a dispute and its verification (US).
// - 47 U.S.C. 227(b): automated calls and texts (SMS, WhatsApp, voice) need prior express consent (US);
//   an email or a letter is not a call or a text.
// - 12 CFR 1006.34(a)(1): the validation information in the initial communication, or in writing
//   within five days after it (read strictly: five calendar days, where the rule skips weekends
//   and holidays, which only gives more time). The initial communication is the first message
//   sent or the first call that reached the borrower; only a text, email or letter that carried
//   the validation information (its disclosure us.reg-f.1006.34) gives it: a call leaves nothing in
//   writing. A letter gives it when posted ("sending", 1006.34(a)(1)(i)(B)), whatever the post
//   does with it after. Judged where the log follows the loan to the deadline (US).
// - RBI: recovery contact only between 08:00 and 19:00 India time.
// - Elsewhere (lender policy): 09:00 to 19:00 local, in UTC when the zone is unknown.
// - Everywhere: no contact on a channel after an opt-out from it or a wrong-number report on it,
//   none after a bankruptcy or death notice, no letter after the post returned one (the address
//   does not reach the borrower), and at most the strategy's cap per channel in any 7 days.
import type { ContactLog, LoanLog, LogRecord } from './contact-log.js';

const DAY = 86_400_000;
const VALIDATION_DISCLOSURE = 'us.reg-f.1006.34';
const VALIDATION_DAYS = 5;
const WRITTEN = ['sms', 'whatsapp', 'email', 'letter'];
/** What the TCPA's consent rule is about: calls and texts to a phone. */
const DIALLED = ['sms', 'whatsapp', 'voice'];
/** What the hour rules do not judge: a letter reaches nobody the hour it is posted. */
const POSTED = ['letter'];

/** Every zone of the fifty states and DC, by IANA name. */
const US_STATE_ZONES = [
  'America/New_York', 'America/Detroit', 'America/Kentucky/Louisville', 'America/Indiana/Indianapolis', 'America/Chicago', 'America/Indiana/Knox',
  'America/Menominee', 'America/North_Dakota/Center', 'America/Denver', 'America/Boise', 'America/Phoenix', 'America/Los_Angeles',
  'America/Anchorage', 'America/Juneau', 'America/Nome', 'America/Adak', 'Pacific/Honolulu',
];

export interface Violation {
  loanId: string;
  at: number;
  rule: string;
  detail: string;
}

export interface CheckReport {
  strategy: string;
  sent: number;
  sentByChannel: Record<string, number>;
  violations: number;
  violationsByRule: Record<string, number>;
  examples: Violation[];
  blocked: number;
  blockedByRule: Record<string, number>;
  rescheduled: number;
  rerouted: number;
  abandoned: number;
  abandonedByReason: Record<string, number>;
  /** blocked attempts the episode's end overtook before their retry came */
  overtakenByEnd: number;
  /** blocked attempts with no reschedule, no abandonment and no end: must be 0 */
  dropped: number;
}

export function checkContactLog(log: ContactLog): CheckReport {
  const report: CheckReport = { strategy: log.strategy, sent: 0, sentByChannel: {}, violations: 0, violationsByRule: {}, examples: [], blocked: 0, blockedByRule: {}, rescheduled: 0, rerouted: 0, abandoned: 0, abandonedByReason: {}, overtakenByEnd: 0, dropped: 0 };
  for (const loan of log.loans) checkLoan(loan, report);
  return report;
}

function checkLoan(loan: LoanLog, report: CheckReport): void {
  const records = [...loan.records].sort((a, b) => a.at - b.at);
  const optedOut = new Set<string>();
  const wrong = new Set<string>();
  let disputeOpen = false;
  let stopped: string | null = null;
  const sent: Array<{ at: number; channel: string; conversation: boolean }> = [];
  const flag = (at: number, rule: string, detail: string) => {
    report.violations++;
    report.violationsByRule[rule] = (report.violationsByRule[rule] ?? 0) + 1;
    if (report.examples.length < 20) report.examples.push({ loanId: loan.loanId, at, rule, detail });
  };
  for (const r of records) {
    if (r.type === 'borrower') {
      if (r.event === 'opt_out') optedOut.add(r.channel!);
      else if (r.event === 'wrong_number') for (const c of r.channel === 'email' ? ['email'] : ['sms', 'whatsapp', 'voice']) wrong.add(c);
      else if (r.event === 'bounce' && r.channel === 'letter') wrong.add('letter');
      else if (r.event === 'dispute_opened') disputeOpen = true;
      else if (r.event === 'dispute_verified') disputeOpen = false;
      else if (r.event === 'bankruptcy' || r.event === 'deceased') stopped = r.event;
      continue;
    }
    if (r.type !== 'attempt' || r.status !== 'sent') continue;
    report.sent++;
    report.sentByChannel[r.channel] = (report.sentByChannel[r.channel] ?? 0) + 1;
    const local = (zone: string) => localMinutes(r.at, zone);
    const timed = !POSTED.includes(r.channel);
    if (loan.country === 'US') {
      const zones = loan.timeZone && knownZone(loan.timeZone) ? [loan.timeZone] : US_STATE_ZONES;
      const outside = timed ? zones.find((z) => local(z) < 8 * 60 || local(z) >= 21 * 60) : undefined;
      if (outside) flag(r.at, 'reg-f-hours', `${hhmm(local(outside))} in ${outside}`);
      if (disputeOpen) flag(r.at, 'reg-f-dispute', 'a dispute awaits verification');
      if (r.automated && DIALLED.includes(r.channel) && !loan.automatedConsent) flag(r.at, 'tcpa-consent', `automated ${r.channel} without consent`);
      if (r.channel === 'voice') {
        const calls = sent.filter((c) => c.channel === 'voice' && c.at > r.at - 7 * DAY).length + 1;
        if (calls > 7) flag(r.at, 'reg-f-7-in-7', `call ${calls} in 7 days`);
        const talk = sent.find((c) => c.channel === 'voice' && c.conversation && r.at - c.at < 7 * DAY);
        if (talk) flag(r.at, 'reg-f-after-conversation', `${((r.at - talk.at) / DAY).toFixed(1)} days after a conversation`);
      }
    } else if (loan.country === 'IN') {
      const m = local('Asia/Kolkata');
      if (timed && (m < 8 * 60 || m >= 19 * 60)) flag(r.at, 'rbi-hours', `${hhmm(m)} IST`);
    } else {
      const zone = loan.timeZone && knownZone(loan.timeZone) ? loan.timeZone : 'UTC';
      const m = local(zone);
      if (timed && (m < 9 * 60 || m >= 19 * 60)) flag(r.at, 'default-hours', `${hhmm(m)} in ${zone}`);
    }
    if (optedOut.has(r.channel)) flag(r.at, 'opt-out', `${r.channel} after an opt-out`);
    if (wrong.has(r.channel)) flag(r.at, 'wrong-number', r.channel === 'letter' ? 'a letter to an address the post returned mail from' : `${r.channel} after a wrong-number report`);
    if (stopped) flag(r.at, stopped, `contact after a ${stopped} notice`);
    const cap = loan.weeklyCaps[r.channel];
    if (cap !== undefined) {
      const inWeek = sent.filter((c) => c.channel === r.channel && c.at > r.at - 7 * DAY).length + 1;
      if (inWeek > cap) flag(r.at, 'weekly-cap', `${r.channel} ${inWeek} in 7 days (cap ${cap})`);
    }
    sent.push({ at: r.at, channel: r.channel, conversation: r.conversation });
  }
  if (loan.country === 'US') checkValidationWindow(loan, records, flag);
  accountForBlocks(loan, records, report);
}

/** The validation information within five days of the first communication, in writing (1006.34(a)(1)). */
function checkValidationWindow(loan: LoanLog, records: LogRecord[], flag: (at: number, rule: string, detail: string) => void): void {
  const sentRecords = records.filter((r): r is Extract<LogRecord, { type: 'attempt' }> => r.type === 'attempt' && r.status === 'sent');
  const first = sentRecords.find((r) => WRITTEN.includes(r.channel) || r.conversation);
  if (!first) return;
  const deadline = first.at + VALIDATION_DAYS * DAY;
  const given = sentRecords.find((r) => WRITTEN.includes(r.channel) && (r.disclosures ?? []).includes(VALIDATION_DISCLOSURE));
  if (given && given.at <= deadline) return;
  // A log that stops following the loan before the deadline (the quarter's end, the episode's) cannot say it was missed.
  const end = records.find((r) => r.type === 'ended')?.at ?? records[records.length - 1]!.at;
  if (end < deadline) return;
  flag(deadline, 'reg-f-validation-notice', `first communication (${first.channel}${first.source === 'collector' ? ', a collector' : ''}) without the validation information, and none in writing within ${VALIDATION_DAYS} days${given ? ` (it came ${((given.at - first.at) / DAY).toFixed(1)} days after)` : ''}`);
}

/** Every blocked attempt must lead somewhere: a later attempt of the same contact, an abandonment, or the end. */
function accountForBlocks(loan: LoanLog, records: LogRecord[], report: CheckReport): void {
  const end = records.find((r) => r.type === 'ended')?.at ?? Infinity;
  const byContact = new Map<number, LogRecord[]>();
  for (const r of records) if (r.type === 'attempt' || r.type === 'abandoned') byContact.set(r.contactId, [...(byContact.get(r.contactId) ?? []), r]);
  for (const chain of byContact.values()) {
    chain.forEach((r, i) => {
      if (r.type !== 'attempt' || r.status !== 'blocked') return;
      report.blocked++;
      report.blockedByRule[r.rule ?? '?'] = (report.blockedByRule[r.rule ?? '?'] ?? 0) + 1;
      const next = chain[i + 1];
      const retryAt = r.retryAt ?? null;
      if (next?.type === 'abandoned' && next.reason.trim() !== '') {
        report.abandoned++;
        const reason = next.reason.replace(/\d+/g, 'N');
        report.abandonedByReason[reason] = (report.abandonedByReason[reason] ?? 0) + 1;
      } else if (next?.type === 'attempt' && next.channel !== r.channel) report.rerouted++;
      else if (next?.type === 'attempt' && retryAt !== null && next.at >= retryAt) report.rescheduled++;
      else if (next === undefined && retryAt !== null && retryAt >= end) report.overtakenByEnd++;
      else {
        report.dropped++;
        if (report.examples.length < 20) report.examples.push({ loanId: loan.loanId, at: r.at, rule: 'dropped', detail: `blocked by ${r.rule} and never rescheduled or abandoned` });
      }
    });
  }
}

const formatters = new Map<string, Intl.DateTimeFormat | null>();
function formatter(zone: string): Intl.DateTimeFormat | null {
  if (!formatters.has(zone)) {
    try {
      formatters.set(zone, new Intl.DateTimeFormat('en-GB', { timeZone: zone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }));
    } catch {
      formatters.set(zone, null);
    }
  }
  return formatters.get(zone)!;
}

function knownZone(zone: string): boolean {
  return formatter(zone) !== null;
}

/** Minutes after local midnight (a cache per zone and whole UTC minute keeps the replay quick). */
const minuteCache = new Map<string, number>();
function localMinutes(at: number, zone: string): number {
  const key = `${zone}|${Math.floor(at / 60_000)}`;
  let m = minuteCache.get(key);
  if (m === undefined) {
    const [h, min] = formatter(zone)!.format(at).split(':').map(Number);
    m = h! * 60 + min!;
    if (minuteCache.size > 2_000_000) minuteCache.clear();
    minuteCache.set(key, m);
  }
  return m;
}

function hhmm(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}
