import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { localMinuteOfDay } from './contact-window.js';
import { checkContact } from './gate.js';
import { US_TIME_ZONES } from './rule-packs.js';
import { CHANNELS, DAY_MS, type BorrowerStanding, type Channel, type ContactRequest, type GateContext, type PastContact } from './rules.js';

const standing = (over: Partial<BorrowerStanding> = {}): BorrowerStanding => ({
  country: 'US',
  timeZone: 'America/New_York',
  optedOutOfAll: false,
  optedOutChannels: [],
  wrongNumberChannels: [],
  bankruptcy: false,
  deceased: false,
  disputeOpen: false,
  automatedConsent: true,
  timeBarred: false,
  ...over,
});
const request = (over: Partial<ContactRequest> = {}): ContactRequest => ({ channel: 'sms', at: Date.UTC(2026, 11, 3, 15), automated: false, toThirdParty: false, threatensSuit: false, ...over });
const context = (over: Partial<GateContext> = {}): GateContext => ({ standing: standing(), history: [], weeklyCaps: {}, ...over });

describe('the compliance gate', () => {
  it('lets a contact in hours through, with the disclosures its pack requires', () => {
    const first = checkContact(request(), context());
    expect(first).toMatchObject({ allowed: true, jurisdiction: 'US', disclosures: [{ id: 'us.reg-f.1006.18(e)' }, { id: 'us.reg-f.1006.6(e)' }, { id: 'us.reg-f.1006.34' }] });
    const texted: PastContact = { channel: 'sms', at: Date.UTC(2026, 11, 1, 15), conversation: false, disclosures: ['us.reg-f.1006.18(e)', 'us.reg-f.1006.34'] };
    expect(checkContact(request({ channel: 'voice' }), context({ history: [texted] }))).toMatchObject({ allowed: true, disclosures: [{ id: 'us.reg-f.1006.18(e)' }] });
    expect(checkContact(request({ channel: 'email' }), context({ history: [texted] }))).toMatchObject({ allowed: true, disclosures: [{ id: 'us.reg-f.1006.18(e)' }, { id: 'us.reg-f.1006.6(e)' }] });
    // 06:00 UTC is 11:30 in Kolkata.
    expect(checkContact(request({ at: Date.UTC(2026, 11, 3, 6) }), context({ standing: standing({ country: 'IN', timeZone: 'Asia/Kolkata' }) }))).toMatchObject({ allowed: true, jurisdiction: 'IN', disclosures: [{ id: 'in.rbi.identity' }] });
  });

  it('blocks outside local hours and reschedules to the moment they open, across every US zone when the zone is unknown', () => {
    // 12:30 UTC is 07:30 in New York.
    expect(checkContact(request({ at: Date.UTC(2026, 11, 3, 12, 30) }), context())).toMatchObject({ allowed: false, rule: 'us.reg-f.1006.6(b)(1)(i)', retryAt: Date.UTC(2026, 11, 3, 13) });
    // Unknown zone: 08:00 in Honolulu is 18:00 UTC.
    expect(checkContact(request({ at: Date.UTC(2026, 11, 3, 12, 30) }), context({ standing: standing({ timeZone: null }) }))).toMatchObject({ allowed: false, retryAt: Date.UTC(2026, 11, 3, 18) });
    // India: 19:00 in Kolkata is 13:30 UTC, whatever zone the profile says.
    expect(checkContact(request({ at: Date.UTC(2026, 11, 3, 14) }), context({ standing: standing({ country: 'IN', timeZone: 'America/New_York' }) }))).toMatchObject({
      allowed: false,
      rule: 'in.rbi.recovery-hours',
      retryAt: Date.UTC(2026, 11, 4, 2, 30),
    });
  });

  it('counts calls: an eighth in seven days waits for the oldest to leave the window, and none follows a conversation for seven days', () => {
    const at = Date.UTC(2026, 11, 10, 16);
    const calls: PastContact[] = Array.from({ length: 7 }, (_, i) => ({ channel: 'voice', at: at - (6 - i) * DAY_MS - 60 * 60_000, conversation: false }));
    const eighth = checkContact(request({ channel: 'voice', at }), context({ history: calls }));
    expect(eighth).toMatchObject({ allowed: false, rule: 'us.reg-f.1006.14(b)(2)(i)(A)', retryAt: calls[0]!.at + 7 * DAY_MS });
    const talked = checkContact(request({ channel: 'voice', at }), context({ history: [{ channel: 'voice', at: at - 2 * DAY_MS, conversation: true }] }));
    expect(talked).toMatchObject({ allowed: false, rule: 'us.reg-f.1006.14(b)(2)(i)(B)', retryAt: at + 5 * DAY_MS });
    // A text is not a call.
    expect(checkContact(request({ channel: 'sms', at }), context({ history: calls }))).toMatchObject({ allowed: true });
  });

  it('counts a collector\'s calls and conversations like its own, but still gives the validation information in the first message it sends', () => {
    const at = Date.UTC(2026, 11, 10, 16);
    const collectorTalked: PastContact = { channel: 'voice', at: at - 2 * DAY_MS, conversation: true, collector: true };
    expect(checkContact(request({ channel: 'voice', at, automated: true }), context({ history: [collectorTalked] }))).toMatchObject({ allowed: false, rule: 'us.reg-f.1006.14(b)(2)(i)(B)', retryAt: collectorTalked.at + 7 * DAY_MS });
    const collectorCalls: PastContact[] = Array.from({ length: 7 }, (_, i) => ({ channel: 'voice', at: at - (6 - i) * DAY_MS - 60 * 60_000, conversation: false, collector: true }));
    expect(checkContact(request({ channel: 'voice', at, automated: true }), context({ history: collectorCalls }))).toMatchObject({ allowed: false, rule: 'us.reg-f.1006.14(b)(2)(i)(A)', retryAt: collectorCalls[0]!.at + 7 * DAY_MS });
    const text = checkContact(request({ at }), context({ history: [collectorTalked] }));
    expect(text).toMatchObject({ allowed: true, disclosures: [{ id: 'us.reg-f.1006.18(e)' }, { id: 'us.reg-f.1006.6(e)' }, { id: 'us.reg-f.1006.34' }] });
  });

  it('gives the validation information in writing: never in a call, and on every text or email until one carried it', () => {
    const at = Date.UTC(2026, 11, 10, 16);
    const call = checkContact(request({ channel: 'voice', at, automated: true }), context());
    expect(call).toMatchObject({ allowed: true, disclosures: [{ id: 'us.reg-f.1006.18(e)' }] });
    // An automated call that went out (and carried only the debt-collector disclosure) leaves the validation information owed.
    const called: PastContact = { channel: 'voice', at: at - DAY_MS, conversation: true, disclosures: ['us.reg-f.1006.18(e)'] };
    expect(checkContact(request({ channel: 'email', at }), context({ history: [called] }))).toMatchObject({ allowed: true, disclosures: expect.arrayContaining([{ id: 'us.reg-f.1006.34', citation: expect.any(String), channels: ['sms', 'whatsapp', 'email'], untilGiven: true }]) });
  });

  it('lets the notices the law requires past the policy\'s caps, and the answer about the original creditor past the pause that awaits it', () => {
    const at = Date.UTC(2026, 11, 10, 16);
    const emails: PastContact[] = [1, 2].map((d) => ({ channel: 'email', at: at - d * DAY_MS, conversation: false, disclosures: ['us.reg-f.1006.34'] }));
    const capped = context({ history: emails, weeklyCaps: { email: 2 } });
    expect(checkContact(request({ channel: 'email', at }), capped)).toMatchObject({ allowed: false, rule: 'common.weekly-cap' });
    expect(checkContact(request({ channel: 'email', at, purpose: 'validation_notice' }), capped)).toMatchObject({ allowed: true });
    expect(checkContact(request({ channel: 'email', at, purpose: 'original_creditor' }), capped)).toMatchObject({ allowed: true });

    const asked = context({ standing: standing({ originalCreditorRequested: true }) });
    expect(checkContact(request({ channel: 'email', at }), asked)).toMatchObject({ allowed: false, rule: 'us.reg-f.1006.38(c)', retryAt: null });
    expect(checkContact(request({ channel: 'email', at, purpose: 'validation_notice' }), asked)).toMatchObject({ allowed: false, rule: 'us.reg-f.1006.38(c)' });
    expect(checkContact(request({ channel: 'email', at, purpose: 'original_creditor' }), asked)).toMatchObject({ allowed: true });
    // The answer is not collection: an open dispute does not hold it either, in any pack; hours and opt-outs still do.
    expect(checkContact(request({ channel: 'email', at, purpose: 'original_creditor' }), context({ standing: standing({ originalCreditorRequested: true, disputeOpen: true }) }))).toMatchObject({ allowed: true });
    const india = standing({ country: 'IN', timeZone: 'Asia/Kolkata', originalCreditorRequested: true, disputeOpen: true });
    expect(checkContact(request({ at: Date.UTC(2026, 11, 3, 6) }), context({ standing: india }))).toMatchObject({ allowed: false, rule: 'in.rbi.grievance' });
    expect(checkContact(request({ at: Date.UTC(2026, 11, 3, 6) }), context({ standing: { ...india, disputeOpen: false } }))).toMatchObject({ allowed: false, rule: 'in.rbi.original-creditor' });
    expect(checkContact(request({ at: Date.UTC(2026, 11, 3, 6), purpose: 'original_creditor' }), context({ standing: india }))).toMatchObject({ allowed: true });
    expect(checkContact(request({ at: Date.UTC(2026, 11, 10, 12), purpose: 'original_creditor' }), asked)).toMatchObject({ allowed: false, rule: 'us.reg-f.1006.6(b)(1)(i)' });
    expect(checkContact(request({ channel: 'email', at, purpose: 'original_creditor' }), context({ standing: standing({ originalCreditorRequested: true, optedOutChannels: ['email'] }) }))).toMatchObject({ allowed: false, rule: 'common.opt-out' });
  });

  it('stops for good, saying why, where waiting does not help', () => {
    const cases: [Partial<BorrowerStanding>, Partial<ContactRequest>, string][] = [
      [{ optedOutOfAll: true }, {}, 'common.opt-out'],
      [{ optedOutChannels: ['sms'] }, {}, 'common.opt-out'],
      [{ wrongNumberChannels: ['sms'] }, {}, 'common.wrong-number'],
      [{ bankruptcy: true }, {}, 'common.bankruptcy'],
      [{ deceased: true }, {}, 'common.deceased'],
      [{ disputeOpen: true }, {}, 'us.reg-f.1006.38'],
      [{ originalCreditorRequested: true }, {}, 'us.reg-f.1006.38(c)'],
      [{ automatedConsent: false }, { automated: true }, 'us.tcpa.automated-consent'],
      [{ timeBarred: true }, { threatensSuit: true }, 'us.reg-f.1006.26(b)'],
      [{ country: 'IN', timeZone: 'Asia/Kolkata' }, { toThirdParty: true, at: Date.UTC(2026, 11, 3, 6) }, 'in.rbi.third-parties'],
    ];
    for (const [who, what, rule] of cases) expect([rule, checkContact(request(what), context({ standing: standing(who) }))]).toEqual([rule, expect.objectContaining({ allowed: false, rule, retryAt: null })]);
    // Opted out of texts only: email still goes.
    expect(checkContact(request({ channel: 'email' }), context({ standing: standing({ optedOutChannels: ['sms'] }) }))).toMatchObject({ allowed: true });
  });

  it('holds the policy cap per channel per week, and finds an instant every rule allows at once', () => {
    const at = Date.UTC(2026, 11, 10, 1); // 20:00 in New York: in hours for another hour
    const texts: PastContact[] = [0, 1].map((d) => ({ channel: 'sms', at: at - (6 - d) * DAY_MS + 3 * 60 * 60_000, conversation: false }));
    const decision = checkContact(request({ at }), context({ weeklyCaps: { sms: 2 }, history: texts }));
    // The cap reopens at 04:00 New York time; hours then move it to 08:00.
    expect(decision).toMatchObject({ allowed: false, rule: 'common.weekly-cap' });
    if (!decision.allowed) {
      expect(decision.retryAt).not.toBeNull();
      expect(localMinuteOfDay(decision.retryAt!, 'America/New_York')).toBe(8 * 60);
      expect(checkContact(request({ at: decision.retryAt! }), context({ weeklyCaps: { sms: 2 }, history: texts }))).toMatchObject({ allowed: true });
    }
  });

  it('no sequence of requested contacts, across zones, daylight-saving changes and conversations, yields a violation an independent check finds', () => {
    const zones = [...US_TIME_ZONES, null];
    fc.assert(
      fc.property(
        fc.constantFrom(...zones),
        fc.integer({ min: Date.UTC(2026, 0, 1), max: Date.UTC(2027, 11, 1) }),
        fc.array(fc.record({ gapMinutes: fc.integer({ min: 1, max: 3 * 24 * 60 }), channel: fc.constantFrom<Channel>(...CHANNELS), conversation: fc.boolean() }), { minLength: 1, maxLength: 40 }),
        (timeZone, start, requests) => {
          const history: PastContact[] = [];
          let at = start;
          for (const r of requests) {
            at += r.gapMinutes * 60_000;
            const ctx = context({ standing: standing({ timeZone }), history, weeklyCaps: { sms: 3, email: 3, whatsapp: 3 } });
            let decision = checkContact(request({ channel: r.channel, at }), ctx);
            // A blocked contact is rescheduled, as the recovery workflow does, and asked again then.
            if (!decision.allowed && decision.retryAt !== null) {
              at = decision.retryAt;
              decision = checkContact(request({ channel: r.channel, at }), ctx);
            }
            if (decision.allowed) history.push({ channel: r.channel, at, conversation: r.channel === 'voice' && r.conversation });
          }
          expect(violations(history, timeZone)).toEqual([]);
        },
      ),
      { numRuns: 200, seed: 1006 },
    );
  });
});

