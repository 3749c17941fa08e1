// The case view's escalate action, the Experiments screen's start, stop and promote, and the
// desk's call-assist panel, against the answers the API gives (status codes and bodies as
// openapi.json describes them): who is offered what, what is sent, what the person is told, and
// where field errors land. The API's own behaviour is tested in apps/api.
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { session } from '../auth/session.ts';
import { errorAt, person, problem, wrap } from '../test/screen.tsx';

// openapi-fetch takes fetch when the client is made: the answer is chosen per test.
const server = await vi.hoisted(async () => (await import('../test/scripted-api.ts')).installScriptedApi());

const { CaseView } = await import('./Cases.tsx');
const { Experiments } = await import('./Experiments.tsx');
const { Desk } = await import('./Desk.tsx');

const LOAN = '0b6f3c2e-9a41-4d5e-8f70-1c2d3e4f5a6b';
const WORKFLOW = `recovery-${LOAN}-1`;
const CASE = `case-${WORKFLOW}`;
const EXPERIMENT = '5f0c1a2b-3c4d-4e5f-8a6b-7c8d9e0f1a2b';
const posts = () => server.sent.filter((s) => s.method === 'POST');


afterEach(() => {
  cleanup();
  session.signOut();
  server.sent.length = 0;
  server.answer = () => [404, {}];
});

const recoveryCase = { workflowId: WORKFLOW, loanId: LOAN, stage: 'handoff', bucket: '31-60', dpd: 40, currency: 'INR', outstandingMinor: 500_000, recoveredMinor: 0, policyVersion: 1, ruleId: 'handoff', timeline: [], caseEvents: [] };
const assignees = { items: [
  { id: 'agy-northstar', name: 'Northstar Recoveries', kind: 'agency', skills: [], capacity: 50, active: true, openCases: 3, slaBreaches: 0 },
  { id: 'agy-dormant', name: 'Dormant Agency', kind: 'agency', skills: [], capacity: 50, active: false, openCases: 0, slaBreaches: 0 },
  { id: 'u-col', name: 'Ravi', kind: 'collector', skills: [], capacity: 20, active: true, openCases: 4, slaBreaches: 0 },
] };
const placement = (placed: boolean) => ({
  placementId: 'plc-3f1e2d4c-5b6a-4789-8abc-def012345678', agencyId: 'agy-northstar', placedBy: 'ops', placedAt: '2026-12-04T10:00:00Z', rule: null,
  cases: placed ? [{ caseId: CASE, loanId: LOAN, balanceMinor: 500_000, currency: 'INR', bucket: '31-60', dpd: 40, status: 'placed', acceptedAt: null, endedAt: null }] : [],
  notPlaced: placed ? [] : [{ caseId: CASE, reason: 'not_found' }],
});

/** The case view answering the case and the assignees; a POST answered by `post`. */
function caseServer(post: () => [number, unknown]) {
  server.answer = (method, url) => {
    if (method === 'POST') return post();
    if (url === `/v1/recovery/cases/${WORKFLOW}`) return [200, recoveryCase];
    if (url === '/v1/recovery/assignees') return [200, assignees];
    if (url === '/v1/audit') return [200, { items: [] }];
    return [404, problem(404, 'Not found')];
  };
}

async function openEscalate(roles: string[]) {
  wrap(<CaseView caseId={WORKFLOW} person={person(roles)} />);
  await screen.findByRole('heading', { name: `Case ${WORKFLOW}` });
  return screen.queryByRole('form', { name: 'Escalate to an agency' });
}

