// What a client sends on the call-assist socket, checked field by field: a malformed message gets
// an error naming each field at fault and the call goes on; nothing a client sends can end it.
import type { CallIntent } from '../../../models/call-intents/intent-model.js';

export const SPEAKERS = ['borrower', 'collector'] as const;
export type Speaker = (typeof SPEAKERS)[number];

export const MAX_SEGMENT_CHARS = 2_000;

export interface CallSegment {
  type: 'segment';
  speaker: Speaker;
  text: string;
  /** the client's own numbering, echoed back so a screen can pair answers with segments */
  seq?: number;
  caseId?: string;
  loanId?: string;
}

/** The collector confirms what the assist found; only then does the platform act on it (README: Live-call assist). */
export interface CallConfirmation {
  type: 'confirm';
  action: ConfirmAction;
  seq?: number;
}

export const CONFIRM_ACTIONS = ['stop_request', 'dispute'] as const;
export type ConfirmAction = (typeof CONFIRM_ACTIONS)[number];

export type ClientMessage = CallSegment | CallConfirmation;

export interface FieldProblem {
  field: string;
  message: string;
}

export type Parsed = { ok: true; message: ClientMessage } | { ok: false; problems: FieldProblem[]; seq?: number };

/** Control characters other than tab and line breaks, and the bidi overrides and isolates. */
function hasControl(text: string): boolean {
  for (const ch of text) {
    const c = ch.codePointAt(0)!;
    if ((c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) || c === 0x7f || (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069)) return true;
  }
  return false;
}

export function parseClientMessage(raw: string): Parsed {
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    return { ok: false, problems: [{ field: '', message: 'a message is one JSON object, e.g. {"type":"segment","speaker":"borrower","text":"..."}' }] };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return { ok: false, problems: [{ field: '', message: 'a message is a JSON object' }] };
  const m = value as Record<string, unknown>;
  const problems: FieldProblem[] = [];
  const seq = m.seq;
  const seqOk = seq === undefined || (Number.isSafeInteger(seq) && (seq as number) >= 0);
  if (!seqOk) problems.push({ field: 'seq', message: 'seq is a whole number, 0 or more' });
  const type = m.type ?? 'segment';
  const echo = seqOk && typeof seq === 'number' ? { seq } : {};
  if (type === 'confirm') {
    for (const key of Object.keys(m)) if (!['type', 'action', 'seq'].includes(key)) problems.push({ field: key, message: 'not a field of a confirmation (type, action, seq)' });
    if (!(CONFIRM_ACTIONS as readonly unknown[]).includes(m.action)) problems.push({ field: 'action', message: `action is one of ${CONFIRM_ACTIONS.join(', ')}` });
    if (problems.length > 0) return { ok: false, problems, ...echo };
    return { ok: true, message: { type: 'confirm', action: m.action as ConfirmAction, ...echo } };
  }
  if (type !== 'segment') return { ok: false, problems: [{ field: 'type', message: 'type is "segment" (the default) or "confirm"' }], ...echo };
  for (const key of Object.keys(m)) if (!['type', 'speaker', 'text', 'seq', 'caseId', 'loanId'].includes(key)) problems.push({ field: key, message: 'not a field of a segment (type, speaker, text, seq, caseId, loanId)' });
  if (!(SPEAKERS as readonly unknown[]).includes(m.speaker)) problems.push({ field: 'speaker', message: `speaker is one of ${SPEAKERS.join(', ')}` });
  if (typeof m.text !== 'string') problems.push({ field: 'text', message: 'text is a string: what was said' });
  else if (m.text.trim() === '') problems.push({ field: 'text', message: 'text is empty' });
  else if ([...m.text].length > MAX_SEGMENT_CHARS) problems.push({ field: 'text', message: `text is at most ${MAX_SEGMENT_CHARS} characters: send a long turn as several segments` });
  else if (hasControl(m.text)) problems.push({ field: 'text', message: 'text carries control or bidi characters' });
  for (const key of ['caseId', 'loanId'] as const) if (m[key] !== undefined && (typeof m[key] !== 'string' || m[key] === '')) problems.push({ field: key, message: `${key} is a string` });
  if (problems.length > 0) return { ok: false, problems, ...echo };
  return {
    ok: true,
    message: {
      type: 'segment',
      speaker: m.speaker as Speaker,
      text: m.text as string,
      ...echo,
      ...(typeof m.caseId === 'string' ? { caseId: m.caseId } : {}),
      ...(typeof m.loanId === 'string' ? { loanId: m.loanId } : {}),
    },
  };
}

/** Which side of the call an intent is read from: a borrower does not threaten the collector on the collector's screen. */
export const INTENT_SPEAKER: Record<CallIntent, Speaker> = {
  promise_to_pay: 'borrower',
  hardship: 'borrower',
  dispute: 'borrower',
  stop_contact: 'borrower',
  wrong_party: 'borrower',
  third_party: 'borrower',
  threat: 'collector',
  false_urgency: 'collector',
};
