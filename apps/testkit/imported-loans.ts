// Rows of an imported book for tests, in the JSON form POST /v1/portfolio/imports takes, and a way
// to start one straight on a loan environment through the API's own row check (check-import-row.ts),
// so a workflow test imports exactly what the API would have started.
import { randomUUID } from 'node:crypto';
import { addDays, toIsoDate, type IsoDate } from '../../domain/calendar.js';
import { checkImportRow } from '../api/portfolio/check-import-row.js';
import type { LoanTestEnv } from './loan-env.js';

export interface ImportRowOverrides {
  lenderReference?: string;
  principal?: number;
  aprBps?: number;
  termMonths?: number;
  disbursedOn?: IsoDate;
  firstDueDate?: IsoDate;
  currency?: string;
  payments?: { date: IsoDate; amount: number; reference: string }[];
  borrower?: Record<string, unknown>;
  consents?: Record<string, unknown>;
  [field: string]: unknown;
}

/** Asha Verma in Pune, a 12-month loan of ₹1,00,000 at 18.99% disbursed `disbursedDaysAgo` days before `today`. */
export function importRow(today: IsoDate, disbursedDaysAgo: number, overrides: ImportRowOverrides = {}): Record<string, unknown> {
  const { borrower, consents, ...rest } = overrides;
  return {
    lenderReference: `LN-${randomUUID()}`,
    borrower: {
      firstName: 'Asha',
      lastName: 'Verma',
      dateOfBirth: '1990-02-01',
      email: 'asha.verma@example.com',
      phone: '+919800000001',
      nationalId: 'ABCPV1234K',
      address: { line1: '12 MG Road', city: 'Pune', region: 'MH', postalCode: '411001', country: 'IN' },
      timeZone: 'Asia/Kolkata',
      language: 'hi',
      ...borrower,
    },
    product: 'personal',
    currency: 'INR',
    principal: 10_000_000,
    aprBps: 1899,
    termMonths: 12,
    disbursedOn: addDays(today, -disbursedDaysAgo),
    payments: [],
    consents: { contact: true, automatedContact: false, autopay: false, ...consents },
    employmentStatus: 'salaried',
    monthlyIncome: 6_000_000,
    ...rest,
  };
}

/** Starts the row's loan as the API would (the same check, the same start); answers its loan ID. */
export async function startImported(t: LoanTestEnv, row: Record<string, unknown>): Promise<string> {
  const today = toIsoDate(await t.env.currentTimeMs());
  const check = await checkImportRow(row, today);
  if (!check.ok) throw new Error(`the test row is not valid: ${JSON.stringify(check.errors)}`);
  await t.loans.start(check.start);
  return check.start.loanId;
}
