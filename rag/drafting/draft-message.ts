// The drafting agent: a message adapted to the borrower, from the loan's records, through the
// compliance gate. A composer (a chat model when one is configured, else the phrase banks) writes
// text with placeholders; text that states a figure or names a person of its own, uses a placeholder the records do
// not fill, or fails the content rules is thrown away and the phrase banks write it instead. The
// renderer fills the placeholders from records and appends the gate's disclosures and the opt-out
// line (policies/recovery/render-template.ts, as for every message sent); then the gate (when,
// to whom, on which channel) and the content rules (what it says) give the verdict. Nothing is sent.
import type { BaseChatModel } from '@langchain/core/language_models/chat_models';
import { formatMoney } from '../../domain/money.js';
import { checkContact, type GateDecision } from '../../policies/compliance/gate.js';
import { checkMessageContent, type ContentFinding } from '../../policies/compliance/message-content.js';
import type { BorrowerStanding, GateContext, PastContact } from '../../policies/compliance/rules.js';
import { automatedByDefault } from '../../policies/compliance/rules.js';
import { disclosuresFor, UnknownDisclosureError } from '../../policies/recovery/disclosure-texts.js';
import { formatDate, PLACEHOLDERS, placeholdersIn, renderContact, type RenderRecords } from '../../policies/recovery/render-template.js';
import type { ContactLanguage } from '../../domain/application.js';
import { DRAFT_PLACEHOLDERS, type ComposedDraft, type DraftChannel, type DraftPurpose, type DraftRequest, type DraftTone } from './draft-types.js';
import { composeDraftWithModel } from './llm-draft-composer.js';
import { composeDraftOffline } from './offline-draft-composer.js';
import { smsSegments } from './sms-segments.js';
import { toneFor } from './tone.js';
import { unsourcedFigures, type FigureProblem } from './unsourced-figures.js';
import { unsourcedNames, type NameProblem } from './unsourced-names.js';

/** Everything a draft is made from, read from the loan's records (apps/api/assistant/draft-records.ts). */
export interface DraftInputs {
  purpose: DraftPurpose;
  channel: DraftChannel;
  /** asked for; the borrower's language on record otherwise */
  language: ContactLanguage | null;
  records: RenderRecords & { language: ContactLanguage; country: string; segment: string | null; thinFile: boolean | null; promise: { amountMinor: number; dueOn: string } | null };
  standing: BorrowerStanding;
  history: readonly PastContact[];
  /** the active recovery policy's cap per channel per 7 days ({} when no policy is active), as a send is judged by */
  weeklyCaps: GateContext['weeklyCaps'];
  /** epoch ms: the instant the gate judges */
  at: number;
  unsubscribeUrl: string;
}

export interface GateVerdict {
  allowed: boolean;
  jurisdiction: string;
  /** the contact rules (gate.ts): when the contact is refused, which rule and why */
  contact: { allowed: true; disclosures: string[] } | { allowed: false; rule: string; citation: string; reason: string; retryAt: string | null };
  /** the content rules (message-content.ts) the text failed; [] when it passed them all */
  content: ContentFinding[];
}

export interface Draft {
  purpose: DraftPurpose;
  channel: DraftChannel;
  language: ContactLanguage;
  tone: DraftTone;
  toneReason: string;
  /** which composer's text this is; `fallback` says why a model's text was not used */
  composer: 'model' | 'phrase_bank';
  fallback: { reason: string; problems: (FigureProblem | NameProblem | ContentFinding | { kind: 'placeholder'; text: string })[] } | null;
  /** the composer's text, placeholders unfilled */
  template: ComposedDraft;
  subject: string | null;
  text: string;
  disclosures: string[];
  /** texts only */
  sms: { encoding: 'gsm7' | 'ucs2'; segments: number } | null;
  /** the figures filled in, as the records give them */
  figures: { currency: string; amountDueMinor: number; outstandingMinor: number; dueOn: string | null; promise: { amountMinor: number; dueOn: string } | null };
  verdict: GateVerdict;
}

export class DraftRecordsMissing extends Error {
  override readonly name = 'DraftRecordsMissing';
}

const FILLABLE = new Set<string>([...PLACEHOLDERS, ...DRAFT_PLACEHOLDERS]);

