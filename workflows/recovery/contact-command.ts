// What the recovery workflow asks the dispatch activity (activities/recovery-contact) to do for
// one contact, and what it answers. The activity is the one place the compliance gate is asked
// about an outbound contact; the workflow only reacts: sent, blocked until `retryAt` (it sleeps
// and asks again), blocked for good (it moves on), or dead-lettered after the last retry.
import type { Channel } from '../../policies/compliance/rules.js';

export interface DeliverContactCommand {
  /** `<workflowId>-c<seq>`: the same key twice sends once */
  deliveryKey: string;
  loanId: string;
  workflowId: string;
  kind: 'send' | 'call' | 'offer';
  channel: Channel;
  /** the policy's fallback channels for `channel`, in order */
  fallbacks: Channel[];
  template: string;
  automated: boolean;
  threatensSuit: boolean;
  /** the workflow's clock (epoch ms): the gate judges this instant */
  at: number;
  weeklyCaps: Partial<Record<Channel, number>>;
  segment: string | null;
  policy: { version: number | null; ruleId: string; stepIndex: number };
  /** amounts and dates the message may state, from the loan's ledger (never from a model) */
  facts: { currency: string; amountDueMinor: number; outstandingMinor: number; dueOn: string | null; dpd: number };
  /** what the step allowed and what was chosen, for evaluating strategies later on what was sent */
  options: { allowed: Channel[]; chosen: Channel };
}

export type DeliverContactResult =
  | { outcome: 'sent'; channel: Channel; deliveryKey: string; externalId: string; disclosures: string[] }
  | { outcome: 'blocked'; channel: Channel; rule: string; citation: string; reason: string; retryAt: number | null; tried: { channel: Channel; rule: string; reason: string }[] }
  | { outcome: 'dead_lettered'; channel: Channel; reason: string };
