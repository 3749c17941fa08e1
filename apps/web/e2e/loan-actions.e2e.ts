// The loan view's role actions in the browser, against the real platform: ops record a payment on
// an imported, current loan and see it in the loan's timeline, where compliance also sees the act
// in the audit entries (ops do not: the trail is not theirs to read); an underwriter approves an
// application the decision engine referred to review, and the loan is offered.
import { expect, test } from '@playwright/test';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { importedLoanId } from '../../api/portfolio/loan-id-for.ts';
import { money } from '../src/ui/format.ts';
import { apiJson, shoot, signIn } from './helpers.ts';

const root = join(import.meta.dirname, '..', '..', '..');
const HEADER = 'lenderReference,borrower.firstName,borrower.lastName,borrower.dateOfBirth,borrower.email,borrower.phone,borrower.nationalId,borrower.address.line1,borrower.address.city,borrower.address.region,borrower.address.postalCode,borrower.address.country,borrower.timeZone,borrower.language,product,currency,principal,aprBps,termMonths,disbursedOn,payments,consents.contact,consents.automatedContact,employmentStatus,monthlyIncome';
const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString().slice(0, 10);

interface LoanAnswer { loanId: string; status: string; payments?: { externalId?: string; amount?: number }[] }

test('ops record a payment that shows in the loan\'s timeline, and compliance see it in the audit entries there', async ({ page }) => {
  test.setTimeout(120_000);
  const tag = randomBytes(3).toString('hex');
  const reference = `E2E-PAY-${tag}`;
  // Disbursed 20 days ago: its first instalment is not due yet, so the loan is active (current).
  const row = `${reference},Meera,Iyer,1990-05-17,meera.${tag}@example.com,+9197${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')},ABCPI1234K,4 Residency Road,Bengaluru,KA,560025,IN,Asia/Kolkata,en,personal,INR,3000000,1799,12,${daysAgo(20)},,true,true,salaried,7000000`;
  const imported = await apiJson<{ imported: number; rejected: unknown[] }>('ops', '/v1/portfolio/imports', { method: 'POST', headers: { 'content-type': 'text/csv' }, body: [HEADER, row].join('\n') });
  expect([imported.status, imported.body]).toMatchObject([201, { imported: 1, rejected: [] }]);
  const loanId = importedLoanId(reference);
  await expect.poll(async () => (await apiJson<LoanAnswer>('ops', `/v1/loans/${loanId}`)).body.status, { timeout: 60_000, intervals: [1000] }).toBe('active');

  await signIn(page, 'ops');
  await page.goto(`${page.url().split('#')[0]}#/loans/${loanId}`);
  const form = page.getByRole('form', { name: 'Record a payment' });
  const amount = form.getByLabel('Amount (INR, minor units)');
  // Refused at its field before anything is sent.
  await amount.fill('12.50');
  await form.getByLabel('Payment reference (its id at the bank or processor)').fill(`utr-${tag}`);
  await form.getByRole('button', { name: 'Record payment' }).click();
  await expect(amount).toHaveAttribute('aria-invalid', 'true');
  await expect(form.locator('#pay-a-error')).toHaveText('must be a whole number of minor units, at least 1');
  await amount.fill('250000');
  await form.getByRole('button', { name: 'Record payment' }).click();
  await expect(form.getByRole('status')).toHaveText('Payment recorded.');
  const recorded = await apiJson<LoanAnswer>('ops', `/v1/loans/${loanId}`);
  expect(recorded.body.payments?.some((p) => p.externalId === `utr-${tag}` && p.amount === 250000)).toBe(true);

  const timeline = page.getByRole('list', { name: "The loan's events and payments" });
  const shown = money(250000, 'INR');
  await expect(async () => {
    await page.reload();
    await expect(timeline.locator('li[data-kind="payment"]').filter({ hasText: shown })).toHaveCount(1, { timeout: 2000 });
  }).toPass({ timeout: 30_000 });
  // Ops may not read the audit trail: the timeline has none of it, and nothing offers it.
  await expect(timeline.locator('li[data-kind^="audit"]')).toHaveCount(0);
  await expect(page.getByLabel('Show reads of the record in the audit entries')).toHaveCount(0);

  await page.getByRole('button', { name: 'Sign out' }).click();
  await signIn(page, 'compliance');
  await page.goto(`${page.url().split('#')[0]}#/loans/${loanId}`);
  await expect(timeline.locator('li[data-kind="payment"]').filter({ hasText: shown })).toHaveCount(1);
  await expect(timeline.locator('li[data-kind="audit command"]').filter({ hasText: 'ops (ops) · LoanCommandsController_pay · 200 succeeded' })).toHaveCount(1);
  // Compliance only read: no action is offered to them.
  await expect(page.getByRole('form', { name: 'Record a payment' })).toHaveCount(0);
  await page.getByLabel('Show reads of the record in the audit entries').check();
  await expect(timeline.locator('li[data-kind="audit read"]').filter({ hasText: 'LoansController_get' }).first()).toBeVisible();
  await page.getByLabel('Show reads of the record in the audit entries').uncheck();
  await shoot(page, 'loan-timeline-compliance');
});

test('an underwriter approves an application referred to review, and the loan is offered', async ({ page }) => {
  test.setTimeout(120_000);
  const application = JSON.parse(readFileSync(join(root, 'apps/sandboxes/identities/review.json'), 'utf8')) as unknown;
  const created = await apiJson<LoanAnswer>('ops', '/v1/applications?wait=decision', { method: 'POST', headers: { 'Idempotency-Key': `e2e-review-${randomBytes(4).toString('hex')}` }, body: JSON.stringify(application) });
  expect([200, 202]).toContain(created.status);
  const { loanId } = created.body;
  await expect.poll(async () => (await apiJson<LoanAnswer>('underwriter', `/v1/loans/${loanId}`)).body.status, { timeout: 60_000, intervals: [1000] }).toBe('manual_review');

  // Ops see the loan in review but are offered no decision: reviewing is the underwriter's.
  await signIn(page, 'ops');
  await page.goto(`${page.url().split('#')[0]}#/loans/${loanId}`);
  await expect(page.locator('dl.facts')).toContainText('manual_review');
  await expect(page.getByRole('form', { name: 'Review the application' })).toHaveCount(0);
  await page.getByRole('button', { name: 'Sign out' }).click();

  await signIn(page, 'underwriter');
  await page.goto(`${page.url().split('#')[0]}#/loans/${loanId}`);
  const form = page.getByRole('form', { name: 'Review the application' });
  await form.getByLabel('Decision').selectOption('approve');
  await form.getByLabel('Note').fill('e2e: payslips and bank statement checked');
  await form.getByRole('button', { name: 'Record the decision' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Decision recorded' })).toHaveText('Decision recorded: the loan is now offered.');
  expect((await apiJson<LoanAnswer>('underwriter', `/v1/loans/${loanId}`)).body.status).toBe('offered');
  await expect(async () => {
    await page.reload();
    await expect(page.locator('dl.facts')).toContainText('offered', { timeout: 2000 });
  }).toPass({ timeout: 30_000 });
  await expect(page.getByRole('form', { name: 'Review the application' })).toHaveCount(0);
});
