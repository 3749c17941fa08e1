// What the browser tests share: the platform's address, signing in through the page, and a
// token for checking what the page shows against the API itself.
import { expect, type Page } from '@playwright/test';
import { join } from 'node:path';

export const base = (): string => {
  const url = process.env.E2E_BASE_URL;
  if (!url) throw new Error('E2E_BASE_URL is not set (global-setup.ts starts the platform)');
  return url;
};

export async function tokenFor(username: string): Promise<string> {
  const res = await fetch(`${base()}/v1/session/demo-token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: 'credence-demo' }) });
  expect(res.status).toBe(200);
  return ((await res.json()) as { access_token: string }).access_token;
}

export async function apiJson<T>(username: string, path: string, init: RequestInit = {}): Promise<{ status: number; body: T }> {
  const res = await fetch(`${base()}${path}`, { ...init, headers: { authorization: `Bearer ${await tokenFor(username)}`, 'content-type': 'application/json', ...init.headers } });
  const text = await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : undefined) as T };
}

export async function signIn(page: Page, username: string): Promise<void> {
  await page.goto(`${base()}/`);
  await page.getByLabel('Demo user').selectOption(username);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible();
}

// Screenshots of the main screens go to docs/screenshots, where the README shows them.
export const shoot = (page: Page, name: string) => page.screenshot({ path: join(import.meta.dirname, '..', '..', '..', 'docs', 'screenshots', `${name}.png`), fullPage: true });
