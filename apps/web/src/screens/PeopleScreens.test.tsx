// The collector, agency and approval screens against the answers the API gives (status codes and
// bodies as openapi.json describes them): what is sent, and what the person is told. The API's
// own behaviour is tested in apps/api; the browser run (e2e) checks both together.
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Person } from '../auth/session.ts';
import { setLanguage } from '../i18n/strings.ts';
import { wrap } from '../test/screen.tsx';

// openapi-fetch takes fetch when the client is made: the answer is chosen per test.
const server = await vi.hoisted(async () => (await import('../test/scripted-api.ts')).installScriptedApi());

const { ArrangementForm } = await import('./ArrangementForm.tsx');
const { Approvals } = await import('./Approvals.tsx');
const { Desk } = await import('./Desk.tsx');
const { performanceTable } = await import('./Agency.tsx');

const LOAN = '0b6f3c2e-9a41-4d5e-8f70-1c2d3e4f5a6b';
const CASE = `case-recovery-${LOAN}-1`;
const person = (roles: string[], subject = 'u-ops'): Person => ({ username: subject, subject, name: subject, roles, expiresAt: Date.now() + 60_000 });
const approval = (over: Record<string, unknown> = {}) => ({
  id: '11111111-2222-4333-8444-555555555555', kind: 'arrangement', loanId: LOAN, policyVersion: 2, experimentId: null, payload: { kind: 'settlement', totalMinor: 300000 },
  reasons: ['settlement below the policy floor'], status: 'pending', proposedBy: 'u-col', proposedByRoles: ['collector'], proposedAt: '2026-12-04T10:00:00Z',
  decidedBy: null, decidedAt: null, decisionNote: null, appliedAt: null, outcome: null, ...over,
});

afterEach(() => {
  cleanup();
  server.sent.length = 0;
  setLanguage('en');
});

describe('proposing an arrangement', () => {
  it('sends a settlement\'s instalments and says it waits for approval when the API answers 202', async () => {
    server.answer = () => [202, approval()];
    wrap(<ArrangementForm loanId={LOAN} />);
    fireEvent.change(screen.getByLabelText('Kind'), { target: { value: 'settlement' } });
    fireEvent.change(screen.getByLabelText('Due on 1'), { target: { value: '2027-01-10' } });
    fireEvent.change(screen.getByLabelText('Amount (minor units) 1'), { target: { value: '300000' } });
    fireEvent.click(screen.getByRole('button', { name: 'Propose' }));
    expect((await screen.findByRole('status')).textContent).toContain('Waiting for approval by a second person.');
    expect(server.sent).toEqual([{ method: 'POST', url: `/v1/loans/${LOAN}/arrangements`, body: { kind: 'settlement', instalments: [{ dueOn: '2027-01-10', amountMinor: 300000 }] } }]);
  });

  it('sends a restructure\'s months and says it is applied when the API answers 201', async () => {
    server.answer = () => [201, approval({ status: 'applied' })];
    wrap(<ArrangementForm loanId={LOAN} />);
    fireEvent.change(screen.getByLabelText('Kind'), { target: { value: 'restructure' } });
    fireEvent.change(screen.getByLabelText('Extra months'), { target: { value: '6' } });
    fireEvent.change(screen.getByLabelText('Payment holiday (months)'), { target: { value: '1' } });
    fireEvent.click(screen.getByRole('button', { name: 'Propose' }));
    expect((await screen.findByRole('status')).textContent).toBe('Applied: within the policy, no approval needed.');
    expect(server.sent[0]?.body).toEqual({ kind: 'restructure', extraMonths: 6, holidayMonths: 1 });
  });
});