/** An independent reading of the US rules over a contact log (not the gate grading itself). */
function violations(log: readonly PastContact[], timeZone: string | null): string[] {
  const found: string[] = [];
  const zones = timeZone ? [timeZone] : [...US_TIME_ZONES];
  for (const c of log) {
    for (const zone of zones) {
      const minute = localMinuteOfDay(c.at, zone);
      if (minute < 8 * 60 || minute >= 21 * 60) found.push(`${new Date(c.at).toISOString()} is ${Math.floor(minute / 60)}:${minute % 60} in ${zone}`);
    }
    const sameWeek = (ch: Channel) => log.filter((o) => o.channel === ch && o.at <= c.at && o.at > c.at - 7 * DAY_MS).length;
    if (c.channel === 'voice' && sameWeek('voice') > 7) found.push(`more than 7 calls in the 7 days to ${new Date(c.at).toISOString()}`);
    if (c.channel !== 'voice' && sameWeek(c.channel) > 3) found.push(`more than 3 ${c.channel} in the 7 days to ${new Date(c.at).toISOString()}`);
    if (c.channel === 'voice' && log.some((o) => o.channel === 'voice' && o.conversation && o.at < c.at && c.at < o.at + 7 * DAY_MS)) found.push(`a call within 7 days of a conversation at ${new Date(c.at).toISOString()}`);
  }
  return found;
}
