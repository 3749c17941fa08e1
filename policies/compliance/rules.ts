// The compliance gate's rules, each with an id and the text it comes from. A rule looks at one
// requested contact, the borrower's standing (opt-outs, flags, consent) and the contact history,
// and either lets it through or blocks it with the earliest instant it would allow the same
// contact (null: not by waiting). Pure: the gate (gate.ts) combines them per jurisdiction.
import { isKnownTimeZone, isWithinWindow, minutesOf, nextInstantWithinWindow, type DailyWindow } from './contact-window.js';

export const CHANNELS = ['sms', 'whatsapp', 'email', 'voice', 'letter'] as const;
export type Channel = (typeof CHANNELS)[number];

/** Calls and texts to a phone: the channels the TCPA's consent rule covers when they are automated. */
export const TELEPHONE_CHANNELS: readonly Channel[] = ['sms', 'whatsapp', 'voice'];

/** Whether a contact on a channel is automated unless a step says otherwise: every text and call Credence makes is; an email or a letter is not a TCPA contact. */
export function automatedByDefault(channel: Channel): boolean {
  return TELEPHONE_CHANNELS.includes(channel);
}

/**
 * Channels the time-of-day rules do not hold. A letter is printed and posted by the mail house
 * and put through the door by the post in its own delivery hours, days after it leaves: the
 * instant Credence hands it over is not an instant it reaches anyone. Reg F's hours
 * (1006.6(b)(1)(i): no communication at a time the collector knows to be inconvenient) protect
 * the consumer from being reached at such a time, which posting cannot do; the CFPB ties an
 * electronic communication's time to its sending because that is when it arrives, and a
 * letter's sending is not its arrival. India's hours are the RBI's for calls and visits; the
 * default pack's hours follow the same reading. Everything else (opt-outs, a stop to all
 * communication, disputes, bankruptcy and death, the policy's caps) holds a letter as any contact.
 */
export const UNTIMED_CHANNELS: readonly Channel[] = ['letter'];

const DAY_MS = 24 * 60 * 60_000;

/**
 * What a contact is for. Dunning is `collection`; the others are what the law requires the
 * collector to send (the validation notice, 12 CFR 1006.34; the original creditor's name and
 * address, 1006.38(c)): the policy's own caps never hold them back, and the answer about the
 * original creditor is not held by the pause that waits for it. `cease_notice` is what
 * 1006.6(c)(2) still allows after a consumer asked the collector to stop communicating (that
 * collection efforts end, or that a named remedy may be or will be invoked): it goes by letter
 * only, past that request (common.opt-out) and nothing else.
 */
export const CONTACT_PURPOSES = ['collection', 'validation_notice', 'original_creditor', 'cease_notice'] as const;
export type ContactPurpose = (typeof CONTACT_PURPOSES)[number];

export interface ContactRequest {
  channel: Channel;
  /** when it would go out, epoch ms */
  at: number;
  /** an autodialled or prerecorded call, or an automated text */
  automated: boolean;
  /** someone other than the borrower (a reference, a relative) */
  toThirdParty: boolean;
  /** the template threatens legal action */
  threatensSuit: boolean;
  /** collection when absent */
  purpose?: ContactPurpose;
}

export interface PastContact {
  channel: Channel;
  at: number;
  /** a call that reached the borrower and was about the debt */
  conversation: boolean;
  /** a collector's own call (recorded from their outcome on the case), not a contact the gate let through and added disclosures to */
  collector?: boolean;
  /** the disclosures it carried (rule-packs.ts ids) */
  disclosures?: readonly string[];
}

export interface BorrowerStanding {
  /** ISO 3166 alpha-2 of the borrower's address */
  country: string;
  /** IANA zone when known */
  timeZone: string | null;
  optedOutOfAll: boolean;
  optedOutChannels: readonly Channel[];
  wrongNumberChannels: readonly Channel[];
  bankruptcy: boolean;
  deceased: boolean;
  /** a dispute not yet answered by verification */
  disputeOpen: boolean;
  /** prior express consent to automated calls and texts to a mobile */
  automatedConsent: boolean;
  /** the debt is past its limitation period */
  timeBarred: boolean;
  /** the borrower asked for the original creditor's name and address and has not had them yet (1006.38(c)); absent: no */
  originalCreditorRequested?: boolean;
}

export interface GateContext {
  standing: BorrowerStanding;
  /** every contact attempt on this debt, any channel, collectors' calls included */
  history: readonly PastContact[];
  /** the policy's caps, per channel per 7 days */
  weeklyCaps: Partial<Record<Channel, number>>;
}

export type RuleResult = { ok: true } | { ok: false; retryAt: number | null; reason: string };

export interface Rule {
  id: string;
  citation: string;
  check(request: ContactRequest, context: GateContext): RuleResult;
}

const OK: RuleResult = { ok: true };
const never = (reason: string): RuleResult => ({ ok: false, retryAt: null, reason });

