// Each demo user sees exactly the screens whose calls the API lets their role make: the
// navigation is checked against the API's own answers (403 or not) to those calls, and a screen
// outside it is refused when opened by its address.
import { expect, test } from '@playwright/test';
import { SCREENS } from '../src/auth/access.ts';
import { apiJson, signIn } from './helpers.ts';

const USERS = ['admin', 'ops', 'underwriter', 'col-asha', 'agency-northstar', 'compliance', 'borrower'];
const DUMMY = '00000000-0000-4000-8000-000000000000';

/** Whether the API refuses the role this operation (403), with placeholder IDs: access is checked before the ID is looked up. */
async function refused(username: string, operation: string): Promise<boolean> {
  const [method, path] = operation.split(' ') as [string, string];
  const concrete = path.replace(/\{version\}/, '1').replace(/\{[^}]+\}/g, DUMMY);
  const { status } = await apiJson(username, concrete, { method, ...(method === 'GET' ? {} : { body: '{}' }) });
  return status === 403;
}

for (const username of USERS) {
  test(`${username} sees only the screens the API allows`, async ({ page }) => {
    const expected: string[] = [];
    for (const screen of SCREENS.filter((s) => s.nav)) {
      const all = await Promise.all(screen.needs.map((op) => refused(username, op)));
      const any = screen.needsAny ? await Promise.all(screen.needsAny.map((op) => refused(username, op))) : [false];
      if (all.every((r) => !r) && any.some((r) => !r)) expected.push(screen.title);
    }
    await signIn(page, username);
    const nav = page.getByRole('navigation', { name: 'Screens' });
    const shown = expected.length ? await nav.getByRole('link').allTextContents() : [];
    expect(shown.sort()).toEqual([...expected].sort());
    // A screen not shown is refused by its address too.
    const hidden = SCREENS.find((s) => s.nav && s.path !== '/' && !expected.includes(s.title));
    if (hidden) {
      await page.goto(`${page.url().split('#')[0]}#${hidden.path}`);
      await expect(page.getByRole('alert').filter({ hasText: `may not open ${hidden.title}` })).toBeVisible();
    }
  });
}
