// Renders a stored template for one borrower: placeholders filled only from the records passed in
// (the borrower's first name, the account's amounts and due date, the payment link, the lender),
// then the disclosures the compliance gate required and the opt-out line appended in the
// borrower's language. A voice script becomes TwiML that speaks it and gathers one key; a letter an
// HTML document laid out for print (letter-document.ts). Pure.
import type { ContactLanguage } from '../../domain/application.js';
import type { IsoDate } from '../../domain/calendar.js';
import { formatMoney } from '../../domain/money.js';
import type { Channel } from '../compliance/rules.js';
import { disclosuresFor, VOICE_MENU, VOICE_NO_INPUT } from './disclosure-texts.js';
import { letterDocument } from './letter-document.js';

/** Every placeholder a template may use; anything else is refused when the catalogue is seeded. */
export const PLACEHOLDERS = [
  'firstName',
  'amountDue',
  'outstanding',
  'dueDate',
  'paymentLink',
  'lenderName',
  // The debt collector as Regulation F requires it identified (12 CFR 1006.34(c)(1)), from settings.
  'collectorName',
  'collectorAddress',
  'collectorPhone',
  'collectorHours',
  // Only in the answer to a request for the original creditor (1006.38(c)), from its record.
  'originalCreditorName',
  'originalCreditorAddress',
] as const;
export type Placeholder = (typeof PLACEHOLDERS)[number];

export function placeholdersIn(text: string): string[] {
  return [...text.matchAll(/\{([^{}]*)\}/g)].map((m) => m[1]!);
}

export interface RenderRecords {
  loanId: string;
  firstName: string;
  currency: string;
  amountDueMinor: number;
  outstandingMinor: number;
  dueOn: IsoDate | null;
  lender: { name: string; agent: string };
  /** the debt collector: legal name, mailing address, phone and the hours it is answered */
  collector: { name: string; address: string; phone: string; hours: string };
  /** the loan's original creditor, when the message answers a request for it */
  originalCreditor?: { name: string; address: string };
  /** the signed links to the borrower's pages (activities/recovery-contact/borrower-page-link.ts) */
  links: { pay: string; validation: string };
  /**
   * The validation notice's figures (domain/recovery/validation-notice.ts), in minor units of
   * `currency`: a letter that gives the validation information carries them itself.
   */
  notice?: { itemizationDate: IsoDate; amountThen: number; interest: number; fees: number; paymentsAndCredits: number; amountNow: number; validationEndsOn: IsoDate };
}

export interface RenderContext {
  channel: Channel;
  language: ContactLanguage;
  /** ISO 3166 alpha-2: picks the voice's accent */
  country: string;
  /** disclosure ids from the gate's decision */
  disclosures: readonly string[];
  /** email: the one-click unsubscribe link */
  unsubscribeUrl: string;
  /** voice: where the key pressed is posted */
  gatherUrl: string;
  /** letter: the day it is posted, which it is dated */
  on?: IsoDate;
}

export interface RenderedContact {
  subject: string | null;
  /** the text sent (or, for a call, spoken) */
  text: string;
  /** voice only */
  twiml: string | null;
  /** letter only: the document printed */
  html?: string | null;
  /** ids of every disclosure the message carries */
  disclosures: string[];
}

export class TemplateRenderError extends Error {
  override readonly name = 'TemplateRenderError';
}

const LOCALES: Record<ContactLanguage, string> = { en: 'en-IN', hi: 'hi-IN', es: 'es' };