export async function draftMessage(inputs: DraftInputs, model: BaseChatModel | undefined): Promise<Draft> {
  const { records, channel } = inputs;
  const language = inputs.language ?? records.language;
  const { tone, why } = toneFor(records.segment, records.thinFile);
  const request: DraftRequest = { purpose: inputs.purpose, channel, language, tone };
  if (inputs.purpose === 'promise_confirmation' && !records.promise) throw new DraftRecordsMissing('no promise to pay is on record for this loan: there is nothing to confirm');
  if (inputs.purpose === 'reminder' && records.dueOn === null) throw new DraftRecordsMissing('no instalment is due on this loan: there is nothing to remind of');

  const gate = checkContact(
    { channel, at: inputs.at, automated: automatedByDefault(channel), toThirdParty: false, threatensSuit: false, purpose: 'collection' },
    { standing: inputs.standing, history: inputs.history, weeklyCaps: inputs.weeklyCaps },
  );
  // A refused contact is still drafted, with the disclosures the pack would ask for on this channel, so the verdict can be read against the text.
  const disclosureIds = gate.allowed ? gate.disclosures.map((d) => d.id) : [];

  let composed: ComposedDraft | undefined;
  let fallback: Draft['fallback'] = null;
  if (model) {
    const written = await composeDraftWithModel(model, request);
    const said = `${written.subject ?? ''}\n${written.body}`;
    const problems = [...unsourcedFigures(said, language), ...unsourcedNames(said, recordedNames(records)), ...unknownPlaceholders(written)];
    const rendered = problems.length === 0 ? fill(written, inputs, language, disclosureIds) : undefined;
    const content = rendered ? checkMessageContent({ channel, subject: rendered.subject, text: rendered.text, requiredLines: rendered.lines }) : [];
    if (problems.length === 0 && content.length === 0) composed = written;
    else fallback = { reason: problems.length > 0 ? 'the model wrote figures, names or placeholders the records do not give' : 'the model\'s text failed the content rules', problems: [...problems, ...content] };
  }
  const template = composed ?? composeDraftOffline(request);
  const rendered = fill(template, inputs, language, disclosureIds);
  const content = checkMessageContent({ channel, subject: rendered.subject, text: rendered.text, requiredLines: rendered.lines });
  return {
    purpose: inputs.purpose,
    channel,
    language,
    tone,
    toneReason: why,
    composer: composed ? 'model' : 'phrase_bank',
    fallback,
    template,
    subject: rendered.subject,
    text: rendered.text,
    disclosures: rendered.disclosures,
    sms: channel === 'sms' || channel === 'whatsapp' ? smsSegments(rendered.text) : null,
    figures: { currency: records.currency, amountDueMinor: records.amountDueMinor, outstandingMinor: records.outstandingMinor, dueOn: records.dueOn, promise: records.promise },
    verdict: verdict(gate, content),
  };
}

function verdict(gate: GateDecision, content: ContentFinding[]): GateVerdict {
  const contact: GateVerdict['contact'] = gate.allowed
    ? { allowed: true, disclosures: gate.disclosures.map((d) => d.id) }
    : { allowed: false, rule: gate.rule, citation: gate.citation, reason: gate.reason, retryAt: gate.retryAt === null ? null : new Date(gate.retryAt).toISOString() };
  return { allowed: gate.allowed && content.length === 0, jurisdiction: gate.jurisdiction, contact, content };
}

/** The names the placeholders fill in: a model that writes one of them itself writes what the records say. */
function recordedNames(records: DraftInputs['records']): string[] {
  return [records.firstName, records.lender.name, records.lender.agent, records.collector.name];
}

function unknownPlaceholders(draft: ComposedDraft): { kind: 'placeholder'; text: string }[] {
  return placeholdersIn(`${draft.subject ?? ''}\n${draft.body}`).filter((p) => !FILLABLE.has(p)).map((p) => ({ kind: 'placeholder' as const, text: `{${p}}` }));
}

/** The renderer's own fill, with the promise's figures (the drafts' placeholders) filled first from records. */
function fill(draft: ComposedDraft, inputs: DraftInputs, language: ContactLanguage, disclosureIds: string[]) {
  const { records } = inputs;
  const promise = records.promise;
  const own = (text: string) =>
    text.replace(/\{(promiseAmount|promiseDate)\}/g, (_m, name: string) => {
      if (!promise) throw new DraftRecordsMissing(`{${name}} needs a promise on record`);
      return name === 'promiseAmount' ? formatMoney({ amount: promise.amountMinor, currency: records.currency }) : formatDate(promise.dueOn, language);
    });
  const channel = inputs.channel;
  const render = () => renderContact(
    { subject: draft.subject === null ? null : own(draft.subject), body: own(draft.body) },
    records,
    { channel, language, country: records.country, disclosures: disclosureIds, unsubscribeUrl: inputs.unsubscribeUrl, gatherUrl: inputs.unsubscribeUrl, on: new Date(inputs.at).toISOString().slice(0, 10) },
  );
  let rendered: ReturnType<typeof renderContact>;
  try {
    rendered = render();
  } catch (err) {
    // A disclosure that needs figures the records do not give (a letter's validation notice without the loan's itemization).
    if (err instanceof UnknownDisclosureError) throw new DraftRecordsMissing(err.message);
    throw err;
  }
  // A letter's disclosures carry the notice's own figures (laid out in its document): the lines checked are a text's and an email's.
  const lines =
    channel === 'letter'
      ? []
      : disclosuresFor(disclosureIds, channel, language, {
          lenderName: records.lender.name, agentName: records.lender.agent, collectorName: records.collector.name, collectorAddress: records.collector.address,
          collectorPhone: records.collector.phone, collectorHours: records.collector.hours, validationUrl: records.links.validation, unsubscribeUrl: inputs.unsubscribeUrl,
        }).lines;
  return { subject: rendered.subject, text: rendered.text, disclosures: rendered.disclosures, lines };
}
