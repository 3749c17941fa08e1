// A small seeded generator for property-style specs: the same seed gives the same cases on every
// run and machine, so a failing case can be replayed from the seed in the assertion message.
// mulberry32 (Tommy Ettinger): 32 bits of state, statistically fine for test data, not for crypto.

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
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
  const int = (min: number, max: number): number => min + Math.floor(next() * (max - min + 1));
  return {
    next,
    int,
    logInt: (min, max) => Math.min(max, Math.max(min, Math.floor(Math.exp(Math.log(min) + next() * (Math.log(max + 1) - Math.log(min)))))),
    pick: (items) => {
      const item = items[int(0, items.length - 1)];
      if (item === undefined) throw new RangeError('pick from an empty list');
      return item;
    },
  };
}
