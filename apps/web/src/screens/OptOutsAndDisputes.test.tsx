// The Compliance screen's opt-out and dispute lists against the answers the API gives (bodies as
// openapi.json describes them): what is asked, the rows shown and downloaded, the filters sent,
// the next page by the API's cursor, and a refused filter shown field by field. The API's own
// behaviour is tested in apps/api (compliance-lists.test.ts); the browser run checks both together.
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { toCsv } from '../ui/csv.ts';
import { wrap } from '../test/screen.tsx';

// openapi-fetch takes fetch when the client is made: the answer is chosen per test.
const server = vi.hoisted(() => {
  const state = { sent: [] as string[], answer: (_url: URL): [number, unknown] => [404, {}] };
  globalThis.fetch = ((input: Request | string, init?: RequestInit) => {
    const request = input instanceof Request ? input : new Request(input, init);
    const url = new URL(request.url);
    state.sent.push(url.pathname + url.search);
    const [status, body] = state.answer(url);
    return Promise.resolve(new Response(JSON.stringify(body), { status, headers: { 'content-type': status >= 400 ? 'application/problem+json' : 'application/json' } }));
  }) as typeof fetch;
  return state;
});

const { OptOutsList, DisputesList, optOutTable, disputeTable } = await import('./OptOutsAndDisputes.tsx');
type OptOut = import('./OptOutsAndDisputes.tsx').OptOutList['items'][number];
type Dispute = import('./OptOutsAndDisputes.tsx').DisputeList['items'][number];

const LOAN = '0b6f3c2e-9a41-4d5e-8f70-1c2d3e4f5a6b';
const OTHER = '7c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f';
const CURSOR = 'AAYJ9k6l2ABAAAAAAAAAAAAAAAAAAAAq';
const optOut = (over: Partial<OptOut> = {}): OptOut => ({ id: '42', loanId: LOAN, channel: 'sms', source: 'inbound', actor: null, at: '2026-11-12T08:30:00.000Z', ...over });
const dispute = (over: Partial<Dispute> = {}): Dispute => ({
  id: '43', loanId: LOAN, openedAt: '2026-11-10T00:00:00.000Z', source: 'inbound', channel: 'sms', openedBy: null, status: 'open', verifiedAt: null, verifiedBy: null, ...over,
});
const cells = (name: RegExp) => within(screen.getByRole('figure', { name })).getAllByRole('row').slice(1).map((r) => within(r).getAllByRole('cell').map((c) => c.textContent));

afterEach(() => {
  cleanup();
  server.sent.length = 0;
});

describe('the opt-outs list', () => {
  it('shows each opt-out (one from all contact as such), downloads the same rows, and pages by the cursor', async () => {
    server.answer = (url) =>
      url.searchParams.get('cursor') === CURSOR
        ? [200, { items: [optOut({ id: '40', loanId: OTHER, channel: 'voice', source: 'collector', actor: 'col-anita', at: '2026-11-01T10:00:00.000Z' })], nextCursor: null }]
        : [200, { items: [optOut(), optOut({ id: '41', channel: null, at: '2026-11-11T08:30:00.000Z' })], nextCursor: CURSOR }];
    wrap(<OptOutsList />);
    await screen.findByRole('figure', { name: /Opt-outs, newest first/ });
    expect(cells(/Opt-outs/)).toEqual([
      [LOAN, 'sms', '2026-11-12T08:30:00.000Z', 'inbound', '—'],
      [LOAN, 'all contact', '2026-11-11T08:30:00.000Z', 'inbound', '—'],
    ]);
    expect(screen.getByRole('button', { name: 'Download CSV of Opt-outs, newest first' })).toBeTruthy();
    expect(toCsv(optOutTable({ items: [optOut({ channel: null })], nextCursor: null }))).toBe(`loan,channel,at,source,recorded by\r\n${LOAN},all contact,2026-11-12T08:30:00.000Z,inbound,\r\n`);
    expect(server.sent).toEqual(['/v1/compliance/opt-outs?limit=50']);

    const pages = screen.getByRole('group', { name: 'Opt-outs pages' });
    expect(within(pages).getByRole<HTMLButtonElement>('button', { name: 'First page' }).disabled).toBe(true);
    fireEvent.click(within(pages).getByRole('button', { name: 'Next page' }));
    await waitFor(() => expect(cells(/Opt-outs/)).toEqual([[OTHER, 'voice', '2026-11-01T10:00:00.000Z', 'collector', 'col-anita']]));
    expect(server.sent.at(-1)).toBe(`/v1/compliance/opt-outs?limit=50&cursor=${CURSOR}`);
    expect(within(screen.getByRole('group', { name: 'Opt-outs pages' })).getByRole<HTMLButtonElement>('button', { name: 'Next page' }).disabled).toBe(true);
  });

  it('sends only the filters filled in, from the first page', async () => {
    server.answer = () => [200, { items: [], nextCursor: null }];
    wrap(<OptOutsList />);
    const form = await screen.findByRole('form', { name: 'Filter opt-outs' });
    fireEvent.change(within(form).getByLabelText('From'), { target: { value: '2026-11-01' } });
    fireEvent.change(within(form).getByLabelText('Channel'), { target: { value: 'email' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Apply' }));
    await waitFor(() => expect(server.sent.at(-1)).toBe('/v1/compliance/opt-outs?from=2026-11-01&channel=email&limit=50'));
    expect(await screen.findByText('No data yet.')).toBeTruthy();
  });
});

describe('the disputes list', () => {
  it('shows open and verified disputes, filters by status, and shows a refused filter field by field', async () => {
    server.answer = (url) => {
      if (url.searchParams.get('to') === '2026-01-01') return [400, { type: 'https://credence.dev/problems/validation', title: 'Invalid request', status: 400, errors: [{ field: 'to', message: 'must be after from' }] }];
      const all = [dispute(), dispute({ id: '44', loanId: OTHER, source: 'collector', channel: null, openedBy: 'col-anita', status: 'verified', verifiedAt: '2026-11-11T12:00:00.000Z', verifiedBy: 'compliance.ravi' })];
      const status = url.searchParams.get('status');
      return [200, { items: all.filter((d) => !status || d.status === status), nextCursor: null }];
    };
    wrap(<DisputesList />);
    await screen.findByRole('figure', { name: /Disputes, newest first/ });
    expect(cells(/Disputes/)).toEqual([
      [LOAN, '2026-11-10T00:00:00.000Z', 'sms', 'inbound', '—', 'open', '—', '—'],
      [OTHER, '2026-11-10T00:00:00.000Z', '—', 'collector', 'col-anita', 'verified', '2026-11-11T12:00:00.000Z', 'compliance.ravi'],
    ]);
    expect(disputeTable({ items: [dispute()], nextCursor: null }).columns).toEqual(['loan', 'opened at', 'channel', 'source', 'recorded by', 'status', 'verified at', 'verified by']);

    const form = screen.getByRole('form', { name: 'Filter disputes' });
    fireEvent.change(within(form).getByLabelText('Status'), { target: { value: 'verified' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Apply' }));
    await waitFor(() => expect(cells(/Disputes/)).toHaveLength(1));
    expect(server.sent.at(-1)).toBe('/v1/compliance/disputes?status=verified&limit=50');

    fireEvent.change(within(form).getByLabelText('From'), { target: { value: '2026-02-01' } });
    fireEvent.change(within(form).getByLabelText('To (not included)'), { target: { value: '2026-01-01' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Apply' }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Invalid request');
    expect(alert.textContent).toContain('to must be after from');
  });
});
