// Money is integer minor units with a currency (the API's rule); shown in the currency's own
// format. Rates arrive in basis points.
const EXPONENT: Record<string, number> = { JPY: 0, KRW: 0, BHD: 3, KWD: 3 };

export function money(minor: number | null | undefined, currency: string): string {
  if (minor === null || minor === undefined) return '—';
  const exponent = EXPONENT[currency] ?? 2;
  return new Intl.NumberFormat('en-IN', { style: 'currency', currency, minimumFractionDigits: exponent, maximumFractionDigits: exponent }).format(minor / 10 ** exponent);
}

export function bps(value: number | null | undefined): string {
  return value === null || value === undefined ? '—' : `${(value / 100).toFixed(2)}%`;
}

export function when(iso: string | null | undefined): string {
  return iso ? new Date(iso).toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'short' }) : '—';
}
