// Whether a borrower is owed information that must reach them in writing within days of the first
// communication about the debt (Reg F's validation notice, 12 CFR 1006.34(a)(1)): the gate puts it
// on every text, email and letter until one carrying it has gone out, but when the first communication was
// a telephone conversation (a collector's, or an automated call the borrower answered) nothing
// written may follow for days. This says, from the contact log alone, whether it is owed and by
// when, so the recovery workflow and the simulated quarter send it in time. Pure.
import { toIsoDate, isoDateToEpochMs } from '../../domain/calendar.js';
import { addUsBusinessDays } from '../../domain/us-business-days.js';
import { rulePackFor, WRITTEN_CHANNELS } from './rule-packs.js';
import { DAY_MS, type PastContact } from './rules.js';

export interface WrittenInformationDue {
  /** the disclosure whose words give it (us.reg-f.1006.34) */
  disclosure: string;
  citation: string;
  /** the first communication about the debt, epoch ms */
  firstCommunicationAt: number;
  /** the last instant it may go out: the end (UTC) of the window's last day */
  dueBy: number;
}

/** A contact conveyed something about the debt: a message sent, or a call that reached the borrower. */
export function isCommunication(contact: PastContact): boolean {
  return WRITTEN_CHANNELS.includes(contact.channel) || contact.conversation;
}

/** What the borrower's pack requires in writing and has not had yet, with its deadline; null when nothing is owed. */
export function writtenInformationDue(country: string, history: readonly PastContact[]): WrittenInformationDue | null {
  const required = rulePackFor(country).writtenWithin;
  if (!required) return null;
  if (history.some((c) => WRITTEN_CHANNELS.includes(c.channel) && (c.disclosures ?? []).includes(required.disclosure))) return null;
  const first = history.filter(isCommunication).reduce<number | null>((min, c) => (min === null || c.at < min ? c.at : min), null);
  if (first === null) return null;
  // "Within five days after": the day of the communication not counted, the fifth business day after it the last.
  const lastDay = addUsBusinessDays(toIsoDate(first), required.businessDays);
  return { disclosure: required.disclosure, citation: required.citation, firstCommunicationAt: first, dueBy: isoDateToEpochMs(lastDay) + DAY_MS - 1 };
}
