// The drafting agent's vocabulary: what a draft is for, where it goes, the tone it takes, and the
// text a composer writes (placeholders in braces, never a figure: figures come from records).
import type { ContactLanguage } from '../../domain/application.js';

export const DRAFT_PURPOSES = ['reminder', 'promise_confirmation', 'plan_offer', 'settlement_offer', 'hardship_check_in'] as const;
export type DraftPurpose = (typeof DRAFT_PURPOSES)[number];

/** Written channels (a call's script is the collector's, live: call assist). */
export const DRAFT_CHANNELS = ['sms', 'whatsapp', 'email', 'letter'] as const;
export type DraftChannel = (typeof DRAFT_CHANNELS)[number];

/** empathetic: sudden distress (unable to pay); firm_fair: an unwilling payer; plain: new to credit, or nothing calls for more. */
export const DRAFT_TONES = ['empathetic', 'firm_fair', 'plain'] as const;
export type DraftTone = (typeof DRAFT_TONES)[number];

/** Placeholders beyond the renderer's own (policies/recovery/render-template.ts), filled here from records. */
export const DRAFT_PLACEHOLDERS = ['promiseAmount', 'promiseDate'] as const;

export interface DraftRequest {
  purpose: DraftPurpose;
  channel: DraftChannel;
  language: ContactLanguage;
  tone: DraftTone;
}

/** What a composer writes: text with placeholders only. */
export interface ComposedDraft {
  subject: string | null;
  body: string;
}
