// Figures for apps/web/README.md, only with E2E_MEASURE=1 (it imports the 300-loan demo book into
// the platform, which the other tests do not need): the command centre's API calls and their
// latency with the book loaded, and the command centre's time to interactive in Chromium.
import { expect, test } from '@playwright/test';
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { Origination } from '../src/screens/analytics-tables.ts';
import { apiJson, base, signIn, tokenFor } from './helpers.ts';

const root = join(import.meta.dirname, '..', '..', '..');
const CALLS = ['/v1/analytics/origination', '/v1/analytics/delinquency', '/v1/analytics/recovery', '/v1/analytics/watchlist'];
const quantile = (xs: number[], q: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(q * xs.length))]!;

test.skip(!process.env.E2E_MEASURE, 'E2E_MEASURE=1 measures with the demo book loaded');
test.setTimeout(900_000);

test('the command centre with the demo book loaded', async ({ page }) => {
  const { stdout } = await promisify(execFile)(process.execPath, [join(root, 'dist/apps/tools/demo-book/demo.js'), '--api', base()], {
    cwd: root,
    env: { ...process.env, CREDENCE_TOKEN: await tokenFor('ops') },
  });
  console.log(stdout.split('\n').slice(0, 3).join('\n'));
  // The import starts a workflow per loan; the figures are there once their projections are.
  const open = async () => (await apiJson<Origination>('ops', '/v1/analytics/origination?from=2020-01-01&to=2020-12-31')).body.book.reduce((n, b) => n + b.openLoans, 0);
  for (let n = await open(), deadline = Date.now() + 600_000; n < 250 && Date.now() < deadline; n = await open()) await new Promise((r) => setTimeout(r, 5000));
  console.log(`open loans on the book: ${await open()}`);

  const token = await tokenFor('ops');
  for (const path of CALLS) {
    const times: number[] = [];
    let bytes = 0;
    for (let i = 0; i < 11; i += 1) {
      const t0 = performance.now();
      const res = await fetch(`${base()}${path}`, { headers: { authorization: `Bearer ${token}` } });
      const body = await res.text();
      expect(res.status).toBe(200);
      if (i > 0) times.push(performance.now() - t0);
      bytes = body.length;
    }
    console.log(`${path}: median ${quantile(times, 1 / 2).toFixed(1)} ms, max ${Math.max(...times).toFixed(1)} ms over 10 calls, ${bytes} bytes`);
  }

  await signIn(page, 'ops');
  const ttis: string[] = [];
  for (let i = 0; i < 3; i += 1) {
    await page.reload();
    for (const chart of ['applications-per-day', 'vintage-by-bucket', 'recovery-rate', 'expected-loss', 'model-health']) await expect(page.locator(`figure[data-chart="${chart}"]`)).toBeVisible({ timeout: 60_000 });
    await expect(page.getByText('Loading…')).toHaveCount(0, { timeout: 60_000 });
    const t = await page.evaluate(() => {
      const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
      return { domInteractive: Math.round(nav.domInteractive), loaded: Math.round(nav.loadEventEnd), allPanels: Math.round(performance.now()) };
    });
    ttis.push(`DOM interactive ${t.domInteractive} ms, load ${t.loaded} ms, every panel drawn ${t.allPanels} ms`);
  }
  console.log(`command centre (reload, signed in): ${ttis.join(' | ')}`);
});
