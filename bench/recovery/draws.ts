// Common random numbers: every chance the simulated world takes is a pure function of the run's
// seed, the loan, the day and what the draw is for (and which contact of the day), so the policy
// and the baseline meet the same borrowers with the same luck, and a difference between them is
// the strategies' and not the dice's. Built on domain/seeded-random.ts.
import { hashString, SeededRandom } from '../../domain/seeded-random.js';

const TWO_32 = 0x1_0000_0000;

/** Purposes, so two draws of one day never share a stream. */
export const PURPOSE = {
  pay: 1,
  payAmount: 2,
  promiseKeep: 3,
  contactRead: 4,
  contactReply: 5,
  contactReplyKind: 6,
  replyDelay: 7,
  replyWording: 8,
  answer: 9,
  collectorOutcome: 10,
  disputeDays: 11,
  promiseDay: 12,
  letterRead: 13,
  letterReply: 14,
} as const;

let cachedSeed = NaN;
let loanBases: number[] = [];

/** A uniform number in [0, 1) for (seed, loan, day, purpose, k). */
export function draw(seed: number, loan: number, day: number, purpose: number, k = 0): number {
  if (seed !== cachedSeed) {
    cachedSeed = seed;
    loanBases = [];
  }
  const base = (loanBases[loan] ??= hashString(`${seed}|${loan}`));
  // Distinct odd multipliers spread day, purpose and k over the 32-bit state before mulberry32 mixes it.
  const state = (base ^ Math.imul(day + 1, 0x9e3779b1) ^ Math.imul(purpose, 0x85ebca77) ^ Math.imul(k + 1, 0xc2b2ae3d)) >>> 0;
  return new SeededRandom(state).nextUint32() / TWO_32;
}

/** True with probability p. */
export function happens(p: number, u: number): boolean {
  return u < p;
}
