// What a borrower's reply to a collection message asks for, in English, Hindi (Devanagari and
// the romanised Hindi people type) and Spanish: stop (all messages, or this channel), help, a
// request to pay, a dispute, a wrong number, a request for a repayment plan (in how many
// instalments), or a promise to pay an amount on a day. Pure and
// deterministic: the recovery workflow acts on the result, and the compliance gate honours an
// opt-out from then on. Amounts are read as whole units of the loan's currency and returned in
// minor units; a day is resolved against the date the reply arrived.
import { addDays, parseIsoDate, type IsoDate } from '../calendar.js';

export type ReplyIntent =
  | { kind: 'stop' }
  | { kind: 'help' }
  | { kind: 'pay' }
  /** originalCreditor: the borrower also asked for the original creditor's name and address (the validation notice's form) */
  | { kind: 'dispute'; originalCreditor?: true }
  /** the borrower asks for the original creditor's name and address, and disputes nothing (the validation notice's form) */
  | { kind: 'original_creditor' }
  | { kind: 'wrong_number' }
  | { kind: 'promise'; amountMinor: number | null; on: IsoDate | null }
  /** the borrower asks to pay in instalments (PLAN, "PLAN 3", "can I pay in 4 instalments", EMI, किस्त, cuotas): a plan is proposed for them */
  | { kind: 'plan'; instalments: number | null }
  | { kind: 'unknown' };

