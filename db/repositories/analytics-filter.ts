// The command centre's filters, as SQL over the loans read model: every figure is narrowed through
// the loan it belongs to, so product and region mean the same on every chart. A loan's region is
// its borrower's country (contact_profiles, written when the loan is disbursed): an application
// that never became a loan has no region and drops out when a region is asked for.
export interface AnalyticsFilter {
  product?: string;
  /** ISO 3166-1 alpha-2 */
  region?: string;
  /** first day of the period, ISO date, inclusive (UTC) */
  from: string;
  /** last day of the period, ISO date, inclusive (UTC) */
  to: string;
}

export type Row = Record<string, unknown>;

/** Conditions on the loans row aliased `alias`, with their parameters in order. */
export function loanConditions(f: AnalyticsFilter, alias = 'l'): { sql: string; params: unknown[] } {
  const parts: string[] = [];
  const params: unknown[] = [];
  if (f.product !== undefined) {
    parts.push(`${alias}.product = ?`);
    params.push(f.product);
  }
  if (f.region !== undefined) {
    parts.push(`exists (select 1 from contact_profiles cp where cp.loan_id = ${alias}.loan_id and cp.country = ?)`);
    params.push(f.region);
  }
  return { sql: parts.length > 0 ? parts.map((p) => ` and ${p}`).join('') : '', params };
}

/** The period as half-open instants [from, to + 1 day). */
export function periodBounds(f: AnalyticsFilter): [string, string] {
  const end = new Date(`${f.to}T00:00:00.000Z`);
  end.setUTCDate(end.getUTCDate() + 1);
  return [`${f.from}T00:00:00.000Z`, end.toISOString()];
}

export const num = (v: unknown): number => Number(v ?? 0);
export const day = (v: unknown): string => (v instanceof Date ? v.toISOString().slice(0, 10) : String(v).slice(0, 10));
/** part/whole in basis points, null when there is no whole */
export const bps = (part: number, whole: number): number | null => (whole > 0 ? Math.round((part * 10_000) / whole) : null);
