// What the recovery workflow asks the dispatch activity for, and what it answers. Types only, so
// the workflow imports them with `import type`.
import type { ContactLanguage } from '../../domain/application.js';
import type { Channel, ContactPurpose } from '../../policies/compliance/rules.js';

export interface DeliverContactCommand {
  /** `<workflowId>-<step seq>`: the same contact asked for again (a retry, a rescheduled block) carries the same key */
  deliveryKey: string;
  loanId: string;
  workflowId: string;
  kind: 'send' | 'call' | 'offer';
  channel: Channel;
  /** the policy's settings.fallback for `channel`, in order */
  fallbacks: Channel[];
  template: string;
  /** dunning when absent; a notice the law requires otherwise (the gate treats it so: rules.ts) */
  purpose?: ContactPurpose;
  automated: boolean;
  threatensSuit: boolean;
  /** the workflow's clock, epoch ms: the gate judges this instant */
  at: number;
  weeklyCaps: Partial<Record<Channel, number>>;
  segment: string | null;
  policy: { version: number | null; ruleId: string; stepIndex: number };
  facts: { currency: string; amountDueMinor: number; outstandingMinor: number; dueOn: string | null; dpd: number };
  /** the channels the step allowed and the one chosen (recorded for evaluating strategies later) */
  options: { allowed: Channel[]; chosen: Channel };
  /** the activity's retry policy's maximumAttempts; the last attempt dead-letters instead of failing */
  maxAttempts?: number;
  /**
   * A message the drafting agent wrote for `channel` and the content rules passed, sent instead of
   * rendering `template` (which still goes when the contact falls back to another channel, or
   * when the gate now asks for a disclosure the draft does not carry).
   */
  drafted?: DraftedMessage;
}

export interface DraftedMessage {
  subject: string | null;
  text: string;
  /** the disclosures the draft carries (the gate's, when it was drafted) */
  disclosures: string[];
  language: ContactLanguage;
  tone: string;
  /** who wrote it: the configured chat model or the phrase banks */
  composer: 'model' | 'phrase_bank';
}

export interface TriedChannel {
  channel: Channel;
  rule: string;
  reason: string;
}

export type DeliverContactResult =
  | { outcome: 'sent'; channel: Channel; deliveryKey: string; externalId: string; disclosures: string[]; /** template, model or phrase_bank */ composer?: string }
  | { outcome: 'blocked'; channel: Channel; rule: string; citation: string; reason: string; retryAt: number | null; tried: TriedChannel[] }
  | { outcome: 'dead_lettered'; channel: Channel; reason: string };