/** Local hours in every zone the borrower could be in; `zonesWhenUnknown` when the zone is not known. */
export function hoursRule(id: string, citation: string, window: DailyWindow, zonesWhenUnknown: readonly string[], fixedZones?: readonly string[]): Rule {
  return {
    id,
    citation,
    check(request, { standing }) {
      if (UNTIMED_CHANNELS.includes(request.channel)) return OK;
      const known = standing.timeZone !== null && isKnownTimeZone(standing.timeZone) ? [standing.timeZone] : zonesWhenUnknown;
      const zones = fixedZones ?? known;
      if (isWithinWindow(request.at, zones, window)) return OK;
      const retryAt = nextInstantWithinWindow(request.at, zones, window);
      return { ok: false, retryAt, reason: `outside ${formatWindow(window)} in ${zones.join(', ')}` };
    },
  };
}

/** At most `limit` contacts on a channel in any 7 consecutive days (the new one included). */
export function sevenDayCapRule(id: string, citation: string, channel: Channel | 'policy', limitFor: (context: GateContext, request: ContactRequest) => number | undefined): Rule {
  return {
    id,
    citation,
    check(request, context) {
      if (channel !== 'policy' && request.channel !== channel) return OK;
      // The policy's caps ration dunning; a notice the law requires is not held back by them.
      if (channel === 'policy' && (request.purpose ?? 'collection') !== 'collection') return OK;
      const limit = limitFor(context, request);
      if (limit === undefined) return OK;
      const within = context.history.filter((c) => c.channel === request.channel && c.at > request.at - 7 * DAY_MS && c.at <= request.at).map((c) => c.at).sort((a, b) => a - b);
      if (within.length < limit) return OK;
      if (limit === 0) return never(`the policy allows no ${request.channel} contact`);
      // The window must lose enough of them: the (n - limit + 1)th oldest leaves at its own time + 7 days.
      const leaving = within[within.length - limit]!;
      return { ok: false, retryAt: leaving + 7 * DAY_MS, reason: `${within.length} ${request.channel} contacts in the last 7 days (at most ${limit})` };
    },
  };
}

/**
 * Collection stops while the borrower waits for the original creditor's name and address; the
 * answer itself goes (it is what lifts the stop), and waiting alone lifts nothing.
 */
export function originalCreditorRule(id: string, citation: string): Rule {
  return {
    id,
    citation,
    check: (request, { standing }) => (standing.originalCreditorRequested === true && request.purpose !== 'original_creditor' ? never('the borrower asked for the original creditor\'s name and address and has not had them yet') : OK),
  };
}

/** Collection stops while a dispute awaits its answer; waiting does not lift it, the answer does. The answer about the original creditor is not collection. */
export function disputeRule(id: string, citation: string, reason = 'a dispute awaits its answer'): Rule {
  return { id, citation, check: (request, { standing }) => (standing.disputeOpen && request.purpose !== 'original_creditor' ? never(reason) : OK) };
}

export const COMMON_RULES: readonly Rule[] = [
  {
    id: 'common.deceased',
    citation: 'Lender policy: no collection contact with a deceased borrower; the estate is handled by a person',
    check: (_r, { standing }) => (standing.deceased ? never('the borrower is recorded as deceased') : OK),
  },
  {
    id: 'common.bankruptcy',
    citation: 'Lender policy (and the automatic stay, 11 U.S.C. 362, in the US): no collection contact in bankruptcy',
    check: (_r, { standing }) => (standing.bankruptcy ? never('the borrower is in bankruptcy') : OK),
  },
  {
    id: 'common.opt-out',
    citation: 'Opt-outs by STOP, UNSUBSCRIBE (and their Hindi and Spanish equivalents), email unsubscribe or the IVR are honoured (12 CFR 1006.6(c), 1006.14(h); TCPA); after a request to stop all communication, only the notices 1006.6(c)(2) allows, by letter',
    check: (request, { standing }) => {
      // A request to stop communicating still lets the collector say, in writing, that it stops or what it will do (1006.6(c)(2)).
      if (standing.optedOutOfAll && !(request.purpose === 'cease_notice' && request.channel === 'letter')) return never('the borrower asked not to be contacted');
      return standing.optedOutChannels.includes(request.channel) ? never(`the borrower opted out of ${request.channel}`) : OK;
    },
  },
  {
    id: 'common.wrong-number',
    citation: 'Lender policy: a number or address reported as not the borrower\'s is not used again',
    check: (request, { standing }) => (standing.wrongNumberChannels.includes(request.channel) ? never(`${request.channel} reached a wrong party before`) : OK),
  },
  sevenDayCapRule('common.weekly-cap', 'The recovery policy\'s cap per channel per 7 days', 'policy', (context, request) => context.weeklyCaps[request.channel]),
];

function formatWindow(window: DailyWindow): string {
  const hhmm = (m: number) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
  return `${hhmm(window.startMinute)}-${hhmm(window.endMinute)}`;
}

export const window = (from: string, to: string): DailyWindow => ({ startMinute: minutesOf(from), endMinute: minutesOf(to) });
export { DAY_MS };
