// Dead letters and contact standing as the API answers them: addresses masked, free text that
// could quote one masked, and never a message's text (a dead letter keeps only the dispatch
// command: keys, template, amounts).
import type { DeadLetter } from '../../../db/repositories/contact-dead-letter.repository.js';
import type { ContactProfileRecord, StandingChangeRecord } from '../../../db/repositories/contact-profile.repository.js';
import { maskContactDetails, maskEmail, maskPhone, maskPostalAddress } from '../../../domain/recovery/mask-contact.js';

export interface DeadLetterView {
  id: string;
  deliveryKey: string;
  generation: number;
  loanId: string;
  workflowId: string;
  channel: string;
  template: string;
  /** the profile's address on that channel now, masked */
  to: string | null;
  contact: { kind: unknown; channel: unknown; fallbacks: unknown; policy: unknown; askedAt: string | null };
  reason: string;
  attempts: number;
  status: string;
  replayedAt: string | null;
  replayedBy: string | null;
  replayOutcome: Record<string, unknown> | null;
  createdAt: string;
}

export function deadLetterView(letter: DeadLetter, profile: Pick<ContactProfileRecord, 'phone' | 'email' | 'postalAddress'> | null): DeadLetterView {
  const address = profile ? (letter.channel === 'email' ? profile.email : letter.channel === 'letter' ? profile.postalAddress && maskPostalAddress(profile.postalAddress) : profile.phone) : null;
  const { command } = letter;
  return {
    id: letter.id,
    deliveryKey: letter.deliveryKey,
    generation: letter.generation,
    loanId: letter.loanId,
    workflowId: letter.workflowId,
    channel: letter.channel,
    template: letter.template,
    to: address === null ? null : letter.channel === 'email' ? maskEmail(address) : letter.channel === 'letter' ? address : maskPhone(address),
    contact: { kind: command.kind, channel: command.channel, fallbacks: command.fallbacks, policy: command.policy, askedAt: typeof command.at === 'number' ? new Date(command.at).toISOString() : null },
    reason: maskContactDetails(letter.reason),
    attempts: letter.attempts,
    status: letter.status,
    replayedAt: letter.replayedAt,
    replayedBy: letter.replayedBy,
    replayOutcome: letter.replayOutcome && maskedOutcome(letter.replayOutcome),
    createdAt: letter.createdAt,
  };
}

/** A dispatch outcome with its reasons masked (a provider's error can quote the number it refused). */
export function maskedOutcome<T extends Record<string, unknown>>(outcome: T): T {
  const masked: Record<string, unknown> = { ...outcome };
  if (typeof masked.reason === 'string') masked.reason = maskContactDetails(masked.reason);
  if (Array.isArray(masked.tried)) masked.tried = (masked.tried as Record<string, unknown>[]).map((t) => ({ ...t, reason: typeof t.reason === 'string' ? maskContactDetails(t.reason) : t.reason }));
  if (typeof masked.retryAt === 'number') masked.retryAt = new Date(masked.retryAt).toISOString();
  return masked as T;
}

export interface ContactStandingView {
  loanId: string;
  optedOutOfAll: boolean;
  optedOutChannels: string[];
  wrongNumberChannels: string[];
  bankruptcy: boolean;
  deceased: boolean;
  timeBarred: boolean;
  dispute: { open: boolean; openedAt: string | null; verifiedAt: string | null; verifiedBy: string | null };
  /** a request for the original creditor's name and address (12 CFR 1006.38(c)): open until the answer went out */
  originalCreditorRequest: { open: boolean; requestedAt: string | null; providedAt: string | null };
  consents: { contact: boolean; automatedContact: boolean };
  language: string;
  country: string;
  timeZone: string | null;
  phone: string | null;
  email: string | null;
  updatedAt: string;
  changes: StandingChangeRecord[];
}

export function contactStandingView(profile: ContactProfileRecord, changes: StandingChangeRecord[]): ContactStandingView {
  const { standing } = profile;
  return {
    loanId: profile.loanId,
    optedOutOfAll: standing.optedOutOfAll,
    optedOutChannels: [...standing.optedOutChannels],
    wrongNumberChannels: [...standing.wrongNumberChannels],
    bankruptcy: standing.bankruptcy,
    deceased: standing.deceased,
    timeBarred: standing.timeBarred,
    dispute: { open: standing.disputeOpen, ...profile.dispute },
    originalCreditorRequest: { open: profile.originalCreditor.requested, requestedAt: profile.originalCreditor.requestedAt, providedAt: profile.originalCreditor.providedAt },
    consents: profile.consents,
    language: profile.language,
    country: profile.country,
    timeZone: profile.timeZone,
    phone: profile.phone === null ? null : maskPhone(profile.phone),
    email: profile.email === null ? null : maskEmail(profile.email),
    updatedAt: profile.updatedAt,
    changes: changes.map((c) => ({ ...c, reason: c.reason === null ? null : maskContactDetails(c.reason) })),
  };
}
