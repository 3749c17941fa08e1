// Durations in product configuration: a whole number and a unit, e.g. '30s', '48h', '7d', '2w'.
// Deliberately smaller than Temporal's own format so a product file cannot hide a typo in one.

const UNIT_MS = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 } as const;
const PATTERN = /^(\d+)\s*(ms|s|m|h|d|w)$/;

export function isDuration(value: unknown): value is string {
  return typeof value === 'string' && PATTERN.test(value.trim()) && durationMs(value) > 0;
}

export function durationMs(duration: string): number {
  const match = PATTERN.exec(duration.trim());
  if (!match) throw new RangeError(`invalid duration "${duration}": use a whole number and ms, s, m, h, d or w`);
  const value = Number(match[1]) * UNIT_MS[match[2] as keyof typeof UNIT_MS];
  if (!Number.isSafeInteger(value)) throw new RangeError(`duration "${duration}" is too long`);
  return value;
}