describe('escalating a case (placing it with an agency)', () => {
  it('is offered to ops and admin, and to no collector, agency or compliance officer', async () => {
    caseServer(() => [500, {}]);
    for (const roles of [['collector'], ['agency'], ['compliance']]) {
      expect(await openEscalate(roles)).toBeNull();
      cleanup();
    }
    for (const roles of [['ops'], ['admin']]) {
      expect(await openEscalate(roles)).not.toBeNull();
      cleanup();
    }
  });

  it('offers the active agencies only, sends the case\'s hand-off by hand, and says it was placed', async () => {
    caseServer(() => [201, placement(true)]);
    const form = (await openEscalate(['ops']))!;
    const agency = within(form).getByLabelText('Agency');
    await waitFor(() => expect(within(agency).getAllByRole('option').map((o) => o.textContent)).toEqual(['Choose an agency', 'Northstar Recoveries']));
    fireEvent.change(agency, { target: { value: 'agy-northstar' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Place with the agency' }));
    expect((await within(form).findByRole('status')).textContent).toBe('Placed with agy-northstar (placement plc-3f1e2d4c-5b6a-4789-8abc-def012345678): the agency accepts or rejects it.');
    expect(posts()).toEqual([{ method: 'POST', url: '/v1/agencies/agy-northstar/placements', body: { caseIds: [CASE] } }]);
  });

  it('says why when the API answers 201 but could not place the case', async () => {
    caseServer(() => [201, placement(false)]);
    const form = (await openEscalate(['ops']))!;
    await waitFor(() => expect(within(form).getAllByRole('option')).toHaveLength(2));
    fireEvent.change(within(form).getByLabelText('Agency'), { target: { value: 'agy-northstar' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Place with the agency' }));
    expect((await within(form).findByRole('alert')).textContent).toBe('Not placed: the case has no hand-off yet (its policy has not handed it to a person).');
  });

  it('asks for an agency at its field without sending, and shows the API\'s refusals of the agency there', async () => {
    caseServer(() => [409, problem(409, 'The agency is not active')]);
    const form = (await openEscalate(['ops']))!;
    const agency = within(form).getByLabelText('Agency');
    fireEvent.click(within(form).getByRole('button', { name: 'Place with the agency' }));
    expect(errorAt(agency)).toBe('choose an agency');
    expect(document.activeElement).toBe(agency);
    // Asked again with nothing chosen (focus elsewhere meanwhile): back at the field.
    within(form).getByRole('button', { name: 'Place with the agency' }).focus();
    fireEvent.click(within(form).getByRole('button', { name: 'Place with the agency' }));
    expect(document.activeElement).toBe(agency);
    expect(posts()).toEqual([]);

    await waitFor(() => expect(within(form).getAllByRole('option')).toHaveLength(2));
    fireEvent.change(agency, { target: { value: 'agy-northstar' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Place with the agency' }));
    await waitFor(() => expect(errorAt(agency)).toBe('The agency is not active'));

    server.answer = (method, url) => (method === 'POST' ? [400, problem(400, 'Invalid request', [{ field: 'agencyId', message: 'must look like agy-northstar' }])] : url === '/v1/recovery/assignees' ? [200, assignees] : [200, recoveryCase]);
    fireEvent.click(within(form).getByRole('button', { name: 'Place with the agency' }));
    await waitFor(() => expect(errorAt(agency)).toBe('must look like agy-northstar'));
  });
});

const experiment = (status: string) => ({ id: EXPERIMENT, challengerVersion: 3, championVersionAtStart: 2, shareBps: 2500, status, note: null, createdBy: 'ops', createdAt: '2026-12-01T00:00:00Z', startedBy: 'ops', startedAt: '2026-12-01T00:00:00Z', endedBy: null, endedAt: null });
const proportion = { of: 10, count: 5, rateBps: 5000, ci95Bps: [2000, 8000] };
const arm = { episodes: 10, cureWithin: { d30: proportion }, recovery: [], rollForward: proportion, promises: { keptRate: proportion }, optOuts: proportion };
const report = (status: string) => ({ ...experiment(status), arms: { champion: arm, challenger: arm }, comparison: { cureWithin: { d30: { differenceBps: 0, z: 0, p: 1 } }, recoveryRate: [], rollForward: null } });

/** The Experiments screen answering one experiment; a POST answered by `post`. */
function experimentServer(status: string, post: (url: string) => [number, unknown]) {
  server.answer = (method, url) => {
    if (method === 'POST') return post(url);
    if (url === '/v1/policies/recovery/experiments') return [200, { items: [experiment(status)] }];
    if (url === `/v1/policies/recovery/experiments/${EXPERIMENT}`) return [200, report(status)];
    return [404, problem(404, 'Not found')];
  };
}

async function openReport(roles: string[]) {
  wrap(<Experiments person={person(roles)} />);
  fireEvent.click(await screen.findByRole('button', { name: /^v3 vs v2/ }));
  await screen.findByRole('heading', { name: /^Challenger v3 against champion v2/ });
}

describe('experiments: start, stop and promote', () => {
  it('offers start and stop to ops and admin only; others read the outcomes', async () => {
    experimentServer('running', () => [500, {}]);
    await openReport(['compliance']);
    expect(screen.queryByRole('form', { name: 'Start an experiment' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Stop the experiment' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Promote v3' })).toBeNull();
    cleanup();
    await openReport(['ops']);
    expect(screen.getByRole('form', { name: 'Start an experiment' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Stop the experiment' })).toBeTruthy();
  });

  it('starts one with the share in basis points and opens it', async () => {
    experimentServer('running', () => [201, experiment('running')]);
    wrap(<Experiments person={person(['ops'], 'ops.asha')} />);
    const form = screen.getByRole('form', { name: 'Start an experiment' });
    fireEvent.change(within(form).getByLabelText('Challenger version'), { target: { value: ' 3 ' } });
    fireEvent.change(within(form).getByLabelText('Share of new delinquent episodes on the challenger (%)'), { target: { value: '25' } });
    fireEvent.change(within(form).getByLabelText('What it asks (note)'), { target: { value: ' call a week earlier ' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Start' }));
    expect((await within(form).findByRole('status')).textContent).toBe('Started: v3 takes 25% of new delinquent episodes.');
    expect(posts()).toEqual([{ method: 'POST', url: '/v1/policies/recovery/experiments', body: { challengerVersion: 3, shareBps: 2500, by: 'ops.asha', note: 'call a week earlier' } }]);
    expect(await screen.findByRole('heading', { name: /^Challenger v3 against champion v2/ })).toBeTruthy();
  });

  it('refuses a version and a share it can tell are wrong at their fields, and shows the API\'s there too', async () => {
    experimentServer('running', () => [422, problem(422, 'Unprocessable', [{ field: 'challengerVersion', message: 'there is no escalation-policy version 9' }])]);
    wrap(<Experiments person={person(['ops'])} />);
    const form = screen.getByRole('form', { name: 'Start an experiment' });
    const version = within(form).getByLabelText('Challenger version');
    const share = within(form).getByLabelText('Share of new delinquent episodes on the challenger (%)');
    fireEvent.change(version, { target: { value: 'v3' } });
    fireEvent.change(share, { target: { value: '120' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Start' }));
    expect(errorAt(version)).toBe('must be a version number (1 or more)');
    expect(errorAt(share)).toBe('must be a percentage from 0 to 100, at most two decimals');
    expect(posts()).toEqual([]);

    fireEvent.change(version, { target: { value: '9' } });
    fireEvent.change(share, { target: { value: '12.5' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Start' }));
    await waitFor(() => expect(errorAt(version)).toBe('there is no escalation-policy version 9'));
    expect(share.getAttribute('aria-invalid')).toBeNull();
    expect(posts()[0]?.body).toMatchObject({ challengerVersion: 9, shareBps: 1250 });
  });

  it('says a refusal about no field (another experiment is running) under the form', async () => {
    experimentServer('running', () => [409, problem(409, 'Another experiment is running')]);
    wrap(<Experiments person={person(['ops'])} />);
    const form = screen.getByRole('form', { name: 'Start an experiment' });
    fireEvent.change(within(form).getByLabelText('Challenger version'), { target: { value: '3' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Start' }));
    expect((await within(form).findByRole('alert')).textContent).toContain('Another experiment is running');
  });

  it('stops a running one as the person signed in, and says what that means', async () => {
    experimentServer('running', () => [200, experiment('stopped')]);
    await openReport(['ops']);
    fireEvent.click(screen.getByRole('button', { name: 'Stop the experiment' }));
    expect((await screen.findByText(/^Stopped:/)).textContent).toBe('Stopped: new episodes follow the active version only; those on the challenger keep it to their end.');
    expect(posts()).toEqual([{ method: 'POST', url: `/v1/policies/recovery/experiments/${EXPERIMENT}/stop`, body: { by: 'ops' } }]);
  });

  it('asks to promote with no `by` (the caller proposes) and links the approval that waits for a second person', async () => {
    experimentServer('running', () => [202, { id: 'a1b2c3d4-0000-4000-8000-000000000001', kind: 'policy_activation', status: 'pending' }]);
    await openReport(['ops']);
    fireEvent.click(screen.getByRole('button', { name: 'Promote v3' }));
    expect((await screen.findByText(/^Promoting v3/)).textContent).toBe('Promoting v3 waits for a second person: approval a1b2c3d4-0000-4000-8000-000000000001.');
    expect(posts()).toEqual([{ method: 'POST', url: `/v1/policies/recovery/experiments/${EXPERIMENT}/promote`, body: {} }]);
  });

  it('offers neither stop nor promote on a stopped experiment', async () => {
    experimentServer('stopped', () => [500, {}]);
    await openReport(['admin']);
    expect(screen.queryByRole('button', { name: 'Stop the experiment' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Promote v3' })).toBeNull();
  });
});

/** A token whose claims say who is signed in (the panel reads the session, as the app does). */
function signIn(roles: string[]) {
  const claims = btoa(JSON.stringify({ sub: 'u-col', preferred_username: 'u-col', roles, exp: Math.floor(Date.now() / 1000) + 600 }));
  session.signIn(`e30.${claims}.sig`);
}

describe('the collector desk\'s call-assist panel', () => {
  const item = (status: string) => ({ caseId: CASE, workflowId: WORKFLOW, loanId: LOAN, queue: 'early', priority: 50, status, assigneeId: 'u-col', openedAt: '2026-12-04T09:00:00Z', slaBreaches: 0 });
  const deskServer = (status: string) => {
    server.answer = (_method, url) => (url === '/v1/desk/queue' ? [200, { items: [item(status)] }] : url === '/v1/desk/available' ? [200, { items: [] }] : [404, problem(404, 'Not found')]);
  };

  it('is on each accepted case for a collector, and not on one still to accept', async () => {
    signIn(['collector']);
    deskServer('accepted');
    wrap(<Desk person={person(['collector'], 'u-col')} />);
    const card = await waitFor(() => {
      const found = document.querySelector(`[data-case="${CASE}"]`);
      if (!(found instanceof HTMLElement)) throw new Error('no card yet');
      return found;
    });
    const panel = within(card).getByRole('region', { name: 'Live call assist' });
    expect(within(panel).getByRole('button', { name: 'Live call' })).toBeTruthy();
    cleanup();
    deskServer('open');
    wrap(<Desk person={person(['collector'], 'u-col')} />);
    await screen.findByRole('button', { name: 'Accept' });
    expect(screen.queryByRole('region', { name: 'Live call assist' })).toBeNull();
  });
});
