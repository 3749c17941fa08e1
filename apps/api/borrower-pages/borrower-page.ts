// The frame of the pages borrowers open from our messages (the validation notice, the pay page),
// as the unsubscribe page is built: plain HTML, no script or style, every form posting back to the
// page's own address. Every value from a record passes through escapeXml (the escaping the
// renderer uses for TwiML), and amounts and dates through the messages' own formatters, so a page
// says exactly what the message that linked to it said.
import type { ContactLanguage } from '../../../domain/application.js';
import type { IsoDate } from '../../../domain/calendar.js';
import { formatMoney } from '../../../domain/money.js';
import { escapeXml, formatDate } from '../../../policies/recovery/render-template.js';

export const HTML = 'text/html; charset=utf-8';

/** The pages are written in English and Spanish; a borrower who reads Hindi gets English, as the law's model forms are. */
export type PageLanguage = 'en' | 'es';

export function pageLanguage(language: ContactLanguage | null | undefined): PageLanguage {
  return language === 'es' ? 'es' : 'en';
}

export const esc = (text: string) => escapeXml(text);
export const money = (amount: number, currency: string) => esc(formatMoney({ amount, currency }));
/** A date in words as the messages write it, not yet escaped (it goes into sentences that are). */
export const dateText = (on: IsoDate, language: PageLanguage) => formatDate(on, language);

export function page(language: PageLanguage, title: string, body: string): string {
  return `<!doctype html>
<html lang="${language}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="robots" content="noindex"><title>${esc(title)}</title></head>
<body><main>${body}</main></body>
</html>
`;
}
