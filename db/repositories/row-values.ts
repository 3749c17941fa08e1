// Reading raw rows (em.execute answers untyped columns): a nullable text column as string | null.
export function textOrNull(value: unknown): string | null {
  return value === null || value === undefined ? null : `${value as string}`;
}
