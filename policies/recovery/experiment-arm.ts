// Which arm of a champion/challenger experiment a loan's episode follows: a pure function of the
// experiment and the loan, so the workflow, the API and the simulation split the same loans the
// same way, and a retried or replayed assignment cannot move a loan to the other arm.
//
// The key is `${experimentId}:${loanId}`, not the episode: a loan that falls delinquent twice
// while one experiment runs stays in one arm, so its second episode is not measured under one
// policy after having been treated by the other. (Its episodes are then not independent draws;
// with one episode per loan in most experiments, that is the smaller cost.) The experiment's id is
// in the key so that each experiment draws a fresh split, not the same loans every time.
import { hashString } from '../../domain/seeded-random.js';

export type ExperimentArm = 'champion' | 'challenger';

/** Shares are basis points of new episodes: 0 (none on the challenger) to 10,000 (all). */
export const MAX_SHARE_BPS = 10_000;

/**
 * murmur3's 32-bit finaliser over FNV-1a: FNV-1a's low bits depend only on the low bits of each
 * character, and ids that differ in their last digits (sequential loan numbers) land unevenly in
 * `% 10_000` without it.
 */
function mixed(text: string): number {
  let h = hashString(text);
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** The loan's place in the experiment, 0 to 9,999: below the share is the challenger. */
export function experimentSlot(experimentId: string, loanId: string): number {
  return mixed(`${experimentId}:${loanId}`) % MAX_SHARE_BPS;
}

export function armOf(experimentId: string, loanId: string, shareBps: number): ExperimentArm {
  return experimentSlot(experimentId, loanId) < shareBps ? 'challenger' : 'champion';
}
