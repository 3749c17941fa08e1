// The simulated borrowers' behaviour: who they are (shares per country) and how they answer
// contact, offers and promises. Every figure is here, once, and RESPONSE-MODEL.md says why each
// was chosen. This file belongs to the simulated world: the policy, the path runner and the gate
// never import it, and it was fixed before the policy and the baseline were compared.
import type { Channel } from '../../policies/compliance/rules.js';

export const ARCHETYPES = ['ordinary', 'new_to_credit', 'seasonal_farmer', 'strategic_defaulter', 'sudden_distress'] as const;
export type Archetype = (typeof ARCHETYPES)[number];

type PerArchetype<T> = Record<Archetype, T>;

/** Knobs for the sensitivity runs; the documented model is { responsiveness: 1, stopRate: 1, fatigue: true, collectorEffect: 1 }. */
export interface ResponseKnobs {
  /** multiplies every contact's nudge to pay and every reply chance to a contact */
  responsiveness: number;
  /** multiplies every STOP chance */
  stopRate: number;
  /** contact fatigue on (fewer payments and more STOPs past a weekly number of contacts) */
  fatigue: boolean;
  /** multiplies the chance a collector's conversation ends in a promise */
  collectorEffect: number;
}

export const DOCUMENTED_KNOBS: ResponseKnobs = { responsiveness: 1, stopRate: 1, fatigue: true, collectorEffect: 1 };

