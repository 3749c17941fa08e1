// The seeded generator as property-style specs use it: floats for spreading cases over
// magnitudes, on top of the one generator in domain/seeded-random.ts.
import { SeededRandom as Generator } from '../seeded-random.js';

export interface SeededRandom {
  /** uniform in [0, 1) */
  next(): number;
  /** uniform whole number in [min, max] */
  int(min: number, max: number): number;
  /** whole number in [min, max], spread evenly over orders of magnitude */
  logInt(min: number, max: number): number;
  pick<T>(items: readonly T[]): T;
}

export function seededRandom(seed: number): SeededRandom {
  const generator = new Generator(seed);
  const next = (): number => generator.nextUint32() / 2 ** 32;
  return {
    next,
    int: (min, max) => generator.int(min, max),
    logInt: (min, max) => Math.min(max, Math.max(min, Math.floor(Math.exp(Math.log(min) + next() * (Math.log(max + 1) - Math.log(min)))))),
    pick: (items) => generator.pick(items),
  };
}
