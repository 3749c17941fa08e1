// The rules per jurisdiction, chosen from the borrower's address: the US (Regulation F, 12 CFR
// 1006, and the TCPA), India (RBI's directions on recovery agents and fair practices), and a
// default pack for every other country. Each pack also names the disclosures the gate adds to
// every message, so no template author has to remember them.
import { COMMON_RULES, DAY_MS, disputeRule, hoursRule, originalCreditorRule, sevenDayCapRule, TELEPHONE_CHANNELS, window, type Channel, type Rule } from './rules.js';

export interface Disclosure {
  id: string;
  citation: string;
  /** which channels carry it (all when absent) */
  channels?: readonly Channel[];
  /** added only until a contact carrying it has gone out on one of its channels (the validation information is given once) */
  untilGiven?: boolean;
}

export interface RulePack {
  jurisdiction: string;
  rules: readonly Rule[];
  disclosures: readonly Disclosure[];
  /**
   * Information that must reach the borrower in writing within a number of days of the first
   * communication about the debt, when that communication did not carry it (validation-window.ts).
   */
  writtenWithin?: { disclosure: string; businessDays: number; citation: string };
}

/** Written channels: what can carry a notice the law wants in writing or electronically (1006.34(a)(1), 1006.42); a letter is writing itself. */
export const WRITTEN_CHANNELS: readonly Channel[] = ['sms', 'whatsapp', 'email', 'letter'];

/** Electronic channels: those 1006.6(e) requires an opt-out notice in. A letter is not one. */
export const ELECTRONIC_CHANNELS: readonly Channel[] = ['sms', 'whatsapp', 'email'];

/** Every zone a US borrower could be in, for when the zone is not known (1006.6(b)(1)(i) then requires a time convenient in all of them). */
export const US_TIME_ZONES = ['America/New_York', 'America/Chicago', 'America/Denver', 'America/Phoenix', 'America/Los_Angeles', 'America/Anchorage', 'Pacific/Honolulu'] as const;

const US: RulePack = {
  jurisdiction: 'US',
  rules: [
    ...COMMON_RULES,
    hoursRule('us.reg-f.1006.6(b)(1)(i)', '12 CFR 1006.6(b)(1)(i): no communication before 8:00 a.m. or after 9:00 p.m. local time at the consumer\'s location', window('08:00', '21:00'), US_TIME_ZONES),
    sevenDayCapRule('us.reg-f.1006.14(b)(2)(i)(A)', '12 CFR 1006.14(b)(2)(i)(A): more than seven telephone calls within seven consecutive days is presumed harassment', 'voice', () => 7),
    {
      id: 'us.reg-f.1006.14(b)(2)(i)(B)',
      citation: '12 CFR 1006.14(b)(2)(i)(B): no telephone call within seven days after a telephone conversation about the debt',
      check(request, { history }) {
        if (request.channel !== 'voice') return { ok: true };
        const last = history.filter((c) => c.channel === 'voice' && c.conversation && c.at <= request.at).reduce<number | undefined>((m, c) => (m === undefined || c.at > m ? c.at : m), undefined);
        if (last === undefined || request.at >= last + 7 * DAY_MS) return { ok: true };
        return { ok: false, retryAt: last + 7 * DAY_MS, reason: 'a telephone conversation about the debt took place less than 7 days ago' };
      },
    },
    disputeRule('us.reg-f.1006.38', '12 CFR 1006.38(d)(2): after a timely dispute, collection stops until the verification is provided', 'a dispute awaits verification'),
    originalCreditorRule('us.reg-f.1006.38(c)', "12 CFR 1006.38(c): after a request for the original creditor's name and address, collection stops until the debt collector provides them"),
    {
      id: 'us.tcpa.automated-consent',
      citation: '47 U.S.C. 227(b)(1)(A)(iii), 47 CFR 64.1200(a)(1): autodialled or prerecorded calls and automated texts to a mobile need prior express consent, revocable by any reasonable means',
      check: (request, { standing }) =>
        request.automated && TELEPHONE_CHANNELS.includes(request.channel) && !standing.automatedConsent
          ? { ok: false, retryAt: null, reason: 'no consent to automated calls or texts' }
          : { ok: true },
    },
    {
      id: 'us.reg-f.1006.26(b)',
      citation: '12 CFR 1006.26(b): no suit or threat of suit on a time-barred debt',
      check: (request, { standing }) => (standing.timeBarred && request.threatensSuit ? { ok: false, retryAt: null, reason: 'the debt is time-barred and the message threatens suit' } : { ok: true }),
    },
  ],
  disclosures: [
    { id: 'us.reg-f.1006.18(e)', citation: '12 CFR 1006.18(e): every communication discloses that it is from a debt collector' },
    { id: 'us.reg-f.1006.6(e)', citation: '12 CFR 1006.6(e): every electronic communication gives a clear way to opt out', channels: ELECTRONIC_CHANNELS },
    // In writing: a call that speaks it gives nothing the consumer keeps (1006.34(a)(1), 1006.42).
    { id: 'us.reg-f.1006.34', citation: '12 CFR 1006.34: the validation information, in the first communication or in writing within five days of it', channels: WRITTEN_CHANNELS, untilGiven: true },
  ],
  writtenWithin: {
    disclosure: 'us.reg-f.1006.34',
    businessDays: 5,
    citation: '12 CFR 1006.34(a)(1)(i)(B): when the initial communication did not give the validation information, a validation notice in writing or electronically within five days (excluding legal public holidays, Saturdays and Sundays) after it',
  },
};

const INDIA: RulePack = {
  jurisdiction: 'IN',
  rules: [
    ...COMMON_RULES,
    // Calls and visits only between 08:00 and 19:00, in India's one time zone whatever the profile says.
    hoursRule('in.rbi.recovery-hours', 'RBI Master Direction on outsourcing of financial services (2023), recovery agents: contact only between 08:00 and 19:00', window('08:00', '19:00'), ['Asia/Kolkata'], ['Asia/Kolkata']),
    {
      id: 'in.rbi.third-parties',
      citation: 'RBI Fair Practices Code and recovery-agent directions: no contact with relatives, referees or other third parties to recover a debt',
      check: (request) => (request.toThirdParty ? { ok: false, retryAt: null, reason: 'third parties are not contacted about the debt' } : { ok: true }),
    },
    disputeRule('in.rbi.grievance', 'RBI Fair Practices Code (grievance redressal): a borrower who disputes the debt is answered before collection goes on'),
    originalCreditorRule('in.rbi.original-creditor', "RBI Fair Practices Code (transparency): a borrower who asks who the original lender is, and where, is answered before collection goes on"),
  ],
  disclosures: [{ id: 'in.rbi.identity', citation: 'RBI recovery-agent directions: every contact identifies the lender and the agent acting for it' }],
};

const DEFAULT: RulePack = {
  jurisdiction: 'default',
  rules: [
    ...COMMON_RULES,
    hoursRule('default.hours', 'Lender policy where no pack applies: 09:00 to 19:00 local time, in UTC when the zone is unknown', window('09:00', '19:00'), ['UTC']),
    disputeRule('default.dispute', 'Lender policy where no pack applies: a disputed debt is not collected until the dispute is answered'),
    originalCreditorRule('default.original-creditor', "Lender policy where no pack applies: a borrower who asks for the original creditor's name and address has them before collection goes on"),
  ],
  disclosures: [{ id: 'default.identity', citation: 'Lender policy: every contact identifies the lender' }],
};

export function rulePackFor(country: string): RulePack {
  if (country === 'US') return US;
  if (country === 'IN') return INDIA;
  return DEFAULT;
}