describe('approvals', () => {
  it('shows the proposer theirs as waiting, and the API\'s own-proposal refusal when they try to approve it', async () => {
    server.answer = (method) =>
      method === 'GET'
        ? [200, { items: [approval({ proposedBy: 'u-ops', proposedByRoles: ['ops'] })] }]
        : [403, { type: 'https://credence.dev/problems/own-proposal', title: 'The one who proposes a change cannot approve or reject it: a second person decides', status: 403 }];
    wrap(<Approvals person={person(['ops'])} />);
    expect(await screen.findByText('Yours: waiting for a second person to decide.')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Approve' }));
    expect((await screen.findByRole('alert')).textContent).toContain('cannot approve or reject it: a second person decides');
  });

  it('offers a collector no decision, and a second person approve with a note', async () => {
    server.answer = (method) => (method === 'GET' ? [200, { items: [approval()] }] : [200, approval({ status: 'applied', decidedBy: 'u-ops' })]);
    const { unmount } = wrap(<Approvals person={person(['collector'], 'u-col')} />);
    await screen.findByText('Yours: waiting for a second person to decide.');
    expect(screen.queryByRole('button', { name: 'Approve' })).toBeNull();
    unmount();
    wrap(<Approvals person={person(['ops'])} />);
    fireEvent.change(await screen.findByLabelText('Decision note'), { target: { value: 'within hardship rules' } });
    fireEvent.click(screen.getByRole('button', { name: 'Approve' }));
    expect((await screen.findByText(/: now applied\.$/)).textContent).toBe('arrangement: kind=settlement · totalMinor=300000 (11111111): now applied.');
    expect(server.sent.at(-2)).toEqual({ method: 'POST', url: '/v1/approvals/11111111-2222-4333-8444-555555555555/approve', body: { note: 'within hardship rules' } });
  });
});

describe('the collector desk', () => {
  it('records a plan request with the kind asked for, in Hindi too', async () => {
    const item = { caseId: CASE, workflowId: `recovery-${LOAN}-1`, loanId: LOAN, queue: 'early', skills: [], priority: 5, status: 'accepted', assigneeId: 'u-col', assignedAt: null, acceptedAt: null, lastTouchedAt: '2026-12-04T10:00:00Z', slaBreaches: 0, declinedBy: [], openedAt: '2026-12-04T09:00:00Z', closedAt: null, closeReason: null };
    server.answer = (method, path) => (path === '/v1/desk/queue' ? [200, { items: [item] }] : path === '/v1/desk/available' ? [200, { items: [] }] : [200, item]);
    setLanguage('hi');
    wrap(<Desk person={person(['collector'], 'u-col')} />);
    const form = await screen.findByRole('form', { name: 'कॉल का परिणाम दर्ज करें' });
    fireEvent.change(within(form).getByLabelText('परिणाम'), { target: { value: 'plan_requested' } });
    fireEvent.change(within(form).getByLabelText('उन्होंने क्या माँगा'), { target: { value: 'settlement' } });
    fireEvent.click(within(form).getByRole('button', { name: 'सहेजें' }));
    await waitFor(() => expect(server.sent.find((s) => s.method === 'POST')).toEqual({ method: 'POST', url: `/v1/desk/cases/${CASE}/outcomes`, body: { outcome: 'plan_requested', plan: { kind: 'settlement' } } }));
    expect(await screen.findByText('लेने के लिए कोई मामला नहीं।')).toBeTruthy();
  });

  it('adds a note to an accepted case', async () => {
    const item = { caseId: CASE, loanId: LOAN, queue: 'early', priority: 5, status: 'accepted', assigneeId: 'u-col', openedAt: '2026-12-04T09:00:00Z', slaBreaches: 0 };
    server.answer = (method, path) => (path === '/v1/desk/queue' ? [200, { items: [item] }] : path === '/v1/desk/available' ? [200, { items: [] }] : [200, item]);
    wrap(<Desk person={person(['collector'], 'u-col')} />);
    const form = await screen.findByRole('form', { name: 'Add a note' });
    fireEvent.change(within(form).getByLabelText('Add a note'), { target: { value: 'Asked to call after 6pm' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Add a note' }));
    await waitFor(() => expect(server.sent.find((s) => s.method === 'POST')).toEqual({ method: 'POST', url: `/v1/desk/cases/${CASE}/notes`, body: { note: 'Asked to call after 6pm' } }));
  });
});

describe('agency performance', () => {
  it('tabulates each period\'s counts and money with the recovery rate', () => {
    const money = [{ currency: 'INR', balancePlacedMinor: 1_000_000, collectedMinor: 250_000, recoveryRate: 1 / 4 }];
    const period = (start: string, placed: number) => ({ start, end: start, held: placed, placed, contacts: 3, casesContacted: 2, promises: 1, slaBreaches: 0, money });
    const table = performanceTable({ from: '2026-11-01T00:00:00Z', to: '2026-12-01T00:00:00Z', by: 'week', agencies: [{ agencyId: 'agy-northstar', name: 'Northstar', total: period('2026-11-01T00:00:00Z', 4), periods: [period('2026-11-02T00:00:00Z', 4)] }] });
    expect(table.rows).toEqual([['2026-11-02', 4, 4, 3, 1, 0, '250000 INR', 25]]);
  });
});
