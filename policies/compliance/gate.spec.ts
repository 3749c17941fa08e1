import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { localMinuteOfDay } from './contact-window.js';
import { checkContact } from './gate.js';
import { US_TIME_ZONES } from './rule-packs.js';
import { CHANNELS, CONTACT_PURPOSES, DAY_MS, UNTIMED_CHANNELS, type BorrowerStanding, type Channel, type ContactRequest, type GateContext, type PastContact } from './rules.js';

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
    expect(checkContact(request({ channel: 'email', at }), context({ history: [called] }))).toMatchObject({ allowed: true, disclosures: expect.arrayContaining([{ id: 'us.reg-f.1006.34', citation: expect.any(String), channels: ['sms', 'whatsapp', 'email', 'letter'], untilGiven: true }]) });
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
            const ctx = context({ standing: standing({ timeZone }), history, weeklyCaps: { sms: 3, email: 3, whatsapp: 3, letter: 3 } });
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
    // A letter is posted, and the post delivers it in its own hours days later: the hours are about when a consumer is reached.
    if (c.channel !== 'letter')
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

describe('the letter channel', () => {
  const at = Date.UTC(2026, 11, 10, 16);
  const letter = (over: Partial<ContactRequest> = {}) => request({ channel: 'letter', at, ...over });

  it('is written communication: it carries the debt-collector disclosure and the validation information, not the electronic opt-out', () => {
    expect(checkContact(letter(), context())).toMatchObject({ allowed: true, jurisdiction: 'US', disclosures: [{ id: 'us.reg-f.1006.18(e)' }, { id: 'us.reg-f.1006.34' }] });
    // A letter that carried the validation information gave it: the next email does not repeat it.
    const posted: PastContact = { channel: 'letter', at: at - DAY_MS, conversation: false, disclosures: ['us.reg-f.1006.18(e)', 'us.reg-f.1006.34'] };
    expect(checkContact(request({ channel: 'email', at }), context({ history: [posted] }))).toMatchObject({ allowed: true, disclosures: [{ id: 'us.reg-f.1006.18(e)' }, { id: 'us.reg-f.1006.6(e)' }] });
    // India: the lender and its agent named; elsewhere the lender.
    expect(checkContact(letter(), context({ standing: standing({ country: 'IN', timeZone: 'Asia/Kolkata' }) }))).toMatchObject({ allowed: true, disclosures: [{ id: 'in.rbi.identity' }] });
    expect(checkContact(letter(), context({ standing: standing({ country: 'GB', timeZone: 'Europe/London' }) }))).toMatchObject({ allowed: true, disclosures: [{ id: 'default.identity' }] });
  });

  it('is not held by calling hours in any pack, nor by the TCPA: it is posted, not dialled', () => {
    // 03:00 in New York; 04:30 in Kolkata; 02:00 in London; an unknown US zone at 07:30 in New York.
    expect(checkContact(letter({ at: Date.UTC(2026, 11, 10, 8) }), context())).toMatchObject({ allowed: true });
    expect(checkContact(letter({ at: Date.UTC(2026, 11, 9, 23) }), context({ standing: standing({ country: 'IN', timeZone: 'Asia/Kolkata' }) }))).toMatchObject({ allowed: true });
    expect(checkContact(letter({ at: Date.UTC(2026, 11, 10, 2) }), context({ standing: standing({ country: 'GB', timeZone: 'Europe/London' }) }))).toMatchObject({ allowed: true });
    expect(checkContact(letter({ at: Date.UTC(2026, 11, 10, 12, 30) }), context({ standing: standing({ timeZone: null }) }))).toMatchObject({ allowed: true });
    expect(checkContact(letter({ automated: true }), context({ standing: standing({ automatedConsent: false }) }))).toMatchObject({ allowed: true });
    // The same instant holds a text.
    expect(checkContact(request({ at: Date.UTC(2026, 11, 10, 8) }), context())).toMatchObject({ allowed: false, rule: 'us.reg-f.1006.6(b)(1)(i)' });
  });

  it('stops for a stop to all communication, an opt-out from letters, a dispute, bankruptcy and death, and counts against the policy\'s weekly cap', () => {
    const cases: [Partial<BorrowerStanding>, string][] = [
      [{ optedOutOfAll: true }, 'common.opt-out'],
      [{ optedOutChannels: ['letter'] }, 'common.opt-out'],
      [{ wrongNumberChannels: ['letter'] }, 'common.wrong-number'],
      [{ bankruptcy: true }, 'common.bankruptcy'],
      [{ deceased: true }, 'common.deceased'],
      [{ disputeOpen: true }, 'us.reg-f.1006.38'],
      [{ originalCreditorRequested: true }, 'us.reg-f.1006.38(c)'],
    ];
    for (const [who, rule] of cases) expect([rule, checkContact(letter(), context({ standing: standing(who) }))]).toEqual([rule, expect.objectContaining({ allowed: false, rule, retryAt: null })]);
    // A stop to texts and calls leaves letters open.
    expect(checkContact(letter(), context({ standing: standing({ optedOutChannels: ['sms', 'whatsapp', 'voice', 'email'] }) }))).toMatchObject({ allowed: true });
    const posted: PastContact[] = [1, 3].map((d) => ({ channel: 'letter', at: at - d * DAY_MS, conversation: false }));
    expect(checkContact(letter(), context({ history: posted, weeklyCaps: { letter: 2 } }))).toMatchObject({ allowed: false, rule: 'common.weekly-cap', retryAt: posted[1]!.at + 7 * DAY_MS });
    // The validation notice is not the policy's to ration.
    expect(checkContact(letter({ purpose: 'validation_notice' }), context({ history: posted, weeklyCaps: { letter: 2 } }))).toMatchObject({ allowed: true });
  });

  it('is how the notices 1006.6(c)(2) allows still go after a stop to all communication, and nothing else does', () => {
    const stopped = context({ standing: standing({ optedOutOfAll: true }) });
    expect(checkContact(letter({ purpose: 'cease_notice' }), stopped)).toMatchObject({ allowed: true, disclosures: [{ id: 'us.reg-f.1006.18(e)' }, { id: 'us.reg-f.1006.34' }] });
    expect(checkContact(request({ channel: 'email', at, purpose: 'cease_notice' }), stopped)).toMatchObject({ allowed: false, rule: 'common.opt-out', retryAt: null });
    for (const purpose of CONTACT_PURPOSES.filter((p) => p !== 'cease_notice')) expect(checkContact(letter({ purpose }), stopped)).toMatchObject({ allowed: false, rule: 'common.opt-out' });
    // Not past bankruptcy or death.
    expect(checkContact(letter({ purpose: 'cease_notice' }), context({ standing: standing({ optedOutOfAll: true, deceased: true }) }))).toMatchObject({ allowed: false, rule: 'common.deceased' });
    expect(checkContact(letter({ purpose: 'cease_notice' }), context({ standing: standing({ optedOutOfAll: true, bankruptcy: true }) }))).toMatchObject({ allowed: false, rule: 'common.bankruptcy' });
  });

  it('at any hour of any day, in any pack, a letter is decided by the borrower\'s standing alone', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: Date.UTC(2026, 0, 1), max: Date.UTC(2027, 11, 1) }),
        fc.constantFrom<[string, string | null]>(['US', 'America/Los_Angeles'], ['US', null], ['IN', 'Asia/Kolkata'], ['MX', 'America/Mexico_City'], ['GB', null]),
        fc.record({ optedOutOfAll: fc.boolean(), bankruptcy: fc.boolean(), deceased: fc.boolean(), disputeOpen: fc.boolean(), optedOutOfLetters: fc.boolean() }),
        fc.constantFrom(...CONTACT_PURPOSES),
        (when, [country, timeZone], flags, purpose) => {
          const who = standing({ country, timeZone, optedOutOfAll: flags.optedOutOfAll, bankruptcy: flags.bankruptcy, deceased: flags.deceased, disputeOpen: flags.disputeOpen, optedOutChannels: flags.optedOutOfLetters ? ['letter'] : [] });
          const decision = checkContact(letter({ at: when, purpose }), context({ standing: who }));
          const stopped = flags.bankruptcy || flags.deceased || flags.optedOutOfLetters || (flags.optedOutOfAll && purpose !== 'cease_notice') || (flags.disputeOpen && purpose !== 'original_creditor');
          expect(decision.allowed).toBe(!stopped);
          // Never "try again later": nothing about a letter waits for an hour.
          if (!decision.allowed) expect(decision.retryAt).toBeNull();
          expect(UNTIMED_CHANNELS).toContain('letter');
        },
      ),
      { numRuns: 300, seed: 634 },
    );
  });
});
