// The drafting agent with a language model (any LangChain chat model: adapters/llm/chat-model.ts):
// it is told the purpose, the tone, the language and the channel's length, and to write
// placeholders for every figure, date and name. What it writes is data to check, not to trust:
// draft-message.ts refuses it (and the phrase banks stand in) if it states a figure or a name of its own,
// uses a placeholder the records do not fill, or fails the content rules.
import type { BaseChatModel } from '@langchain/core/language_models/chat_models';
import { HumanMessage, SystemMessage } from '@langchain/core/messages';
import type { ComposedDraft, DraftRequest } from './draft-types.js';

const LANGUAGE_NAMES = { en: 'English', hi: 'Hindi', es: 'Spanish' } as const;
const TONE_WORDS = {
  empathetic: 'empathetic and supportive: the borrower is unable to pay because of sudden distress',
  firm_fair: 'firm but fair and respectful: the borrower can pay but has avoided it',
  plain: 'plain and simple, with no jargon: the borrower is new to credit',
} as const;
const PURPOSE_WORDS = {
  reminder: 'remind them of the payment that is due ({amountDue}, due {dueDate}) and how to pay ({paymentLink})',
  promise_confirmation: 'confirm their promise to pay {promiseAmount} by {promiseDate}, and how to pay ({paymentLink})',
  plan_offer: 'offer a repayment plan that fits what they can pay on their balance ({outstanding}); they reply to arrange it',
  settlement_offer: 'offer to discuss settling their balance ({outstanding}) for a reduced amount; they reply to talk about it',
  hardship_check_in: 'check in on how they are, and say options exist if their income changed ({paymentLink})',
} as const;

export async function composeDraftWithModel(model: BaseChatModel, request: DraftRequest): Promise<ComposedDraft & { raw: string }> {
  const length = request.channel === 'sms' || request.channel === 'whatsapp' ? 'a text message of at most 300 characters, no subject' : `an ${request.channel === 'email' ? 'email' : 'letter'} of two short paragraphs, with a first line "Subject: ..."`;
  const system = [
    'You write messages from a lender to a borrower about their loan.',
    'Write ONLY with these placeholders for facts: {firstName} {amountDue} {outstanding} {dueDate} {paymentLink} {lenderName} {promiseAmount} {promiseDate}.',
    'Never write a name yourself: {firstName} is the borrower, {lenderName} the lender; name no other person or company.',
    'Never write a number, an amount, a currency, a date or a day yourself. Never threaten, never invent a deadline or urgency, never mention the debt in a subject line.',
    'Do not add disclosures or opt-out lines: they are added after you. Reply with the message only.',
  ].join('\n');
  const human = `Language: ${LANGUAGE_NAMES[request.language]}. Tone: ${TONE_WORDS[request.tone]}. Channel: ${length}. Purpose: ${PURPOSE_WORDS[request.purpose]}. Start with a greeting to {firstName}.`;
  const reply = await model.invoke([new SystemMessage(system), new HumanMessage(human)]);
  const raw = typeof reply.content === 'string' ? reply.content : reply.content.map((part) => ('text' in part && typeof part.text === 'string' ? part.text : '')).join('');
  const text = raw.trim();
  const subjectLine = /^subject:\s*(.+)$/im.exec(text);
  const body = subjectLine ? text.replace(subjectLine[0], '').trim() : text;
  const texts = request.channel === 'sms' || request.channel === 'whatsapp';
  return { subject: texts ? null : (subjectLine?.[1]?.trim() ?? null), body, raw };
}