// Carrier keywords (CTIA) and their Hindi and Spanish equivalents; matched as the whole message.
const STOP_WORDS = ['stop', 'stopall', 'unsubscribe', 'cancel', 'end', 'quit', 'optout', 'opt out', 'revoke', 'band karo', 'bandh karo', 'बंद', 'बंद करो', 'रोको', 'alto', 'parar', 'para', 'baja', 'cancelar'];
// A revocation by any reasonable means (TCPA) is honoured: "STOP ALL", "please stop", "stop
// calling me", "don't contact me", "unsubscribe me" are stops too, in a short message that asks
// for nothing else. A longer message that merely mentions stopping goes to a person as unknown.
const STOP_REQUEST = /^(please )?(stop|unsubscribe|cancel|end|quit|opt ?out)( (all|me|now|it|this|please|messaging|messages|texting|texts|calling|calls|emailing|emails|contacting)){0,3}( me)?$|^(please )?(do not|don'?t) (call|text|message|email|contact)( me)?( again| anymore| any more)?$|^(mujhe )?(call|message|sms) (mat|na) karo$|^(no|deja de) (me )?(llames|escribas|contactes)$/;
const HELP_WORDS = ['help', 'info', 'madad', 'मदद', 'ayuda'];
const PAY_WORDS = ['pay', 'payment', 'pay now', 'bhugtan', 'भुगतान', 'pagar', 'pago'];

const DISPUTE = /\b(dispute|not my (loan|debt)|i don'?t owe|never (took|borrowed))\b|मेरा (लोन|कर्ज) नहीं|no es mi deuda|no debo/i;
const WRONG_NUMBER = /\bwrong (number|person)\b|गलत नंबर|galat (number|numbr)|n[uú]mero equivocado/i;
const PROMISE = /\b(will pay|i'?ll pay|can pay|pay on|paying on|promise)\b|\b(dunga|dungi|kar dunga|kar dungi|bhar dunga|bhar dungi)\b|दूंगा|दूँगा|दूंगी|कर दूंगा|भर दूंगा|\b(pagar[eé]|voy a pagar|puedo pagar)(?![a-z])/i;

// A request to pay in instalments, before a promise: "I will pay in 3 instalments" asks for a plan.
const PLAN = /^(plan|emi)\b|\b(payment plan|repayment plan|instal+ments?|emis?|kisht|kishton|plan de pagos?|cuotas)\b|किस्त/i;
/** The instalments asked for: a count from 2 to 36 ("PLAN 3", "in 4 instalments", "6 months"). */
const PLAN_COUNT = /\b([2-9]|[12]\d|3[0-6])\b(?!\s*(?:,\d|\d))/;

// "I can't pay on Friday" is not a promise: a reply that says no goes to a person.
const NEGATION = /\b(can'?t|cannot|won'?t|will not|unable|nahi|nahin)\b|नहीं|\bno (puedo|voy)\b/i;

const WEEKDAYS: Record<string, number> = {
  sunday: 0, monday: 1, tuesday: 2, wednesday: 3, thursday: 4, friday: 5, saturday: 6,
  ravivar: 0, somvar: 1, mangalvar: 2, budhvar: 3, guruvar: 4, shukravar: 5, shanivar: 6,
  रविवार: 0, सोमवार: 1, मंगलवार: 2, बुधवार: 3, गुरुवार: 4, शुक्रवार: 5, शनिवार: 6,
  domingo: 0, lunes: 1, martes: 2, miercoles: 3, miércoles: 3, jueves: 4, viernes: 5, sabado: 6, sábado: 6,
};
const RELATIVE_DAYS: Record<string, number> = { today: 0, tomorrow: 1, aaj: 0, kal: 1, आज: 0, कल: 1, hoy: 0, mañana: 1, manana: 1 };

/** Devanagari digits to ASCII, so ५००० reads as 5000. */
const asciiDigits = (text: string) => text.replace(/[०-९]/g, (d) => String(d.charCodeAt(0) - 0x0966));

export function understandReply(text: string, receivedOn: IsoDate, minorPerUnit = 100): ReplyIntent {
  const normalised = asciiDigits(text).normalize('NFC').trim().toLowerCase().replace(/[.!?]+$/u, '').replace(/\s+/g, ' ');
  if (STOP_WORDS.includes(normalised) || STOP_REQUEST.test(normalised)) return { kind: 'stop' };
  if (HELP_WORDS.includes(normalised)) return { kind: 'help' };
  if (PAY_WORDS.includes(normalised)) return { kind: 'pay' };
  if (WRONG_NUMBER.test(normalised)) return { kind: 'wrong_number' };
  if (DISPUTE.test(normalised)) return { kind: 'dispute' };
  if (PLAN.test(normalised)) {
    const count = PLAN_COUNT.exec(normalised);
    return { kind: 'plan', instalments: count ? Number(count[1]) : null };
  }
  if (PROMISE.test(normalised) && !NEGATION.test(normalised)) return { kind: 'promise', amountMinor: amountIn(normalised, minorPerUnit), on: dayIn(normalised, receivedOn) };
  return { kind: 'unknown' };
}

/** The first number of at least two digits (commas and Indian grouping allowed), as minor units. */
export function amountIn(text: string, minorPerUnit: number): number | null {
  const match = /(?:₹|rs\.?|inr|\$|usd)?\s*(\d{1,3}(?:,\d{2,3})+|\d{2,})(?:\.(\d{1,2}))?/i.exec(text);
  if (!match) return null;
  const whole = Number(match[1]!.replace(/,/g, ''));
  const fraction = match[2] ? Number(match[2].padEnd(2, '0')) : 0;
  return Number.isSafeInteger(whole) ? whole * minorPerUnit + Math.round((fraction * minorPerUnit) / 100) : null;
}

/** A weekday (the next one after today), today or tomorrow, or an ISO date written out. */
export function dayIn(text: string, receivedOn: IsoDate): IsoDate | null {
  const iso = /\b(\d{4}-\d{2}-\d{2})\b/.exec(text);
  if (iso) return iso[1] as IsoDate;
  for (const word of text.split(/[\s,]+/)) {
    if (word in RELATIVE_DAYS) return addDays(receivedOn, RELATIVE_DAYS[word]!);
    if (word in WEEKDAYS) {
      const { year, month, day } = parseIsoDate(receivedOn);
      const today = new Date(Date.UTC(year, month - 1, day)).getUTCDay();
      const ahead = (WEEKDAYS[word]! - today + 7) % 7 || 7;
      return addDays(receivedOn, ahead);
    }
  }
  return null;
}
