// The loan view's maker-checker actions in the browser, against the real platform: ops ask for a
// write-off of a delinquent imported loan, are refused when they try to approve it themselves, and
// admin approves it on the Approvals screen, after which the loan shows charged off and written off;
// ops propose a plan beyond the policy's bounds (more instalments than it allows, or no bounds at
// all if another test's policy is active: a second person approves either way), admin approves it,
// and the loan workflow applies it, the loan current again.
import { expect, test, type Page } from '@playwright/test';
import { randomBytes } from 'node:crypto';
import { importedLoanId } from '../../api/portfolio/loan-id-for.ts';
import { apiJson, signIn } from './helpers.ts';

const HEADER = 'lenderReference,borrower.firstName,borrower.lastName,borrower.dateOfBirth,borrower.email,borrower.phone,borrower.nationalId,borrower.address.line1,borrower.address.city,borrower.address.region,borrower.address.postalCode,borrower.address.country,borrower.timeZone,borrower.language,product,currency,principal,aprBps,termMonths,disbursedOn,payments,consents.contact,consents.automatedContact,employmentStatus,monthlyIncome';
const DAY = 86_400_000;
const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

interface LoanAnswer { loanId: string; status: string; arrangement: { kind: string; status: string; approvedBy: string | null; instalments: { dueOn: string; amountMinor: number }[] } | null }
interface Proposal { id: string; kind: string; status: string; reasons: string[] }

/** A loan imported as disbursed 100 days ago with nothing paid: three instalments past due, delinquent. */
async function delinquentLoan(who: string): Promise<string> {
  const tag = randomBytes(3).toString('hex');
  const reference = `E2E-APPR-${who}-${tag}`;
  const row = `${reference},Kavya,Nair,1987-09-12,kavya.${tag}@example.com,+9196${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')},ABCPN1234K,12 Marine Drive,Kochi,KL,682031,IN,Asia/Kolkata,en,personal,INR,4000000,1899,12,${isoDay(Date.now() - 100 * DAY)},,true,true,salaried,6500000`;
  const imported = await apiJson<{ imported: number; rejected: unknown[] }>('ops', '/v1/portfolio/imports', { method: 'POST', headers: { 'content-type': 'text/csv' }, body: [HEADER, row].join('\n') });
  expect([imported.status, imported.body]).toMatchObject([201, { imported: 1, rejected: [] }]);
  const loanId = importedLoanId(reference);
  await expect.poll(async () => (await apiJson<LoanAnswer>('ops', `/v1/loans/${loanId}`)).body.status, { timeout: 60_000, intervals: [1000] }).toBe('delinquent');
  return loanId;
}

/** The loan's one proposal of this kind waiting for a second person, as the API lists it. */
async function pendingProposal(loanId: string, kind: string): Promise<Proposal> {
  const { status, body } = await apiJson<{ items: Proposal[] }>('ops', `/v1/loans/${loanId}/arrangements`);
  expect(status).toBe(200);
  const pending = body.items.filter((p) => p.kind === kind && p.status === 'pending');
  expect(pending).toHaveLength(1);
  return pending[0]!;
}

const openLoan = (page: Page, loanId: string) => page.goto(`${page.url().split('#')[0]}#/loans/${loanId}`);

/** The proposer is refused their own approval on the Approvals screen, and admin approves it there. */
async function refusedToProposerThenApproved(page: Page, approvalId: string, note: string): Promise<void> {
  await page.getByRole('link', { name: 'Approvals' }).click();
  const mine = page.locator(`li[data-approval="${approvalId}"]`);
  await expect(mine).toContainText('Yours: waiting for a second person to decide.');
  await mine.getByRole('button', { name: 'Approve' }).click();
  await expect(mine.getByRole('alert')).toContainText('a second person decides');
  expect((await apiJson<Proposal>('ops', `/v1/approvals/${approvalId}`)).body.status).toBe('pending');
  await page.getByRole('button', { name: 'Sign out' }).click();

  await signIn(page, 'admin');
  await page.getByRole('link', { name: 'Approvals' }).click();
  const theirs = page.locator(`li[data-approval="${approvalId}"]`);
  await expect(theirs).not.toContainText('Yours');
  await theirs.getByLabel('Decision note').fill(note);
  await theirs.getByRole('button', { name: 'Approve' }).click();
  // Approved and applied at once through the loan workflow.
  await expect(page.locator(`p[data-decided="${approvalId}"]`)).toContainText('now applied');
  await expect(page.locator(`li[data-approval="${approvalId}"]`)).toHaveCount(0);
}

