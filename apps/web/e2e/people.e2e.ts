// The people who work cases, in the browser: a policy that hands every new episode to the desk is
// asked for by ops and approved by a second person (admin) on the Approvals screen, the one who
// asked being refused; two delinquent loans are imported and handed off to col-asha; she accepts
// one and records a promise that shows in the case's timeline; ops place the other with
// agy-southgate, and agency-northstar cannot reach it by its address.
import { expect, test } from '@playwright/test';
import { randomBytes } from 'node:crypto';
import { apiJson, shoot, signIn } from './helpers.ts';

const QUEUE = `e2e-desk-${randomBytes(3).toString('hex')}`;
// Only col-asha has all three (apps/launcher/demo-assignees.ts), so the desk hands these to her.
const POLICY = `
name: e2e-straight-to-the-desk
settings:
  weeklyCaps: { sms: 3 }
  fallback: {}
  promiseToleranceBps: 100
  promiseMaxDays: 30
rules:
  - id: desk
    when: {}
    path:
      - handoff: { queue: ${QUEUE}, skills: [negotiation, restructuring, certified], priority: 1 }
`;
const HEADER = 'lenderReference,borrower.firstName,borrower.lastName,borrower.dateOfBirth,borrower.email,borrower.phone,borrower.nationalId,borrower.address.line1,borrower.address.city,borrower.address.region,borrower.address.postalCode,borrower.address.country,borrower.timeZone,borrower.language,product,currency,principal,aprBps,termMonths,disbursedOn,payments,consents.contact,consents.automatedContact,employmentStatus,monthlyIncome';
const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString().slice(0, 10);
const inDays = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);

const LAST = ['Kumar', 'Sethi'];
interface WorkItem { caseId: string; workflowId: string; loanId: string; assigneeId: string | null; status: string }
let cases: WorkItem[] = [];

test.describe.configure({ mode: 'serial' });

test('a policy activation is approved by a second person on the Approvals screen; the one who asked cannot', async ({ page }) => {
  test.setTimeout(120_000);
  const draft = await apiJson<{ version: number }>('ops', '/v1/policies/recovery', { method: 'POST', body: JSON.stringify({ source: POLICY, author: 'e2e' }) });
  expect(draft.status).toBe(201);
  expect((await apiJson('ops', `/v1/policies/recovery/${draft.body.version}/validate`, { method: 'POST' })).status).toBe(200);
  const asked = await apiJson<{ id: string; status: string }>('ops', `/v1/policies/recovery/${draft.body.version}/activate`, { method: 'POST', body: '{}' });
  expect(asked.status).toBe(202);

  await signIn(page, 'ops');
  await page.getByRole('link', { name: 'Approvals' }).click();
  const mine = page.locator(`li[data-approval="${asked.body.id}"]`);
  await expect(mine).toContainText('Yours: waiting for a second person to decide.');
  await mine.getByRole('button', { name: 'Approve' }).click();
  await expect(mine.getByRole('alert')).toContainText('a second person decides');
  await page.getByRole('button', { name: 'Sign out' }).click();

  await signIn(page, 'admin');
  await page.getByRole('link', { name: 'Approvals' }).click();
  const theirs = page.locator(`li[data-approval="${asked.body.id}"]`);
  await theirs.getByLabel('Decision note').fill('e2e: the desk policy');
  await shoot(page, 'approvals');
  await theirs.getByRole('button', { name: 'Approve' }).click();
  await expect(page.locator(`p[data-decided="${asked.body.id}"]`)).toContainText(/now (approved|applied)/);
  await expect.poll(async () => (await apiJson<{ version: number }>('ops', '/v1/policies/recovery/active')).body.version).toBe(draft.body.version);
});

