// Ops in the browser: the command centre's numbers are the API's; a policy is edited, refused
// with its fault at its line, fixed, dry-run against the live portfolio, asked to be activated,
// and approved by a second person.
// Screenshots of the main screens are written to docs/screenshots for the README.
import { expect, test, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as tables from '../src/screens/analytics-tables.ts';
import type { Delinquency, Origination, RecoveryFigures, Watchlist } from '../src/screens/analytics-tables.ts';
import type { Table } from '../src/ui/csv.ts';
import { apiJson, shoot, signIn } from './helpers.ts';

const root = join(import.meta.dirname, '..', '..', '..');

async function chartRows(page: Page, file: string): Promise<string[][]> {
  const figure = page.locator(`figure[data-chart="${file}"]`);
  await expect(figure).toBeVisible();
  const numbers = figure.getByText('Numbers');
  if ((await numbers.count()) > 0) await numbers.click();
  return figure.locator('tbody tr').evaluateAll((rows) => rows.map((r) => [...r.querySelectorAll('td')].map((td) => td.textContent ?? '')));
}

test('the command centre shows the numbers the API gives', async ({ page }) => {
  const application = JSON.parse(readFileSync(join(root, 'apps/sandboxes/identities/approved.json'), 'utf8')) as unknown;
  for (const key of ['e2e-a', 'e2e-b']) {
    const { status } = await apiJson('ops', '/v1/applications?wait=decision', { method: 'POST', headers: { 'Idempotency-Key': key }, body: JSON.stringify(application) });
    expect([200, 202]).toContain(status);
  }
  await signIn(page, 'ops');
  await expect(page.getByRole('heading', { name: 'Command centre' })).toBeVisible();
  // The book may still be settling (workflows projecting): the page and the API are read one after
  // the other until both say the same, the page read fresh each time.
  await expect(async () => {
    await page.reload();
    const origination = await apiJson<Origination>('ops', '/v1/analytics/origination');
    const delinquency = await apiJson<Delinquency>('ops', '/v1/analytics/delinquency');
    const recovery = await apiJson<RecoveryFigures>('ops', '/v1/analytics/recovery');
    const watchlist = await apiJson<Watchlist>('ops', '/v1/analytics/watchlist');
    expect(origination.body.days.reduce((n, d) => n + d.applications, 0)).toBeGreaterThanOrEqual(2);
    const expected: [string, Table][] = [
      ['applications-per-day', tables.applicationsTable(origination.body)],
      ['book-by-product', tables.bookTable(origination.body)],
      ['vintage-by-bucket', tables.vintageTable(delinquency.body)],
      ['roll-rates', tables.rollTable(delinquency.body)],
      ['recovery-rate', tables.recoveryTable(recovery.body)],
      ['blocked-by-rule', tables.blockedTable(recovery.body)],
      ['early-warning', tables.earlyWarningTable(watchlist.body)],
      ['expected-loss', tables.expectedLossTable(watchlist.body)],
    ];
    for (const [file, table] of expected) expect([file, await chartRows(page, file)]).toEqual([file, table.rows.map((r) => r.map((v) => (v === null ? '—' : String(v))))]);
    await expect(page.locator('[data-stat="today"]')).toContainText(`${origination.body.today.applications} applications`);
  }).toPass({ timeout: 120_000, intervals: [2000, 5000] });
  await page.reload(); // the screenshot with the charts, their tables folded away
  await expect(page.locator('figure[data-chart="model-health"]')).toBeVisible();
  await expect(page.getByText('Loading…')).toHaveCount(0);
  await shoot(page, 'command-centre');
  await page.goto(`${page.url().split('#')[0]}#/models`);
  await expect(page.getByRole('heading', { name: 'Models' })).toBeVisible();
  await expect(page.locator('article.card').first()).toBeVisible();
  await shoot(page, 'models');
});

test('a bad filter is refused at its field, on the page as by the API', async ({ page }) => {
  await signIn(page, 'ops');
  await page.getByLabel('Region (country)').fill('xx');
  await page.getByRole('button', { name: 'Apply' }).click();
  await expect(page.getByRole('alert').first()).toContainText('region');
});

test('a policy edit is refused at its line, then fixed, dry-run and activated', async ({ page }) => {
  const list = await apiJson<{ items: { version: number }[] }>('ops', '/v1/policies/recovery');
  if (list.body.items.length === 0) {
    const document = JSON.parse(readFileSync(join(root, 'policies/recovery/default.policy.json'), 'utf8')) as unknown;
    expect((await apiJson('ops', '/v1/policies/recovery', { method: 'POST', body: JSON.stringify({ document, author: 'e2e' }) })).status).toBe(201);
  }
  await signIn(page, 'ops');
  await page.getByRole('link', { name: 'Policy studio' }).click();
  await page.getByRole('navigation', { name: 'Policy versions' }).getByRole('button').first().click();
  const editor = page.getByLabel('Policy source (YAML or JSON)');
  await expect(editor).not.toHaveValue('');
  const original = await editor.inputValue();
  const lines = original.split('\n');
  const bad = lines.findIndex((l) => /"template": "/.test(l));
  expect(bad).toBeGreaterThanOrEqual(0);
  lines[bad] = lines[bad]!.replace(/"template": "[^"]+"/, '"template": "no_such_template"');
  await editor.fill(lines.join('\n'));
  await page.getByRole('button', { name: 'Save as new draft' }).click();
  const saved = await page.getByRole('status').filter({ hasText: 'Saved as draft' }).textContent();
  const draft = Number(/v(\d+)/.exec(saved ?? '')?.[1]);
  await page.getByRole('button', { name: `Validate v${draft}` }).click();
  const problem = page.getByRole('list', { name: 'Problems in the policy' }).locator(`li[data-line="${bad + 1}"]`);
  await expect(problem).toContainText(`Line ${bad + 1}`);
  await shoot(page, 'policy-studio-error');

  await editor.fill(original);
  await page.getByRole('button', { name: 'Save as new draft' }).click();
  await expect(page.getByRole('status').filter({ hasText: `Saved as draft v${draft + 1}` })).toBeVisible();
  await page.getByRole('button', { name: `Validate v${draft + 1}` }).click();
  await expect(page.getByRole('status').filter({ hasText: 'is valid' })).toBeVisible();
  await page.getByRole('button', { name: `Dry-run v${draft + 1}` }).click();
  await expect(page.getByRole('heading', { name: /^Dry-run: \d+ delinquent accounts/ })).toBeVisible();
  await page.getByRole('button', { name: `Ask to activate v${draft + 1}` }).click();
  const waiting = await page.getByRole('status').filter({ hasText: `Activation of v${draft + 1} waits for a second person` }).textContent();
  await shoot(page, 'policy-studio-dry-run');
  // A second person approves it; the one who asked cannot.
  const approval = /approval ([0-9a-f-]{36})/.exec(waiting ?? '')?.[1];
  expect((await apiJson('ops', `/v1/approvals/${approval}/approve`, { method: 'POST', body: '{}' })).status).toBe(403);
  expect((await apiJson('admin', `/v1/approvals/${approval}/approve`, { method: 'POST', body: '{}' })).status).toBe(200);
  const active = await apiJson<{ version: number }>('ops', '/v1/policies/recovery/active');
  expect(active.body.version).toBe(draft + 1);
});

test('compliance searches the audit trail and verifies its chain; the collector desk speaks Hindi', async ({ page }) => {
  await signIn(page, 'compliance');
  await page.getByRole('link', { name: 'Compliance' }).click();
  await page.getByRole('button', { name: 'Verify the chain' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'The chain holds' })).toBeVisible();
  // The opt-outs and disputes lists show what the API answers the same person, row for row.
  for (const [title, path] of [['Opt-outs, newest first', '/v1/compliance/opt-outs?limit=50'], ['Disputes, newest first', '/v1/compliance/disputes?limit=50']] as const) {
    const fromApi = await apiJson<{ items: { loanId: string }[] }>('compliance', path);
    expect(fromApi.status).toBe(200);
    const list = page.getByRole('figure', { name: title });
    await expect(list.getByRole('button', { name: `Download CSV of ${title}` })).toBeVisible();
    if (fromApi.body.items.length === 0) await expect(list.getByText('No data yet.')).toBeVisible();
    else await expect(list.getByRole('row')).toHaveCount(fromApi.body.items.length + 1);
  }
  await shoot(page, 'compliance');
  await page.getByRole('button', { name: 'Sign out' }).click();
  await signIn(page, 'col-asha');
  await page.getByRole('link', { name: 'Collector desk' }).click();
  await page.getByLabel('Language').selectOption('hi');
  await expect(page.getByRole('heading', { name: 'मेरी कतार' })).toBeVisible();
  await shoot(page, 'collector-desk-hi');
});
