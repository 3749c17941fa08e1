// The compliance assistant and the live-call assist in the browser, against the platform with
// the starter collection ingested (global-setup.ts): an answer streams in with citations, one
// opens its passage (the API's own text for that chunk), a follow-up is asked as one, and a
// question the sources do not cover is refused. The call-assist panel opens the WebSocket for a
// loan and updates segment by segment while a scripted call plays through it.
import { expect, test } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { apiJson, shoot, signIn } from './helpers.ts';

const root = join(import.meta.dirname, '..', '..', '..');

test('the compliance chat answers with citations, and a citation opens its passage', async ({ page }) => {
  await signIn(page, 'compliance');
  await page.goto(`${page.url().split('#')[0]}#/compliance`);
  const chat = page.getByRole('region', { name: 'Ask the assistant' });
  await chat.getByLabel('Question').fill('What must an adverse action notification contain under Regulation B?');
  await chat.getByRole('button', { name: 'Ask' }).click();
  const first = chat.getByRole('list', { name: 'Conversation' }).getByRole('listitem').filter({ hasText: 'Q: What must an adverse action' }).first();
  const citations = first.getByRole('list', { name: 'Citations' });
  await expect(citations).toBeVisible({ timeout: 30_000 });
  const citation = citations.getByRole('button').first();
  await citation.click();
  const passage = page.locator('aside.passage blockquote');
  await expect(passage).toBeVisible();
  const chunkId = await passage.getAttribute('data-passage');
  const fromApi = await apiJson<{ content: string }>('compliance', `/v1/assistant/passages/${encodeURIComponent(chunkId ?? '')}`);
  expect(fromApi.status).toBe(200);
  await expect(passage).toHaveText(fromApi.body.content);
  // The quote the citation shows is in the passage it opened.
  const quote = (await citations.locator('q').first().textContent()) ?? '';
  expect(fromApi.body.content.replace(/\s+/g, ' ')).toContain(quote.replace(/\s+/g, ' ').slice(0, 40));

  await chat.getByLabel('Question').fill('Must it state the reasons?');
  await chat.getByRole('button', { name: 'Ask' }).click();
  await expect(chat.getByText('Asked as a follow-up to the question before.')).toBeVisible({ timeout: 30_000 });

  await shoot(page, 'compliance-chat');

  // In a new conversation (in this one, the last question's terms would be searched with it).
  await chat.getByRole('button', { name: 'New conversation' }).click();
  await chat.getByLabel('Question').fill('Which football club won the 2022 World Cup final?');
  await chat.getByRole('button', { name: 'Ask' }).click();
  const refused = chat.getByRole('listitem').filter({ hasText: 'Q: Which football club' });
  await expect(refused.getByText('Refused')).toBeVisible({ timeout: 30_000 });
  await expect(refused.getByText('The sources do not cover it.')).toBeVisible();
  await expect(refused.getByRole('list', { name: 'Citations' })).toHaveCount(0);
});

test('the call-assist panel updates while a scripted call streams through it', async ({ page }) => {
  const application = JSON.parse(readFileSync(join(root, 'apps/sandboxes/identities/approved.json'), 'utf8')) as unknown;
  const created = await apiJson<{ loanId: string }>('ops', '/v1/applications?wait=decision', { method: 'POST', headers: { 'Idempotency-Key': 'e2e-call-assist' }, body: JSON.stringify(application) });
  expect([200, 202]).toContain(created.status);
  await signIn(page, 'ops');
  await page.goto(`${page.url().split('#')[0]}#/loans/${created.body.loanId}`);
  const panel = page.getByRole('region', { name: 'Live call assist' });
  await panel.getByRole('button', { name: 'Live call' }).click();
  await expect(panel.getByRole('status').filter({ hasText: 'Call open' })).toBeVisible();
  await expect(panel.locator('[data-fact="propensity"]')).toBeVisible();
  await panel.getByLabel('Scripted call').selectOption('stop-and-threat');
  await panel.getByRole('button', { name: 'Play scripted call' }).click();
  // Segment by segment: the third party on the line first, marked new, then the threat (new) as
  // the third party's warning stops being new.
  await expect(panel.locator('[data-warning="third_party"].new-warning')).toBeVisible();
  await expect(panel.locator('[data-next-action="ask_for_borrower_alone"]')).toBeVisible();
  await expect(panel.locator('[data-warning="threat"].new-warning')).toBeVisible();
  await expect(panel.locator('[data-warning="third_party"]')).not.toHaveClass('new-warning');
  await expect(panel.locator('[data-warning="stop_request"].new-warning')).toBeVisible({ timeout: 15_000 });
  await expect(panel.locator('[data-seq="4"] [data-intent="dispute"]')).toBeVisible();
  await expect(panel.locator('[data-next-action="honour_stop_request"]')).toBeVisible();
  await shoot(page, 'call-assist');
  await panel.getByRole('button', { name: 'Confirm stop request' }).click();
  await expect(panel.getByText('Stop request recorded')).toBeVisible();
  await expect(panel.getByRole('button', { name: 'Confirm stop request' })).toHaveCount(0);
  await panel.getByRole('button', { name: 'End call' }).click();
  await expect(panel.getByRole('status').filter({ hasText: 'Call closed' })).toBeVisible();
});