test('ops ask for a write-off that waits for a second person; they cannot approve it, admin does, and the loan is written off', async ({ page }) => {
  test.setTimeout(150_000);
  const loanId = await delinquentLoan('wo');
  const reason = `e2e ${randomBytes(3).toString('hex')}: borrower deceased, no estate`;

  await signIn(page, 'ops');
  await openLoan(page, loanId);
  await expect(page.locator('dl.facts')).toContainText('delinquent');
  const form = page.getByRole('form', { name: 'Request a write-off' });
  // Refused at its field before anything is sent.
  await form.getByRole('button', { name: 'Request write-off' }).click();
  await expect(form.getByLabel('Reason')).toHaveAttribute('aria-invalid', 'true');
  await expect(form.locator('#wo-r-error')).toHaveText('say why the loan should be written off');
  await form.getByLabel('Reason').fill(reason);
  await form.getByRole('button', { name: 'Request write-off' }).click();
  const proposal = await pendingProposal(loanId, 'write_off');
  await expect(form.getByRole('status')).toHaveText(`Waiting for a second person: approval ${proposal.id.slice(0, 8)}.`);
  expect(proposal.reasons).toEqual(['a write-off needs a second person, always']);
  // Nothing is applied yet: the loan is still delinquent.
  expect((await apiJson<LoanAnswer>('ops', `/v1/loans/${loanId}`)).body.status).toBe('delinquent');

  await refusedToProposerThenApproved(page, proposal.id, 'e2e: write-off checked');
  await openLoan(page, loanId);
  const timeline = page.getByRole('list', { name: "The loan's events and payments" });
  await expect(async () => {
    await page.reload();
    await expect(page.locator('dl.facts')).toContainText('charged_off', { timeout: 2000 });
    await expect(timeline.locator('li[data-kind="loan.written_off"]')).toContainText(`reason=${reason}`, { timeout: 2000 });
  }).toPass({ timeout: 30_000 });
  await expect(timeline.locator('li[data-kind="loan.written_off"]')).toContainText(`writeOffId=${proposal.id}`);
  // Closed: nothing more is offered on the loan.
  await expect(page.getByRole('form', { name: 'Request a write-off' })).toHaveCount(0);

  // Admin reads the audit trail: the option to show reads sits on its label's line.
  const reads = page.getByLabel('Show reads of the record in the audit entries');
  const box = (await reads.boundingBox())!;
  const label = (await page.locator('label.check').filter({ has: reads }).boundingBox())!;
  const text = (await page.locator('label.check').filter({ has: reads }).locator('span').boundingBox())!;
  expect(text.x).toBeGreaterThan(box.x + box.width);
  expect(Math.abs(text.y + text.height / 2 - (box.y + box.height / 2))).toBeLessThan(4);
  expect(label.height).toBeLessThan(60);
  await expect(timeline.locator('li[data-kind="audit command"]').filter({ hasText: 'ArrangementsController_writeOff · 202' })).toHaveCount(1);
});

test('ops propose a plan beyond the policy\'s bounds: it waits for a second person, and once admin approves it the loan is on the plan', async ({ page }) => {
  test.setTimeout(150_000);
  const loanId = await delinquentLoan('plan');
  // A plan must pay exactly what is owed today; seven monthly instalments are more than the default policy allows (six).
  const quote = await apiJson<{ total: number; asOf: string }>('ops', `/v1/loans/${loanId}/payoff-quote`);
  expect(quote.status).toBe(200);
  const owed = quote.body.total;
  const count = 7;
  const each = Math.floor(owed / count);
  const plan = Array.from({ length: count }, (_, k) => ({ dueOn: isoDay(Date.now() + (k + 1) * 30 * DAY), amountMinor: k === count - 1 ? owed - each * (count - 1) : each }));

  await signIn(page, 'ops');
  await openLoan(page, loanId);
  const form = page.getByRole('form', { name: 'Propose a plan, restructure or settlement' });
  await form.getByLabel('Kind').selectOption('plan');
  for (let k = 1; k < count; k++) await form.getByRole('button', { name: 'Add an instalment' }).click();
  for (const [k, line] of plan.entries()) {
    await form.getByLabel(`Due on ${k + 1}`, { exact: true }).fill(line.dueOn);
    await form.getByLabel(`Amount (minor units) ${k + 1}`, { exact: true }).fill(String(line.amountMinor));
  }
  await form.getByLabel('Note').fill('e2e: seven months is what the borrower can carry');
  await form.getByRole('button', { name: 'Propose' }).click();
  const status = form.getByRole('status');
  await expect(status).toHaveAttribute('data-applied', 'false');
  const proposal = await pendingProposal(loanId, 'arrangement');
  await expect(status).toHaveText(`Waiting for approval by a second person. ${proposal.id.slice(0, 8)}`);
  expect(proposal.reasons.some((r) => r.startsWith("outside the policy's bounds (/settings/arrangements"))).toBe(true);
  // Not applied until a second person approves: the loan has no arrangement yet.
  expect((await apiJson<LoanAnswer>('ops', `/v1/loans/${loanId}`)).body.arrangement).toBeNull();

  await refusedToProposerThenApproved(page, proposal.id, 'e2e: plan checked against income');
  const applied = (await apiJson<LoanAnswer>('ops', `/v1/loans/${loanId}`)).body.arrangement;
  expect(applied).toMatchObject({ kind: 'plan', status: 'active' });
  expect(applied!.instalments.map((l) => [l.dueOn, l.amountMinor])).toEqual(plan.map((l) => [l.dueOn, l.amountMinor]));

  await openLoan(page, loanId);
  const timeline = page.getByRole('list', { name: "The loan's events and payments" });
  await expect(async () => {
    await page.reload();
    await expect(timeline.locator('li[data-kind="arrangement.applied"]')).toContainText(`arrangementId=${proposal.id}`, { timeout: 2000 });
    // Nothing is past due under the plan: the loan is current again.
    await expect(page.locator('dl.facts')).toContainText('active', { timeout: 2000 });
  }).toPass({ timeout: 30_000 });
  // The event's fields come in no fixed order: each is checked on its own.
  const event = timeline.locator('li[data-kind="arrangement.applied"]');
  for (const field of ['kind=plan', `owedMinor=${owed}`, 'proposedBy=ops', 'approvedBy=admin']) await expect(event).toContainText(field);
});
