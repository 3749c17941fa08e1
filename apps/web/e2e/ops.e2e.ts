// Ops in the browser: the command centre's numbers are the API's; a policy is edited, refused
// with its fault at its line, fixed, dry-run against the live portfolio and activated.
// Screenshots of the main screens are written to docs/screenshots for the README.
import { expect, test, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { apiJson, signIn } from './helpers.ts';

const root = join(import.meta.dirname, '..', '..', '..');
const shots = join(root, 'docs', 'screenshots');
const shoot = (page: Page, name: string) => page.screenshot({ path: join(shots, `${name}.png`), fullPage: true });

async function chartRows(page: Page, file: string): Promise<string[][]> {
  const figure = page.locator(`figure[data-chart="${file}"]`);
  await figure.getByText('Numbers').click();
  return figure.locator('tbody tr').evaluateAll((rows) => rows.map((r) => [...r.querySelectorAll('td')].map((td) => td.textContent ?? '')));
}

test('the command centre shows the numbers the API gives', async ({ page }) => {
  const application = JSON.parse(readFileSync(join(root, 'apps/sandboxes/identities/approved.json'), 'utf8')) as unknown;
  for (const key of ['e2e-a', 'e2e-b']) {
    const { status } = await apiJson('ops', '/v1/applications?wait=decision', { method: 'POST', headers: { 'Idempotency-Key': key }, body: JSON.stringify(application) });
    expect([200, 202]).toContain(status);
  }
  const { body } = await apiJson<{ items: { status: string }[] }>('ops', '/v1/loans?limit=100');
  const counts = new Map<string, number>();
  for (const l of body.items) counts.set(l.status, (counts.get(l.status) ?? 0) + 1);
  expect(body.items.length).toBeGreaterThanOrEqual(2);

  await signIn(page, 'ops');
  await expect(page.getByRole('heading', { name: 'Command centre' })).toBeVisible();
  const rows = await chartRows(page, 'loans-by-status');
  expect(new Map(rows.map(([status, n]) => [status, Number(n)]))).toEqual(counts);
  await expect(page.locator('figure[data-chart="recovery-activity"]')).toBeVisible();
  await expect(page.locator('figure[data-chart="model-health"]')).toBeVisible();
  await shoot(page, 'command-centre');
  await page.goto(`${page.url().split('#')[0]}#/models`);
  await expect(page.getByRole('heading', { name: 'Models' })).toBeVisible();
  await expect(page.locator('article.card').first()).toBeVisible();
  await shoot(page, 'models');
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
  await page.getByRole('button', { name: `Activate v${draft + 1}` }).click();
  await expect(page.getByRole('status').filter({ hasText: `v${draft + 1} is active` })).toBeVisible();
  await shoot(page, 'policy-studio-dry-run');
  const active = await apiJson<{ version: number }>('ops', '/v1/policies/recovery/active');
  expect(active.body.version).toBe(draft + 1);
});

test('compliance searches the audit trail and verifies its chain; the collector desk speaks Hindi', async ({ page }) => {
  await signIn(page, 'compliance');
  await page.getByRole('link', { name: 'Compliance' }).click();
  await page.getByRole('button', { name: 'Verify the chain' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'The chain holds' })).toBeVisible();
  await shoot(page, 'compliance');
  await page.getByRole('button', { name: 'Sign out' }).click();
  await signIn(page, 'col-asha');
  await page.getByRole('link', { name: 'Collector desk' }).click();
  await page.getByLabel('Language').selectOption('hi');
  await expect(page.getByRole('heading', { name: 'मेरी कतार' })).toBeVisible();
  await shoot(page, 'collector-desk-hi');
});