export function renderContact(template: { subject: string | null; body: string }, records: RenderRecords, context: RenderContext): RenderedContact {
  const values = placeholderValues(records, context.language);
  const fill = (text: string) =>
    text.replace(/\{([^{}]*)\}/g, (_m, name: string) => {
      const value = values[name as Placeholder];
      if (value === undefined) throw new TemplateRenderError(`placeholder {${name}} has no value from the records`);
      return value;
    });
  const money = (amount: number) => formatMoney({ amount, currency: records.currency });
  const notice = records.notice;
  const { ids, lines } = disclosuresFor(context.disclosures, context.channel, context.language, {
    lenderName: records.lender.name,
    agentName: records.lender.agent,
    collectorName: records.collector.name,
    collectorAddress: records.collector.address,
    collectorPhone: records.collector.phone,
    collectorHours: records.collector.hours,
    validationUrl: records.links.validation,
    unsubscribeUrl: context.unsubscribeUrl,
    ...(notice
      ? {
          notice: {
            itemizationDate: formatDate(notice.itemizationDate, context.language),
            amountThen: money(notice.amountThen),
            interest: money(notice.interest),
            fees: money(notice.fees),
            paymentsAndCredits: money(notice.paymentsAndCredits),
            amountNow: money(notice.amountNow),
            validationEndsOn: formatDate(notice.validationEndsOn, context.language),
          },
        }
      : {}),
  });
  const body = fill(template.body);
  const subject = template.subject === null ? null : fill(template.subject);
  if (context.channel === 'email') return { subject, text: [body, ...lines].join('\n\n'), twiml: null, disclosures: ids };
  if (context.channel === 'letter') {
    if (!context.on) throw new TemplateRenderError('a letter needs the day it is posted');
    const html = letterDocument({ language: context.language, date: formatDate(context.on, context.language), reference: records.loanId, subject, body, disclosures: lines });
    return { subject, text: [body, ...lines].join('\n\n'), twiml: null, html, disclosures: ids };
  }
  if (context.channel !== 'voice') return { subject: null, text: [body, ...lines].join(' '), twiml: null, disclosures: ids };
  const spoken = [body, ...lines].join(' ');
  return { subject: null, text: spoken, twiml: twiml(spoken, context), disclosures: ids };
}

function placeholderValues(records: RenderRecords, language: ContactLanguage): Partial<Record<Placeholder, string>> {
  const values: Partial<Record<Placeholder, string>> = {
    firstName: records.firstName,
    amountDue: formatMoney({ amount: records.amountDueMinor, currency: records.currency }),
    outstanding: formatMoney({ amount: records.outstandingMinor, currency: records.currency }),
    paymentLink: records.links.pay,
    lenderName: records.lender.name,
    collectorName: records.collector.name,
    collectorAddress: records.collector.address,
    collectorPhone: records.collector.phone,
    collectorHours: records.collector.hours,
  };
  if (records.originalCreditor) {
    values.originalCreditorName = records.originalCreditor.name;
    values.originalCreditorAddress = records.originalCreditor.address;
  }
  // No due date on record: a template that names one is not sent with a gap in it.
  if (records.dueOn !== null) values.dueDate = formatDate(records.dueOn, language);
  return values;
}

/** A date as messages write it in the borrower's language (the borrower's pages write dates alike). */
export function formatDate(on: IsoDate, language: ContactLanguage): string {
  return new Intl.DateTimeFormat(LOCALES[language], { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${on}T00:00:00Z`));
}

function twiml(spoken: string, context: RenderContext): string {
  const voice = voiceLanguage(context.language, context.country);
  const say = (text: string) => `<Say language="${voice}">${escapeXml(text)}</Say>`;
  return (
    '<?xml version="1.0" encoding="UTF-8"?><Response>' +
    `<Gather numDigits="1" action="${escapeXml(context.gatherUrl)}" method="POST" timeout="8">${say(spoken)}${say(VOICE_MENU[context.language])}</Gather>` +
    `${say(VOICE_NO_INPUT[context.language])}</Response>`
  );
}

function voiceLanguage(language: ContactLanguage, country: string): string {
  if (language === 'hi') return 'hi-IN';
  if (language === 'es') return country === 'MX' ? 'es-MX' : 'es-US';
  return country === 'IN' ? 'en-IN' : 'en-US';
}

/** Text made safe inside markup and quoted attributes: TwiML here, the borrower's HTML pages too. */
export function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
}