test('a collector accepts a case and records a promise that shows in the case timeline', async ({ page }) => {
  test.setTimeout(180_000);
  const tag = randomBytes(3).toString('hex');
  const row = (n: number) => `E2E-${tag}-${n},Ravi,${LAST[n - 1]},1988-03-0${n},ravi.${tag}.${n}@example.com,+9198${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')},ABCP${LAST[n - 1]!.charAt(0)}1234K,1 MG Road,Pune,MH,411001,IN,Asia/Kolkata,en,personal,INR,5000000,1899,12,${daysAgo(100)},,true,true,salaried,6000000`;
  const imported = await apiJson<{ imported: number; rejected: unknown[] }>('ops', '/v1/portfolio/imports', { method: 'POST', headers: { 'content-type': 'text/csv' }, body: [HEADER, row(1), row(2)].join('\n') });
  expect([imported.status, imported.body]).toMatchObject([201, { imported: 2, rejected: [] }]);
  await expect
    .poll(async () => {
      cases = (await apiJson<{ items: WorkItem[] }>('ops', `/v1/recovery/work-items?queue=${QUEUE}`)).body.items ?? [];
      return cases.filter((c) => c.assigneeId === 'col-asha').length;
    }, { timeout: 120_000, intervals: [2000] })
    .toBe(2);
  const [mine] = cases;

  await signIn(page, 'col-asha');
  await page.getByRole('link', { name: 'Collector desk' }).click();
  const card = page.locator(`li[data-case="${mine!.caseId}"]`);
  await card.getByRole('button', { name: 'Accept' }).click();
  const form = card.getByRole('form', { name: 'Record call outcome' });
  await form.getByLabel('Outcome').selectOption('promised');
  await form.getByLabel('Promised amount (minor units)').fill('250000');
  await form.getByLabel('Promised by (date)').fill(inDays(7));
  await form.getByRole('button', { name: 'Save' }).click();
  await expect(form.getByRole('status')).toHaveText('Saved');
  await card.getByRole('link', { name: 'Open case' }).click();
  await expect(page.getByRole('heading', { name: `Case ${mine!.workflowId}` })).toBeVisible();
  await expect(async () => {
    await page.reload();
    await expect(page.getByRole('list', { name: "The case's events" })).toContainText('promise', { timeout: 2000 });
  }).toPass({ timeout: 30_000 });
  await shoot(page, 'case-timeline');
});

test('an agency user cannot reach another agency\'s case by its address', async ({ page }) => {
  const other = cases[1]!;
  // No demo agency has every skill the test's hand-off asks for (so that col-asha got both cases):
  // ops give agy-southgate the one it lacks, as they would before placing such cases with it.
  const southgate = { name: 'Southgate Collections', kind: 'agency', skills: ['negotiation', 'restructuring', 'certified'], capacity: 200, active: true };
  expect((await apiJson('ops', '/v1/recovery/assignees/agy-southgate', { method: 'PUT', body: JSON.stringify(southgate) })).status).toBe(200);
  const placed = await apiJson<{ cases: { caseId: string }[]; notPlaced: unknown[] }>('ops', '/v1/agencies/agy-southgate/placements', { method: 'POST', body: JSON.stringify({ caseIds: [other.caseId] }) });
  expect([placed.status, placed.body.notPlaced, placed.body.cases.map((c) => c.caseId)]).toEqual([201, [], [other.caseId]]);

  await signIn(page, 'agency-northstar');
  await page.goto(`${page.url().split('#')[0]}#/cases/${other.workflowId}`);
  await expect(page.getByRole('alert')).toContainText('Case not found');

  await page.getByRole('button', { name: 'Sign out' }).click();
  await signIn(page, 'agency-southgate');
  await page.getByRole('link', { name: 'Agency portal' }).click();
  await expect(page.getByRole('heading', { name: 'My performance' })).toBeVisible();
  await page.locator('li[data-placement]').filter({ hasText: other.loanId.slice(0, 8) }).getByRole('button', { name: 'Accept' }).click();
  await expect(page.locator(`li[data-case="${other.caseId}"]`)).toBeVisible();
  await shoot(page, 'agency-portal');
});
