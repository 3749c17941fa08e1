// Case signals reach an episode at least once: the signal outbox sends each after its change
// commits, the relay sends again what looks unsent, and a retried request sends its outcome again
// (apps/shared/temporal/episode-signals.ts). Each carries the outbox's ID, and the episode applies
// an ID once: a second caseOutcome would log the outcome twice and could open a second dispute or
// promise, a second caseTouched would restart the SLA clock late. Behind a patch: a history in which
// earlier code applied a duplicate must still replay as it ran.
import { patched } from '@temporalio/workflow';
import type { EpisodeState } from './episode-state.js';

export const CASE_SIGNALS_APPLIED_ONCE = 'recovery-case-signals-applied-once';

/** IDs remembered: an episode hears a handful of case signals, and a duplicate follows its first within minutes. */
const REMEMBERED = 64;

/** True unless this signal ID was applied already (a signal without an ID, sent before the outbox, is always applied); remembers it. */
export function firstApplication(s: EpisodeState, signalId: string | undefined): boolean {
  if (signalId === undefined || !patched(CASE_SIGNALS_APPLIED_ONCE)) return true;
  // Created on first use: a state carried from a run before the patch has none.
  const applied = (s.appliedSignals ??= []);
  if (applied.includes(signalId)) return false;
  applied.push(signalId);
  if (applied.length > REMEMBERED) applied.splice(0, applied.length - REMEMBERED);
  return true;
}
