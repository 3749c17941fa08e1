// The loan view's role actions and its timeline against the answers the API gives (status codes
// and bodies as openapi.json describes them): what each form refuses at its field before sending,
// what it sends, what it says on success, where the API's own field errors land; and the audit
// entries the timeline carries for a reader of the trail, asked for by nobody else. The API's own
// behaviour is tested in apps/api; the browser run (loan-actions.e2e.ts) checks both together.
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { errorAt, person, problem, wrap } from '../test/screen.tsx';

// openapi-fetch takes fetch when the client is made: the answer is chosen per test.
const server = await vi.hoisted(async () => (await import('../test/scripted-api.ts')).installScriptedApi());

const { LoanActions } = await import('./LoanActions.tsx');
const { ArrangementForm } = await import('./ArrangementForm.tsx');
const { LoanView } = await import('./Loans.tsx');
const { CaseView } = await import('./Cases.tsx');

const LOAN = '0b6f3c2e-9a41-4d5e-8f70-1c2d3e4f5a6b';
const posts = () => server.sent.filter((s) => s.method === 'POST');


afterEach(() => {
  cleanup();
  server.sent.length = 0;
  server.answer = () => [404, {}];
});

describe('reviewing an application (underwriter)', () => {
  it('is offered to an underwriter on a loan in review, and to nobody else', () => {
    const { unmount } = wrap(<LoanActions loanId={LOAN} status="manual_review" currency="INR" person={person(['ops'])} />);
    expect(screen.queryByRole('form', { name: 'Review the application' })).toBeNull();
    unmount();
    wrap(<LoanActions loanId={LOAN} status="active" currency="INR" person={person(['underwriter'])} />);
    expect(screen.queryByRole('form', { name: 'Review the application' })).toBeNull();
  });

  it('sends an approval by the reviewer, and says what the loan is now once the form is gone', async () => {
    server.answer = () => [200, { loanId: LOAN, status: 'offered' }];
    wrap(<LoanActions loanId={LOAN} status="manual_review" currency="INR" person={person(['underwriter'], 'uw.meera')} />);
    const form = screen.getByRole('form', { name: 'Review the application' });
    fireEvent.change(within(form).getByLabelText('Note'), { target: { value: ' payslips checked ' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Record the decision' }));
    expect((await screen.findByRole('status')).textContent).toBe('Decision recorded: the loan is now offered.');
    expect(posts()).toEqual([{ method: 'POST', url: `/v1/loans/${LOAN}/review`, body: { reviewer: 'uw.meera', outcome: 'approve', note: 'payslips checked' } }]);
    expect(screen.queryByRole('form', { name: 'Review the application' })).toBeNull();
  });

  it('sends a decline with its reason code', async () => {
    server.answer = () => [200, { loanId: LOAN, status: 'declined' }];
    wrap(<LoanActions loanId={LOAN} status="manual_review" currency="INR" person={person(['underwriter'], 'uw.meera')} />);
    const form = screen.getByRole('form', { name: 'Review the application' });
    fireEvent.change(within(form).getByLabelText('Decision'), { target: { value: 'decline' } });
    fireEvent.change(within(form).getByLabelText('Reason'), { target: { value: 'DELINQUENCY' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Record the decision' }));
    expect((await screen.findByRole('status')).textContent).toBe('Decision recorded: the loan is now declined.');
    expect(posts()[0]?.body).toEqual({ reviewer: 'uw.meera', outcome: 'decline', reasonCodes: ['DELINQUENCY'] });
  });

  it('refuses a note too long at its field without sending, and shows the API\'s field error at its field', async () => {
    wrap(<LoanActions loanId={LOAN} status="manual_review" currency="INR" person={person(['underwriter'])} />);
    const form = screen.getByRole('form', { name: 'Review the application' });
    const note = within(form).getByLabelText('Note');
    fireEvent.change(note, { target: { value: 'x'.repeat(2001) } });
    fireEvent.click(within(form).getByRole('button', { name: 'Record the decision' }));
    expect(errorAt(note)).toBe('must be at most 2000 characters');
    expect(posts()).toEqual([]);

    server.answer = () => [400, problem(400, 'Invalid request', [{ field: 'reasonCodes', message: 'a decline needs at least one reason code' }])];
    fireEvent.change(note, { target: { value: '' } });
    fireEvent.change(within(form).getByLabelText('Decision'), { target: { value: 'decline' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Record the decision' }));
    await waitFor(() => expect(errorAt(within(form).getByLabelText('Reason'))).toBe('a decline needs at least one reason code'));
    expect(note.getAttribute('aria-invalid')).toBeNull();
  });

  it('says a refusal that is about no field (the loan is no longer in review) under the form', async () => {
    server.answer = () => [409, problem(409, 'The loan is not in manual review')];
    wrap(<LoanActions loanId={LOAN} status="manual_review" currency="INR" person={person(['underwriter'])} />);
    fireEvent.click(screen.getByRole('button', { name: 'Record the decision' }));
    expect((await screen.findByRole('alert')).textContent).toContain('The loan is not in manual review');
    expect(screen.getByRole('form', { name: 'Review the application' })).toBeTruthy();
  });
});

describe('recording a payment (ops)', () => {
  it('is offered to ops on an open loan only', () => {
    const { unmount } = wrap(<LoanActions loanId={LOAN} status="paid_off" currency="INR" person={person(['ops'])} />);
    expect(screen.queryByRole('form', { name: 'Record a payment' })).toBeNull();
    unmount();
    wrap(<LoanActions loanId={LOAN} status="delinquent" currency="INR" person={person(['collector'])} />);
    expect(screen.queryByRole('form', { name: 'Record a payment' })).toBeNull();
  });

  it('refuses an amount that is not whole minor units and a reference with spaces, at their fields, sending nothing', () => {
    wrap(<LoanActions loanId={LOAN} status="active" currency="INR" person={person(['ops'])} />);
    const form = screen.getByRole('form', { name: 'Record a payment' });
    const amount = within(form).getByLabelText('Amount (INR, minor units)');
    const reference = within(form).getByLabelText('Payment reference (its id at the bank or processor)');
    fireEvent.change(amount, { target: { value: '12.50' } });
    fireEvent.change(reference, { target: { value: 'utr 123' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Record payment' }));
    expect(errorAt(amount)).toBe('must be a whole number of minor units, at least 1');
    expect(errorAt(reference)).toBe('must be 1 to 255 visible ASCII characters (no spaces)');
    fireEvent.change(amount, { target: { value: '0' } });
    fireEvent.change(reference, { target: { value: 'utr-123' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Record payment' }));
    expect(errorAt(amount)).toBe('must be a whole number of minor units, at least 1');
    expect(reference.getAttribute('aria-invalid')).toBeNull();
    expect(posts()).toEqual([]);
  });

  it('moves focus to the first field with a problem, its own or the API\'s, so a keyboard user lands on what to fix', async () => {
    wrap(<LoanActions loanId={LOAN} status="active" currency="INR" person={person(['ops'])} />);
    const form = screen.getByRole('form', { name: 'Record a payment' });
    const amount = within(form).getByLabelText('Amount (INR, minor units)');
    const reference = within(form).getByLabelText('Payment reference (its id at the bank or processor)');
    const button = within(form).getByRole('button', { name: 'Record payment' });
    expect(document.activeElement).toBe(document.body);
    button.focus();
    fireEvent.click(button);
    expect(document.activeElement).toBe(amount);
    fireEvent.change(amount, { target: { value: '100' } });
    button.focus();
    fireEvent.click(button);
    expect(document.activeElement).toBe(reference);

    server.answer = () => [400, problem(400, 'Invalid request', [{ field: 'externalId', message: 'is already used by another loan' }])];
    fireEvent.change(reference, { target: { value: 'utr-9' } });
    button.focus();
    fireEvent.click(button);
    await waitFor(() => expect(errorAt(reference)).toBe('is already used by another loan'));
    expect(document.activeElement).toBe(reference);
  });

  it('sends the amount, the loan\'s currency and the reference, and says it is recorded', async () => {
    server.answer = () => [200, { duplicate: false, externalId: 'utr-123', status: 'active', outstandingTotal: 100, allocation: {} }];
    wrap(<LoanActions loanId={LOAN} status="active" currency="INR" person={person(['ops'])} />);
    const form = screen.getByRole('form', { name: 'Record a payment' });
    fireEvent.change(within(form).getByLabelText('Amount (INR, minor units)'), { target: { value: '250000' } });
    fireEvent.change(within(form).getByLabelText('Payment reference (its id at the bank or processor)'), { target: { value: ' utr-123 ' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Record payment' }));
    expect((await within(form).findByRole('status')).textContent).toBe('Payment recorded.');
    expect(posts()).toEqual([{ method: 'POST', url: `/v1/loans/${LOAN}/payments`, body: { amount: 250000, currency: 'INR', externalId: 'utr-123' } }]);
  });

  it('says a reference already recorded is a duplicate, and shows the API\'s 422 at the amount', async () => {
    server.answer = () => [200, { duplicate: true, externalId: 'utr-123', status: 'active', outstandingTotal: 100, allocation: {} }];
    wrap(<LoanActions loanId={LOAN} status="active" currency="INR" person={person(['ops'])} />);
    const form = screen.getByRole('form', { name: 'Record a payment' });
    const amount = within(form).getByLabelText('Amount (INR, minor units)');
    fireEvent.change(amount, { target: { value: '250000' } });
    fireEvent.change(within(form).getByLabelText('Payment reference (its id at the bank or processor)'), { target: { value: 'utr-123' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Record payment' }));
    expect((await within(form).findByRole('status')).textContent).toBe('Already recorded under this reference.');

    server.answer = () => [422, problem(422, 'The payment does not match the one first recorded under its reference', [{ field: 'amount', message: 'differs from the payment first recorded as utr-123' }])];
    fireEvent.change(amount, { target: { value: '260000' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Record payment' }));
    await waitFor(() => expect(errorAt(amount)).toBe('differs from the payment first recorded as utr-123'));
    const alert = within(form).getByRole('alert');
    expect(alert.textContent).toContain('does not match the one first recorded');
    expect(alert.querySelector('ul')).toBeNull();
  });
});

describe('asking for a write-off (ops; a second person approves it)', () => {
  it('refuses a blank reason at its field, sends a reason and says it waits for a second person', async () => {
    server.answer = () => [202, { id: '11111111-2222-4333-8444-555555555555', kind: 'write_off', status: 'pending' }];
    wrap(<LoanActions loanId={LOAN} status="delinquent" currency="INR" person={person(['ops'])} />);
    const form = screen.getByRole('form', { name: 'Request a write-off' });
    const reason = within(form).getByLabelText('Reason');
    fireEvent.change(reason, { target: { value: '   ' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Request write-off' }));
    expect(errorAt(reason)).toBe('say why the loan should be written off');
    expect(posts()).toEqual([]);
    fireEvent.change(reason, { target: { value: 'deceased, no estate' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Request write-off' }));
    const status = await within(form).findByRole('status');
    expect(status.textContent).toBe('Waiting for a second person: approval 11111111.');
    expect(within(status).getByRole('link').getAttribute('href')).toBe('#/approvals');
    expect(posts()).toEqual([{ method: 'POST', url: `/v1/loans/${LOAN}/write-off`, body: { reason: 'deceased, no estate' } }]);
  });

  it('is offered only on a delinquent loan', () => {
    wrap(<LoanActions loanId={LOAN} status="active" currency="INR" person={person(['ops'])} />);
    expect(screen.queryByRole('form', { name: 'Request a write-off' })).toBeNull();
    expect(screen.getByRole('form', { name: 'Record a payment' })).toBeTruthy();
  });
});

describe('proposing a plan', () => {
  it('refuses an instalment without a date or a whole amount at its fields, sending nothing', () => {
    wrap(<LoanActions loanId={LOAN} status="delinquent" currency="INR" person={person(['ops'])} />);
    const form = screen.getByRole('form', { name: 'Propose a plan, restructure or settlement' });
    fireEvent.change(within(form).getByLabelText('Amount (minor units) 1'), { target: { value: '-5' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Propose' }));
    expect(errorAt(within(form).getByLabelText('Due on 1'))).toBe('choose a date');
    expect(errorAt(within(form).getByLabelText('Amount (minor units) 1'))).toBe('must be a whole number of minor units, at least 1');
    fireEvent.change(within(form).getByLabelText('Kind'), { target: { value: 'restructure' } });
    fireEvent.change(within(form).getByLabelText('Extra months'), { target: { value: 'six' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Propose' }));
    expect(errorAt(within(form).getByLabelText('Extra months'))).toBe('must be a whole number');
    expect(posts()).toEqual([]);
  });

  it('sends a plan, shows the API\'s error at the instalment it is about, then that it waits for a second person', async () => {
    server.answer = () => [422, problem(422, 'Invalid arrangement', [{ field: 'instalments[1].dueOn', message: 'dueOn must be after the instalment before it' }])];
    wrap(<ArrangementForm loanId={LOAN} />);
    fireEvent.click(screen.getByRole('button', { name: 'Add an instalment' }));
    fireEvent.change(screen.getByLabelText('Due on 1'), { target: { value: '2027-02-10' } });
    fireEvent.change(screen.getByLabelText('Amount (minor units) 1'), { target: { value: '150000' } });
    fireEvent.change(screen.getByLabelText('Due on 2'), { target: { value: '2027-01-10' } });
    fireEvent.change(screen.getByLabelText('Amount (minor units) 2'), { target: { value: '150000' } });
    fireEvent.click(screen.getByRole('button', { name: 'Propose' }));
    await waitFor(() => expect(errorAt(screen.getByLabelText('Due on 2'))).toBe('dueOn must be after the instalment before it'));
    expect(screen.getByLabelText('Due on 1').getAttribute('aria-invalid')).toBeNull();
    expect(posts()[0]).toEqual({ method: 'POST', url: `/v1/loans/${LOAN}/arrangements`, body: { kind: 'plan', instalments: [{ dueOn: '2027-02-10', amountMinor: 150000 }, { dueOn: '2027-01-10', amountMinor: 150000 }] } });

    server.answer = () => [202, { id: '22222222-2222-4333-8444-555555555555', kind: 'arrangement', status: 'pending' }];
    fireEvent.change(screen.getByLabelText('Due on 2'), { target: { value: '2027-03-10' } });
    fireEvent.click(screen.getByRole('button', { name: 'Propose' }));
    const status = await screen.findByRole('status');
    expect(status.textContent).toBe('Waiting for approval by a second person. 22222222');
    expect(status.getAttribute('data-applied')).toBe('false');
    expect(posts()[1]?.body).toEqual({ kind: 'plan', instalments: [{ dueOn: '2027-02-10', amountMinor: 150000 }, { dueOn: '2027-03-10', amountMinor: 150000 }] });
  });
});

const loanBody = {
  loanId: LOAN, status: 'active', product: 'personal', currency: 'INR', requestedPrincipal: 5000000, principal: 5000000, outstandingPrincipal: 4000000, outstandingBalance: 4100000,
  daysPastDue: 0, bucket: 'current', creditLimit: null, closedReason: null, createdAt: '2026-11-01T09:00:00.000Z', updatedAt: '2026-12-01T09:00:00.000Z',
  decision: { outcome: 'approved', score: 712, grade: 'B', reasons: [] }, offer: null, schedule: [], review: null, arrangement: null,
  events: [{ seq: 1, type: 'loan.disbursed', occurredAt: '2026-11-02T09:00:00.000Z', data: { amount: 5000000 } }],
  payments: [{ externalId: 'utr-1', amount: 250000, currency: 'INR', source: 'api', receivedOn: '2026-12-01', allocation: { principal: 250000 } }],
};
const auditRow = (over: Record<string, unknown>) => ({
  seq: 7, id: '33333333-2222-4333-8444-555555555555', at: '2026-12-01T09:00:01.000Z', requestId: 'r1', actorId: 'ops', actorKind: 'person', actorRoles: ['ops'], agencyId: null, kind: 'command',
  action: 'LoanCommandsController_pay', method: 'POST', route: '/v1/loans/:loanId/payments', loanId: LOAN, caseId: null, clientAddress: '127.0.0.1', status: 201, outcome: 'succeeded', prevHash: '0'.repeat(64), hash: '1'.repeat(64), ...over,
});

describe("the loan's timeline", () => {
  it('carries the audit entries of the loan for compliance: its commands, and its reads when asked', async () => {
    server.answer = (_method, path) => (path === '/v1/audit' ? [200, { items: [auditRow({})], nextCursor: null }] : [200, loanBody]);
    wrap(<LoanView loanId={LOAN} person={person(['compliance'])} />);
    const timeline = await screen.findByRole('list', { name: "The loan's events and payments" });
    await waitFor(() => expect(timeline.querySelector('li[data-kind="audit command"]')?.textContent).toContain('ops (ops) · LoanCommandsController_pay · 201 succeeded'));
    // In time order with the loan's own events: the disbursement, the payment, then its audit entry.
    expect([...timeline.querySelectorAll('li')].map((li) => li.getAttribute('data-kind'))).toEqual(['loan.disbursed', 'payment', 'audit command']);
    expect(server.sent.find((s) => s.url.startsWith('/v1/audit'))?.url).toBe(`/v1/audit?loanId=${LOAN}&limit=100&kind=command`);

    server.answer = (_method, path) => (path === '/v1/audit' ? [200, { items: [auditRow({ kind: 'read', action: 'LoansController_get', method: 'GET', status: 200, actorId: 'compliance', actorRoles: ['compliance'] }), auditRow({})], nextCursor: 'x'.repeat(32) }] : [200, loanBody]);
    fireEvent.click(screen.getByLabelText('Show reads of the record in the audit entries'));
    await waitFor(() => expect(timeline.querySelector('li[data-kind="audit read"]')?.textContent).toContain('compliance (compliance) · LoansController_get · 200 succeeded'));
    expect(server.sent.at(-1)?.url).toBe(`/v1/audit?loanId=${LOAN}&limit=100`);
    expect(screen.getByText('The latest 100 audit entries are shown; the audit search has the rest.')).toBeTruthy();
  });

  it('asks nothing of the audit trail for a role that may not read it, and shows the loan without it', async () => {
    server.answer = () => [200, loanBody];
    wrap(<LoanView loanId={LOAN} person={person(['ops'])} />);
    const timeline = await screen.findByRole('list', { name: "The loan's events and payments" });
    expect([...timeline.querySelectorAll('li')].map((li) => li.getAttribute('data-kind'))).toEqual(['loan.disbursed', 'payment']);
    // Each at its own moment (not the loan's creation, 1 Nov): a payment's day as a day.
    expect(timeline.querySelector('li[data-kind="loan.disbursed"] time')?.getAttribute('dateTime')).toBe('2026-11-02T09:00:00.000Z');
    expect(timeline.querySelector('li[data-kind="payment"]')?.textContent).toMatch(/^1 Dec 2026payment .*2,500\.00 · utr-1 · api$/);
    expect(server.sent.map((s) => s.url)).toEqual([`/v1/loans/${LOAN}`]);
    expect(screen.queryByLabelText('Show reads of the record in the audit entries')).toBeNull();
  });

  it('says when the audit entries could not be read, and still shows the loan', async () => {
    server.answer = (_method, path) => (path === '/v1/audit' ? [503, problem(503, 'The read could not be recorded in the audit trail')] : [200, loanBody]);
    wrap(<LoanView loanId={LOAN} person={person(['compliance'])} />);
    expect((await screen.findByRole('alert')).textContent).toContain('could not be recorded in the audit trail');
    expect(screen.getByRole('list', { name: "The loan's events and payments" }).querySelectorAll('li')).toHaveLength(2);
  });
});

describe("the case's timeline", () => {
  it('carries the audit entries of the case for compliance', async () => {
    const caseId = `recovery-${LOAN}-1`;
    const found = { workflowId: caseId, loanId: LOAN, stage: 'early', bucket: '1-30', dpd: 12, currency: 'INR', outstandingMinor: 100, recoveredMinor: 0, timeline: [{ at: '2026-12-01T08:00:00.000Z', kind: 'contact_sent', data: { channel: 'sms' } }], caseEvents: [] };
    server.answer = (_method, path) => (path === '/v1/audit' ? [200, { items: [auditRow({ action: 'DeskController_accept', route: '/v1/desk/cases/:id/accept', caseId, actorId: 'col-asha', actorRoles: ['collector'], status: 200 })], nextCursor: null }] : [200, found]);
    wrap(<CaseView caseId={caseId} person={person(['compliance'])} />);
    const timeline = await screen.findByRole('list', { name: "The case's events" });
    await waitFor(() => expect(timeline.querySelector('li[data-kind="audit command"]')?.textContent).toContain('col-asha (collector) · DeskController_accept · 200 succeeded'));
    expect(server.sent.find((s) => s.url.startsWith('/v1/audit'))?.url).toBe(`/v1/audit?caseId=${caseId}&limit=100&kind=command`);
  });
});