export const RESPONSE_MODEL = {
  /** shares of the five scenarios by country (weights out of 100) */
  archetypeShares: {
    IN: { ordinary: 45, new_to_credit: 20, seasonal_farmer: 15, strategic_defaulter: 8, sudden_distress: 12 },
    US: { ordinary: 55, new_to_credit: 10, seasonal_farmer: 3, strategic_defaulter: 15, sudden_distress: 17 },
    other: { ordinary: 55, new_to_credit: 10, seasonal_farmer: 5, strategic_defaulter: 12, sudden_distress: 18 },
  } as Record<'IN' | 'US' | 'other', PerArchetype<number>>,

  /** chance of paying on a day with no contact at all */
  basePayDaily: { ordinary: 0.006, new_to_credit: 0.008, seasonal_farmer: 0.002, strategic_defaulter: 0.0015, sudden_distress: 0.001 } as PerArchetype<number>,
  /** a farmer's chance on a day within 20 days after the harvest income arrives */
  farmerIncomePayDaily: 0.06,
  /** a distressed borrower's or a farmer's daily chance once on an affordable plan */
  planPayDaily: 0.03,

  /** the lift to the day's chance to pay from one contact that reached the borrower, before responsiveness */
  nudge: { sms: 0.025, whatsapp: 0.035, email: 0.01, letter: 0.02, voiceConversation: 0.08, voicemail: 0.008 },
  /** how strongly each scenario answers a contact (multiplies the nudge) */
  responsiveness: { ordinary: 1, new_to_credit: 1.6, seasonal_farmer: 0.7, strategic_defaulter: 0.2, sudden_distress: 0.35 } as PerArchetype<number>,
  /** a nudge halves each day after the contact */
  nudgeDecayPerDay: 0.5,
  /** each contact in the 7 days before weakens the next one: nudge / (1 + saturation x contacts) */
  saturationPerContact: 0.3,
  /** the most a day's chance to pay can reach */
  maxPayDaily: 0.9,

  /** chance a text is read (an unread text does nothing); a letter is opened once it arrives */
  readChance: { sms: 0.85, whatsapp: 0.9, email: 0.35, letter: 0.6, voice: 1 },
  /** days a letter takes in the post, from posting to the door (first class: 1 to 5) */
  letterTransitDays: 3,
  /** borrowers whose postal address is stale: the post returns their letters (percent) */
  letterReturnPercent: 3,
  /** days a written dispute takes to come back after the letter was read */
  letterReplyDays: 4,
  /** chance an automated call is answered by the borrower */
  answerChance: { ordinary: 0.3, new_to_credit: 0.35, seasonal_farmer: 0.25, strategic_defaulter: 0.1, sudden_distress: 0.25 } as PerArchetype<number>,
  /** a collector calls back at better times and lets it ring: answer chance x this */
  collectorAnswerBoost: 1.3,

  /** local hour factors on nudges and answers: [from hour, to hour exclusive, factor] */
  hourFactors: [
    [8, 11, 1],
    [11, 17, 0.85],
    [17, 21, 1.25],
  ] as Array<[number, number, number]>,
  farmerHourFactors: [
    [7, 10, 1.2],
    [10, 18, 0.8],
    [18, 21, 1.1],
  ] as Array<[number, number, number]>,
  /** outside every listed range */
  offHoursFactor: 0.7,

  /** fatigue: past this many contacts in 7 days, each further one cuts the chance to pay and raises STOP */
  fatigueFreeContacts: 4,
  fatiguePayFactorPerExcess: 0.9,
  fatigueStopIncreasePerExcess: 0.4,

  /** per text read: a STOP (email: unsubscribe at half this) */
  stopChance: { ordinary: 0.005, new_to_credit: 0.004, seasonal_farmer: 0.003, strategic_defaulter: 0.012, sudden_distress: 0.01 } as PerArchetype<number>,
  /** per text read: a dispute (US borrowers; elsewhere a tenth of it) */
  disputeChance: { ordinary: 0.001, new_to_credit: 0.0005, seasonal_farmer: 0.0005, strategic_defaulter: 0.015, sudden_distress: 0.002 } as PerArchetype<number>,
  disputeChanceOutsideUsFactor: 0.1,
  /** days the lender takes to record a dispute's verification */
  disputeVerificationDays: [10, 30] as [number, number],
  /** per text read: HELP, or PAY (which asks for the payment link: a day's chance x2) */
  helpChance: 0.005,
  payWordChance: 0.01,
  /** when the number on file is someone else's: the stranger replies "wrong number" */
  wrongNumberReplyChance: 0.35,
  wrongNumberAnswerReplyChance: 0.6,

  /** per read reminder, per read promise offer, per read plan offer, per answered IVR call: a promise to pay */
  promiseOnReminder: { ordinary: 0.03, new_to_credit: 0.04, seasonal_farmer: 0.02, strategic_defaulter: 0.01, sudden_distress: 0.01 } as PerArchetype<number>,
  promiseOnOffer: { ordinary: 0.12, new_to_credit: 0.18, seasonal_farmer: 0.08, strategic_defaulter: 0.06, sudden_distress: 0.05 } as PerArchetype<number>,
  planAcceptance: { ordinary: 0.08, new_to_credit: 0.05, seasonal_farmer: 0.3, strategic_defaulter: 0.03, sudden_distress: 0.3 } as PerArchetype<number>,
  promiseOnIvr: { ordinary: 0.25, new_to_credit: 0.3, seasonal_farmer: 0.2, strategic_defaulter: 0.1, sudden_distress: 0.15 } as PerArchetype<number>,
  /** a collector's conversation: a promise (in the hardship queue, a plan) */
  promiseOnCollector: { ordinary: 0.45, new_to_credit: 0.5, seasonal_farmer: 0.4, strategic_defaulter: 0.35, sudden_distress: 0.45 } as PerArchetype<number>,
  /** a promise kept (on a plan, and for a farmer once income arrives, the higher figure) */
  promiseKeep: { ordinary: 0.65, new_to_credit: 0.8, seasonal_farmer: 0.55, strategic_defaulter: 0.25, sudden_distress: 0.4 } as PerArchetype<number>,
  promiseKeepOnPlanOrIncome: 0.75,
  /** the day named in a promise: 1 to this many days ahead */
  promiseDaysAhead: 7,

  /** when paying, the chance the payment clears all arrears (otherwise one instalment) */
  fullPaymentShare: { ordinary: 0.65, new_to_credit: 0.8, seasonal_farmer: 0.3, strategic_defaulter: 0.9, sudden_distress: 0.1 } as PerArchetype<number>,
  farmerIncomeFullShare: 0.85,
  /** a distressed borrower off a plan pays half an instalment when paying partly */
  distressPartialShareBps: 5000,

  /** during the quarter: a bankruptcy filing (US) and a death reported, per borrower */
  bankruptcyChanceUs: 0.004,
  deceasedChance: 0.001,
} as const;

