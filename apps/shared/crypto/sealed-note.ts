// What staff write about a borrower in free text (a collector's note on an outcome, the reason they
// declined a case, a dispute verification's note) may name the borrower, their number or their
// address, so it is sealed where it is taken in and travels sealed: the case's events, the signal
// outbox, the episode's signal and its timeline all hold the same sealed string, under one context
// so it can move between them. Views open it for those allowed to read it.
import type { FieldSealer } from '../../../db/repositories/contact-profile.repository.js';

export const NOTE_CONTEXT = 'recovery.note';
/** The field cipher's format prefix (field-cipher.ts). */
const SEALED = /^f1:[^:]+:/;

export function sealNote(cipher: FieldSealer, note: string): string {
  return cipher.encrypt(note, NOTE_CONTEXT);
}

export function isSealed(value: unknown): value is string {
  return typeof value === 'string' && SEALED.test(value);
}

/** `data` with its sealed notes and reasons opened; left sealed without a cipher (no keys configured). */
export function openNotes<T extends Record<string, unknown>>(cipher: FieldSealer | null, data: T): T {
  if (!cipher) return data;
  let opened: Record<string, unknown> | undefined;
  for (const field of ['note', 'reason'] as const) {
    const value = data[field];
    if (!isSealed(value)) continue;
    opened ??= { ...data };
    opened[field] = cipher.decrypt(value, NOTE_CONTEXT);
  }
  return (opened ?? data) as T;
}
