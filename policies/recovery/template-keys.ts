// The message catalogue's keys, channels and tones: what an escalation policy may name (the
// policy validator checks `send.template` and `offer.template` against the text keys and
// `call.script` against the voice keys) and what the templates under templates/ must cover,
// every key in every language and tone.
import type { Channel } from '../compliance/rules.js';
import type { RecoverySegment } from '../recovery-segments.js';

/**
 * Notices the law requires, which the recovery workflow sends on its own (required-notices.ts):
 * the validation information in writing after a first contact by phone (12 CFR 1006.34) and the
 * answer to a request for the original creditor (1006.38(c)). In every language and tone like the
 * rest, but not for a policy's steps to name.
 */
export const NOTICE_TEMPLATE_KEYS = ['validation_notice', 'original_creditor_answer'] as const;
export type NoticeTemplateKey = (typeof NOTICE_TEMPLATE_KEYS)[number];

export const TEXT_TEMPLATE_KEYS = [
  'reminder',
  'gentle_reminder',
  'payment_reminder',
  'firm_reminder',
  'promise_broken',
  'restructure_offer',
  'flexible_schedule_offer',
  'promise_offer',
  /** the answer to a borrower's HELP, sent by the workflow through the same dispatch and gate */
  'help_reply',
  ...NOTICE_TEMPLATE_KEYS,
] as const;
export const VOICE_TEMPLATE_KEYS = ['reminder_call', 'promise_broken_call'] as const;
export const TEMPLATE_KEYS = [...TEXT_TEMPLATE_KEYS, ...VOICE_TEMPLATE_KEYS] as const;

export type TextTemplateKey = (typeof TEXT_TEMPLATE_KEYS)[number];
export type VoiceTemplateKey = (typeof VOICE_TEMPLATE_KEYS)[number];
export type TemplateKey = (typeof TEMPLATE_KEYS)[number];

export const TEMPLATE_TONES = ['gentle', 'supportive', 'firm', 'neutral'] as const;
export type TemplateTone = (typeof TEMPLATE_TONES)[number];

/** The channels a text template goes out on (a letter is one: posted, with the email's words unless it has its own); voice scripts only on voice. */
export const TEXT_CHANNELS = ['sms', 'whatsapp', 'email', 'letter'] as const satisfies readonly Channel[];

export function channelsOf(key: TemplateKey): readonly Channel[] {
  return (VOICE_TEMPLATE_KEYS as readonly string[]).includes(key) ? ['voice'] : TEXT_CHANNELS;
}

export function isTemplateKey(key: string): key is TemplateKey {
  return (TEMPLATE_KEYS as readonly string[]).includes(key);
}

/** The voice a segment is spoken to in: a slip gets a nudge, hardship support, avoidance firmness. */
export function toneForSegment(segment: string | null): TemplateTone {
  switch (segment as RecoverySegment | null) {
    case 'self_cure':
      return 'gentle';
    case 'restructure':
    case 'flexible_schedule':
      return 'supportive';
    case 'field_or_legal':
      return 'firm';
    default:
      return 'neutral';
  }
}

/** The text a call's script falls back to when the call cannot go (voice opted out, no phone line). */
const TEXT_FOR_VOICE: Record<VoiceTemplateKey, TextTemplateKey> = { reminder_call: 'reminder', promise_broken_call: 'promise_broken' };

/** The template key to use on `channel` for a step that named `key` (a call's script on a fallback text channel). */
export function templateKeyFor(key: TemplateKey, channel: Channel): TemplateKey {
  if (channel !== 'voice' && (VOICE_TEMPLATE_KEYS as readonly string[]).includes(key)) return TEXT_FOR_VOICE[key as VoiceTemplateKey];
  return key;
}

/** What a policy's steps may name: validation takes it as an input (the store is read at the edge). */
export interface TemplateCatalogue {
  /** keys of message templates (send and offer steps) */
  templates: readonly string[];
  /** keys of voice scripts (call steps) */
  scripts: readonly string[];
}

/** What a policy's send and offer steps may name of the catalogue the shipped templates carry in every language and tone. */
export const DEFAULT_TEMPLATE_KEYS = TEXT_TEMPLATE_KEYS.filter((k) => !(NOTICE_TEMPLATE_KEYS as readonly string[]).includes(k));
export const DEFAULT_SCRIPT_KEYS = VOICE_TEMPLATE_KEYS;
export const DEFAULT_TEMPLATE_CATALOGUE: TemplateCatalogue = { templates: DEFAULT_TEMPLATE_KEYS, scripts: DEFAULT_SCRIPT_KEYS };