export function hourFactor(archetype: Archetype, localHour: number): number {
  const ranges = archetype === 'seasonal_farmer' ? RESPONSE_MODEL.farmerHourFactors : RESPONSE_MODEL.hourFactors;
  return ranges.find(([from, to]) => localHour >= from && localHour < to)?.[2] ?? RESPONSE_MODEL.offHoursFactor;
}

/** The nudge one contact that reached the borrower gives to the day's chance to pay. */
export function contactNudge(archetype: Archetype, channel: Channel, conversation: boolean, localHour: number, contactsInWeekBefore: number, knobs: ResponseKnobs): number {
  const m = RESPONSE_MODEL;
  const base = channel === 'voice' ? (conversation ? m.nudge.voiceConversation : m.nudge.voicemail) : m.nudge[channel];
  return (base * m.responsiveness[archetype] * hourFactor(archetype, localHour) * knobs.responsiveness) / (1 + m.saturationPerContact * contactsInWeekBefore);
}

/** Fatigue's multiplier on the chance to pay, and on STOP. */
export function fatigue(contactsInWeek: number, knobs: ResponseKnobs): { pay: number; stop: number } {
  const excess = knobs.fatigue ? Math.max(0, contactsInWeek - RESPONSE_MODEL.fatigueFreeContacts) : 0;
  return { pay: RESPONSE_MODEL.fatiguePayFactorPerExcess ** excess, stop: 1 + RESPONSE_MODEL.fatigueStopIncreasePerExcess * excess };
}

/** What a borrower writes back, in their language, for an understood intent (run through domain/recovery/inbound-reply.ts). */
export function replyText(kind: 'stop' | 'help' | 'pay' | 'dispute' | 'wrong_number' | 'promise' | 'refuse', language: 'en' | 'hi' | 'es', amountUnits: number, weekday: string, u: number): string {
  const hiDays: Record<string, string> = { monday: 'सोमवार', tuesday: 'मंगलवार', wednesday: 'बुधवार', thursday: 'गुरुवार', friday: 'शुक्रवार', saturday: 'शनिवार', sunday: 'रविवार' };
  const esDays: Record<string, string> = { monday: 'lunes', tuesday: 'martes', wednesday: 'miércoles', thursday: 'jueves', friday: 'viernes', saturday: 'sábado', sunday: 'domingo' };
  const alt = u < 0.5;
  switch (language) {
    case 'en':
      return { stop: alt ? 'STOP' : 'unsubscribe', help: 'HELP', pay: 'PAY', dispute: alt ? 'This is not my loan' : "I don't owe this", wrong_number: 'wrong number', promise: alt ? `I will pay ${amountUnits} on ${weekday}` : `ok I'll pay ${amountUnits} ${weekday}`, refuse: "I can't pay now" }[kind];
    case 'hi':
      return { stop: alt ? 'बंद करो' : 'band karo', help: 'मदद', pay: 'bhugtan', dispute: 'यह मेरा लोन नहीं है', wrong_number: alt ? 'galat number' : 'गलत नंबर', promise: alt ? `मैं ${hiDays[weekday]} को ${amountUnits} भर दूंगा` : `${weekday} ko ${amountUnits} de dunga`, refuse: 'abhi nahi de sakta' }[kind];
    case 'es':
      return { stop: alt ? 'ALTO' : 'baja', help: 'ayuda', pay: 'pagar', dispute: 'no es mi deuda', wrong_number: 'número equivocado', promise: `voy a pagar ${amountUnits} el ${esDays[weekday]}`, refuse: 'no puedo pagar ahora' }[kind];
  }
}
