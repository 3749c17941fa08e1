// The credit-data sandboxes express every amount as a percentage of a reference monthly income
// per currency, so a test identity means the same thing (and reaches the same decision) in
// every currency the default product lends in.

/** Reference monthly income per currency, minor units. */
export const REFERENCE_MONTHLY_INCOME: Readonly<Record<string, number>> = Object.freeze({
  INR: 6_000_000,
  USD: 500_000,
  EUR: 400_000,
  GBP: 350_000,
});

export const SANDBOX_CURRENCIES: readonly string[] = Object.freeze(Object.keys(REFERENCE_MONTHLY_INCOME));

export function referenceIncome(currency: string): number {
  const income = REFERENCE_MONTHLY_INCOME[currency];
  if (income === undefined) throw new RangeError(`the sandboxes have no reference income for ${currency}; they speak ${SANDBOX_CURRENCIES.join(', ')}`);
  return income;
}
