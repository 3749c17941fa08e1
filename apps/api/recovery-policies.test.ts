// Escalation policies through the HTTP API, as ops use them: the real API over a real PostgreSQL
// database (seeded with the default policy as version 1) and a Temporal client for the run's dev
// server (these routes never need it). Drafts from YAML and JSON, validation faults at their
// JSON Pointer and line, activation and rollback (each approved by a second person), a dry-run
// against delinquent loans written into the read model by the loans' own projection repository,
// and racing activations.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Orm } from '../../db/orm.js';
import { LoanProjectionRepository } from '../../db/repositories/loan-projection.repository.js';
import type { ApprovalRecord } from '../../db/repositories/approval.repository.js';
import type { PolicyVersion } from '../../db/repositories/recovery-policy.repository.js';
import type { LoanSnapshot } from '../../domain/loan-view.js';
import type { DryRunReport } from '../../policies/recovery/dry-run.js';
import type { RecoveryPolicyDocument } from '../../policies/recovery/policy-document.js';
import { startDatabaseApi, type DatabaseApi } from '../testkit/database-api.js';
import type { Problem } from './http/problem.js';
import type { PolicyActivationResult } from './policies/activate-policy-version.usecase.js';
import type { PolicyVersionList } from './policies/list-policy-versions.usecase.js';
import type { PolicyValidationResult } from './policies/validate-policy-version.usecase.js';
import { authAs } from '../testkit/tokens.js';

let api: DatabaseApi;
let orm: Orm;
let base: string;

beforeAll(async () => {
  api = await startDatabaseApi();
  ({ orm, base } = api);
});

afterAll(async () => {
  await api?.close();
});

interface Answer<T> {
  status: number;
  type: string | null;
  body: T;
}

const call = <T = Problem>(method: string, path: string, body?: unknown, contentType = 'application/json') => callAs<T>('ops', method, path, body, contentType);

async function callAs<T = Problem>(role: 'ops' | 'admin' | 'collector', method: string, path: string, body?: unknown, contentType = 'application/json'): Promise<Answer<T>> {
  const auth = await authAs(role);
  const res = await fetch(`${base}${path}`, {
    method,
    ...(body === undefined ? { headers: auth } : { headers: { ...auth, 'content-type': contentType }, body: typeof body === 'string' ? body : JSON.stringify(body) }),
  });
  const text = await res.text();
  return { status: res.status, type: res.headers.get('content-type'), body: (text ? JSON.parse(text) : undefined) as T };
}

const yaml = (text: string, query = '?author=ops.asha') => call<PolicyVersion>('POST', `/v1/policies/recovery${query}`, text, 'application/yaml');

/** A challenger ops might try: call anyone past 15 days at once, email US borrowers first; everyone else as the default does. */
const CHALLENGER = `# Challenger: call earlier.
name: retail-call-first
description: Calls anyone past 15 days before any text; US borrowers hear from us by email first.
settings:
  weeklyCaps: { sms: 3, whatsapp: 3, email: 3, voice: 4 }
  fallback: { sms: [whatsapp, email], voice: [sms, email] }
  promiseToleranceBps: 100
  promiseMaxDays: 30
  arrangements:
    plan: { maxInstalments: 6, maxMonths: 6, minInstalmentBps: 1000 }
    restructure: { maxExtraMonths: 12, maxHolidayMonths: 2, maxRateCutBps: 300, minAprBps: 900 }
    settlement: { minShareBps: 7000, maxInstalments: 3, maxMonths: 3 }
    alwaysApprove: [settlement]
rules:
  - id: us-email-first
    when: { regions: [US], events: [entered, bucket_changed] }
    path:
      - send: { channel: email, template: payment_reminder }
      - wait: { days: 3, until: [paid, promised, replied] }
      - call: { script: reminder_call }
  - id: call-first
    when: { events: [entered, bucket_changed], dpd: { min: 16 } }
    path:
      - call: { script: SCRIPT }
      - wait: { days: 2, until: [paid, promised] }
      - handoff: { queue: collections, skills: [negotiation], priority: risk_x_balance }
  - id: reminder
    description: "Everyone else: a reminder with a payment link, an offer to promise, a call, then a person."
    when: {}
    path:
      - send: { channel: sms, template: reminder }
      - wait: { days: 2, until: [paid, promised, replied] }
      - offer: { kind: promise, channel: whatsapp, template: promise_offer }
      - wait: { days: 2, until: [paid, promised, replied] }
      - call: { script: reminder_call }
      - wait: { days: 3, until: [paid, promised] }
      - send: { channel: email, template: payment_reminder }
      - wait: { days: 5, until: [paid, promised] }
      - handoff: { queue: collections, skills: [], priority: risk_x_balance }
`;

const defaultPolicy = JSON.parse(readFileSync(new URL('../../policies/recovery/default.policy.json', import.meta.url), 'utf8')) as RecoveryPolicyDocument;

/** A loan as its workflow projects it when it is past due, through the loans' projection repository. */
async function project(loan: { status: string; bucket: string; dpd: number; currency: string; outstanding: number; segment?: string; band?: string }): Promise<string> {
  const loanId = randomUUID();
  const now = new Date().toISOString();
  const snapshot: Omit<LoanSnapshot, 'schedule'> = {
    loanId,
    status: loan.status as LoanSnapshot['status'],
    bucket: loan.bucket,
    product: 'personal',
    currency: loan.currency,
    requestedPrincipal: loan.outstanding,
    principal: loan.outstanding,
    decision: null,
    offer: null,
    outstandingPrincipal: loan.outstanding,
    outstandingTotal: loan.outstanding,
    daysPastDue: loan.dpd,
    review: null,
    creditLimit: null,
    closedReason: null,
    version: 2,
    createdAt: now,
    updatedAt: now,
  };
  const segmented = loan.segment
    ? [{ seq: 2, type: 'recovery.segmented', data: { bucket: loan.bucket, daysPastDue: loan.dpd, segment: loan.segment, propensityBand: loan.band }, occurredAt: now }]
    : [];
  await new LoanProjectionRepository(orm.em.fork()).apply({ snapshot, events: [{ seq: 1, type: 'delinquency.bucket_changed', data: { to: loan.bucket }, occurredAt: now }, ...segmented], payments: [] });
  return loanId;
}

describe('escalation policies through the API', () => {
  let draftWithFaults: number;
  let challenger: number;

  it('starts with the default policy active as version 1, by credence', async () => {
    const active = await call<PolicyVersion>('GET', '/v1/policies/recovery/active');
    expect(active.status).toBe(200);
    expect(active.body).toMatchObject({ version: 1, status: 'active', author: 'credence', name: 'retail-default', document: defaultPolicy });
  });

  it('takes a draft as YAML text, with its diff against the active version, and keeps the text as written', async () => {
    const created = await yaml(CHALLENGER.replace('SCRIPT', 'early_call'));
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ status: 'draft', author: 'ops.asha', name: 'retail-call-first', sourceFormat: 'yaml', basedOn: 1, problems: null });
    expect(created.body.source).toContain('# Challenger: call earlier.');
    expect(created.body.diff).toEqual(
      expect.arrayContaining([
        { op: 'changed', path: '/name', before: 'retail-default', after: 'retail-call-first' },
        expect.objectContaining({ op: 'added', path: '/rules/0', ruleId: 'us-email-first' }),
        expect.objectContaining({ op: 'removed', path: '/rules/2', ruleId: 'self-cure' }),
      ]),
    );
    draftWithFaults = created.body.version;
  });

  it('answers validation faults as problem+json, each at its JSON Pointer and line, and the version stays a draft with them', async () => {
    const validated = await call('POST', `/v1/policies/recovery/${draftWithFaults}/validate`);
    expect(validated.status).toBe(422);
    expect(validated.type).toMatch(/^application\/problem\+json/);
    expect(validated.body).toMatchObject({ type: 'https://credence.dev/problems/invalid-policy', status: 422 });
    const line = CHALLENGER.split('\n').findIndex((l) => l.includes('script: SCRIPT')) + 1;
    expect(validated.body.errors).toEqual([{ field: '/rules/1/path/0/call/script', message: 'no voice script "early_call" in the template catalogue', line, column: 17 }]);

    const stored = await call<PolicyVersion>('GET', `/v1/policies/recovery/${draftWithFaults}`);
    expect(stored.body.status).toBe('draft');
    expect(stored.body.problems?.errors).toEqual([{ path: '/rules/1/path/0/call/script', message: 'no voice script "early_call" in the template catalogue', line, column: 17 }]);
    // a draft with faults can be neither activated nor dry-run
    expect((await call('POST', `/v1/policies/recovery/${draftWithFaults}/activate`)).status).toBe(409);
    const dry = await call('POST', `/v1/policies/recovery/${draftWithFaults}/dry-run`);
    expect(dry.status).toBe(422);
    expect(dry.body.errors?.[0]?.field).toBe('/rules/1/path/0/call/script');
  });

  it('validates a corrected draft', async () => {
    const created = await yaml(CHALLENGER.replace('SCRIPT', 'reminder_call'), '?author=ops.asha&basedOn=1');
    expect(created.status).toBe(201);
    challenger = created.body.version;
    const validated = await call<PolicyValidationResult>('POST', `/v1/policies/recovery/${challenger}/validate`);
    expect(validated).toMatchObject({ status: 200, body: { valid: true, version: challenger, status: 'validated', warnings: [] } });
    const stored = await call<PolicyVersion>('GET', `/v1/policies/recovery/${challenger}`);
    expect(stored.body).toMatchObject({ status: 'validated', problems: { errors: [], warnings: [] } });
    expect(stored.body.validatedAt).not.toBeNull();
  });

  it('dry-runs the draft against the live delinquent portfolio beside the active version', async () => {
    const selfCure = await project({ status: 'delinquent', bucket: '1-15', dpd: 5, currency: 'INR', outstanding: 4_500_000, segment: 'self_cure', band: 'high' });
    const restructure = await project({ status: 'delinquent', bucket: '31-60', dpd: 40, currency: 'INR', outstanding: 9_000_000, segment: 'restructure', band: 'low' });
    const american = await project({ status: 'delinquent', bucket: '61-90', dpd: 70, currency: 'USD', outstanding: 250_000, segment: 'field_or_legal', band: 'low' });
    const unsegmented = await project({ status: 'delinquent', bucket: '1-15', dpd: 10, currency: 'GBP', outstanding: 80_000 });
    await project({ status: 'active', bucket: 'current', dpd: 0, currency: 'INR', outstanding: 1_000_000 });

    const run = await call<DryRunReport>('POST', `/v1/policies/recovery/${challenger}/dry-run`);
    expect(run.status).toBe(200);
    const report = run.body;
    expect(report.accounts).toBe(4);
    expect(report.active?.version).toBe(1);
    expect(report.active?.byRule).toEqual({ 'self-cure': 1, restructure: 1, 'late-arrears-specialists': 1, reminder: 1 });
    expect(report.draft.byRule).toEqual({ reminder: 2, 'call-first': 1, 'us-email-first': 1 });
    expect(report.active?.byFirstStep).toEqual({ send: 3, offer: 1 });
    expect(report.draft.byFirstStep).toEqual({ send: 3, call: 1 });
    expect(report.draft.byFirstChannel).toEqual({ sms: 2, voice: 1, email: 1 });
    expect(report.draft.bySegment).toEqual({ self_cure: { reminder: 1 }, restructure: { 'call-first': 1 }, field_or_legal: { 'us-email-first': 1 }, unsegmented: { reminder: 1 } });
    expect(report.draft.unmatched).toBe(0);
    // the unsegmented loan gets the same rule and path under both: not a change
    expect(report.changedTotal).toBe(3);
    expect(report.changed.map((c) => c.loanId).sort()).toEqual([selfCure, restructure, american].sort());
    expect(report.changed.find((c) => c.loanId === restructure)).toMatchObject({
      bucket: '31-60',
      dpd: 40,
      segment: 'restructure',
      active: { ruleId: 'restructure', firstStep: 'offer', firstChannel: 'sms' },
      draft: { ruleId: 'call-first', firstStep: 'call', firstChannel: 'voice' },
    });
    expect(report.changed.some((c) => c.loanId === unsegmented)).toBe(false);

    // every first contact is either allowed or blocked by a named gate rule, and each block is rescheduled or abandoned
    for (const side of [report.draft, report.active!]) {
      const blocked = Object.values(side.gate.blockedByGateRule).reduce((a, b) => a + b, 0);
      expect(side.gate.allowed + blocked).toBe(4);
      expect(side.gate.reschedulable + side.gate.abandoned).toBe(blocked);
    }
    // an automated text to a US borrower with no recorded consent is never allowed (outside hours, or for want of consent)
    const usBlocks = report.active!.gate.blockedByPolicyRule['late-arrears-specialists'] ?? {};
    expect(Object.values(usBlocks).reduce((a, b) => a + b, 0)).toBe(1);
    expect(Object.keys(usBlocks)[0]).toMatch(/^us\./);

    const capped = await call<DryRunReport>('POST', `/v1/policies/recovery/${challenger}/dry-run?limit=1`);
    expect(capped.body.changed).toHaveLength(1);
    expect(capped.body.changedTotal).toBe(3);
  });

  it('activates a validated version once a second person approves, retiring the active one; asking again for it changes nothing', async () => {
    const requested = await call<ApprovalRecord>('POST', `/v1/policies/recovery/${challenger}/activate`, { reason: 'the dry-run looks right' });
    expect(requested).toMatchObject({ status: 202, body: { kind: 'policy_activation', status: 'pending', policyVersion: challenger, proposedBy: 'ops', reasons: ['every policy activation needs a second person'], decidedBy: null } });
    // Asking again while it waits answers the one waiting; nothing is active yet.
    expect((await call<ApprovalRecord>('POST', `/v1/policies/recovery/${challenger}/activate`)).body.id).toBe(requested.body.id);
    expect((await call<PolicyVersion>('GET', '/v1/policies/recovery/active')).body.version).toBe(1);
    // The one who asked cannot approve it, nor can someone without policies:activate.
    const own = await call('POST', `/v1/approvals/${requested.body.id}/approve`);
    expect(own).toMatchObject({ status: 403, body: { type: 'https://credence.dev/problems/own-proposal' } });
    expect(own.body.detail).toMatch(/ops proposed policy activation .*: the one who proposes cannot approve or reject it/);
    expect((await callAs('collector', 'POST', `/v1/approvals/${requested.body.id}/approve`)).status).toBe(403);
    expect((await call<PolicyVersion>('GET', '/v1/policies/recovery/active')).body.version).toBe(1);

    const approved = await callAs<ApprovalRecord>('admin', 'POST', `/v1/approvals/${requested.body.id}/approve`);
    expect(approved).toMatchObject({ status: 200, body: { status: 'applied', proposedBy: 'ops', decidedBy: 'admin' } });
    expect(approved.body.outcome?.activation).toMatchObject({ activated: true, rollback: false, previousVersion: 1, version: { version: challenger, status: 'active', activatedBy: 'admin' } });
    // The checker's retry is the same decision: applied once.
    expect(await callAs<ApprovalRecord>('admin', 'POST', `/v1/approvals/${requested.body.id}/approve`)).toMatchObject({ status: 200, body: { status: 'applied', appliedAt: approved.body.appliedAt } });
    expect((await callAs('admin', 'POST', `/v1/approvals/${requested.body.id}/reject`)).status).toBe(409);
    expect((await call<PolicyVersion>('GET', '/v1/policies/recovery/active')).body.version).toBe(challenger);
    expect((await call<PolicyVersion>('GET', '/v1/policies/recovery/1')).body.status).toBe('retired');
    const again = await call<PolicyActivationResult>('POST', `/v1/policies/recovery/${challenger}/activate`);
    expect(again).toMatchObject({ status: 200, body: { activated: false, previousVersion: null } });
  });

  it('rolls back by activating the retired version, through a second person too (a rejection is recorded), and the list shows every activation', async () => {
    const first = await call<ApprovalRecord>('POST', '/v1/policies/recovery/1/activate');
    expect(first).toMatchObject({ status: 202, body: { status: 'pending', reasons: ['every policy activation needs a second person (this one is a rollback to version 1)'] } });
    const rejected = await callAs<ApprovalRecord>('admin', 'POST', `/v1/approvals/${first.body.id}/reject`, { note: 'not before the month end' });
    expect(rejected).toMatchObject({ status: 200, body: { status: 'rejected', proposedBy: 'ops', decidedBy: 'admin', decisionNote: 'not before the month end', appliedAt: null } });
    expect((await callAs('admin', 'POST', `/v1/approvals/${first.body.id}/approve`)).status).toBe(409);
    expect((await call<PolicyVersion>('GET', '/v1/policies/recovery/active')).body.version).toBe(challenger);
    expect((await call<{ items: ApprovalRecord[] }>('GET', '/v1/approvals?status=rejected&kind=policy_activation')).body.items.map((a) => a.id)).toContain(first.body.id);

    const asked = await call<ApprovalRecord>('POST', '/v1/policies/recovery/1/activate');
    expect(asked.status).toBe(202);
    expect(asked.body.id).not.toBe(first.body.id);
    expect((await call<{ items: ApprovalRecord[] }>('GET', '/v1/approvals')).body.items.map((a) => a.id)).toContain(asked.body.id);
    const approved = await callAs<ApprovalRecord>('admin', 'POST', `/v1/approvals/${asked.body.id}/approve`);
    expect(approved.body.outcome?.activation).toMatchObject({ activated: true, rollback: true, previousVersion: challenger, version: { version: 1, status: 'active' } });
    const list = await call<PolicyVersionList>('GET', '/v1/policies/recovery');
    expect(list.body.items.map((v) => [v.version, v.status])).toEqual([
      [challenger, 'retired'],
      [draftWithFaults, 'draft'],
      [1, 'active'],
    ]);
    expect(list.body.activations.map((a) => [a.version, a.previousVersion, a.activatedBy, a.rollback])).toEqual([
      [1, null, 'credence', false],
      [challenger, 1, 'admin', false],
      [1, challenger, 'admin', true],
    ]);
  });

  it('takes a draft as a JSON document, diffed by rule against the active version', async () => {
    const document = structuredClone(defaultPolicy);
    document.settings.weeklyCaps.voice = 2;
    document.rules[2]!.when.dpd = { max: 15 };
    const created = await call<PolicyVersion>('POST', '/v1/policies/recovery', { document, author: 'ops.mei' });
    expect(created.status).toBe(201);
    expect(created.body.diff).toEqual([
      { op: 'changed', path: '/settings/weeklyCaps/voice', before: 4, after: 2 },
      { op: 'changed', path: '/rules/2/when/dpd/max', ruleId: 'self-cure', before: 30, after: 15 },
    ]);
    expect(created.body.sourceFormat).toBe('json');
    expect(JSON.parse(created.body.source)).toEqual(document);
  });

  it('leaves exactly one version active when activations race', async () => {
    const versions: number[] = [];
    for (let i = 0; i < 5; i++) {
      const created = await call<PolicyVersion>('POST', '/v1/policies/recovery', { document: { ...defaultPolicy, description: `race ${i}` }, author: `ops.race${i}` });
      expect((await call('POST', `/v1/policies/recovery/${created.body.version}/validate`)).status).toBe(200);
      versions.push(created.body.version);
    }
    const requests = await Promise.all(versions.map((v) => call<ApprovalRecord>('POST', `/v1/policies/recovery/${v}/activate`)));
    expect(requests.map((a) => a.status)).toEqual([202, 202, 202, 202, 202]);
    const answers = await Promise.all(requests.map((r) => callAs<ApprovalRecord>('admin', 'POST', `/v1/approvals/${r.body.id}/approve`)));
    expect(answers.map((a) => [a.status, a.body.status])).toEqual(Array.from({ length: 5 }, () => [200, 'applied']));
    const list = await call<PolicyVersionList>('GET', '/v1/policies/recovery');
    expect(list.body.items.filter((v) => v.status === 'active')).toHaveLength(1);
    const winner = list.body.items.find((v) => v.status === 'active')!.version;
    expect(list.body.activations.at(-1)?.version).toBe(winner);
  });
});

describe('what the policy endpoints refuse', () => {
  it('a version that is not a whole number from 1 (400), and one that does not exist (404)', async () => {
    for (const bad of ['abc', '0', '1.5', '-1', '01', '1e3', '0x10', '99999999999']) {
      const answer = await call('GET', `/v1/policies/recovery/${bad}`);
      expect([bad, answer.status]).toEqual([bad, 400]);
      expect(answer.body.errors).toEqual([{ field: 'version', message: 'must be a whole number from 1 (a policy version)' }]);
    }
    const missing = await call('GET', '/v1/policies/recovery/9999');
    expect(missing).toMatchObject({ status: 404, body: { type: 'https://credence.dev/problems/policy-version-not-found' } });
    expect((await call('POST', '/v1/policies/recovery/9999/validate')).status).toBe(404);
    expect((await call('POST', '/v1/policies/recovery/9999/activate')).status).toBe(404);
    expect((await call('POST', '/v1/policies/recovery/9999/dry-run')).status).toBe(404);
  });

  it('a draft with neither or both of document and source, or no author (400)', async () => {
    const neither = await call('POST', '/v1/policies/recovery', { author: 'ops.asha' });
    expect(neither.status).toBe(400);
    expect(neither.body.errors?.map((e) => e.field)).toEqual(['document']);
    const both = await call('POST', '/v1/policies/recovery', { author: 'ops.asha', document: defaultPolicy, source: 'name: x' });
    expect(both.status).toBe(400);
    const anonymous = await yaml('name: x\n', '');
    expect(anonymous.status).toBe(400);
    expect((anonymous.body as unknown as Problem).errors?.map((e) => e.field)).toEqual(['author']);
    const unknownField = await call('POST', '/v1/policies/recovery', { author: 'ops.asha', document: defaultPolicy, version: 3 });
    expect(unknownField.status).toBe(400);
  });

  it('text that does not parse, or is not a map, or a basedOn that names no version (422), and nothing is stored', async () => {
    const before = (await call<PolicyVersionList>('GET', '/v1/policies/recovery')).body.items.length;
    const broken = await yaml('name: x\nrules:\n  - id: a\n   when: {}\n');
    expect(broken.status).toBe(422);
    expect((broken.body as unknown as Problem).errors?.[0]).toMatchObject({ field: '', line: 4 });
    const scalar = await call('POST', '/v1/policies/recovery', { source: '42', author: 'ops.asha' });
    expect(scalar).toMatchObject({ status: 422, body: { errors: [{ field: '', message: expect.stringMatching(/must be a map/) }] } });
    const orphan = await call('POST', '/v1/policies/recovery', { document: defaultPolicy, author: 'ops.asha', basedOn: 4242 });
    expect(orphan).toMatchObject({ status: 422, body: { errors: [{ field: 'basedOn' }] } });
    expect((await call<PolicyVersionList>('GET', '/v1/policies/recovery')).body.items).toHaveLength(before);
  });

  it('a body that is neither JSON nor YAML (415), YAML anywhere but a draft (415), and an activation naming its own `by` (400: the requester is the caller)', async () => {
    expect((await call('POST', '/v1/policies/recovery?author=ops.asha', 'name: x', 'text/plain')).status).toBe(415);
    expect((await call('POST', '/v1/policies/recovery/1/activate', 'reason: because', 'application/yaml')).status).toBe(415);
    const someoneElse = await call('POST', '/v1/policies/recovery/1/activate', { by: 'ops.asha' });
    expect(someoneElse.status).toBe(400);
    expect(someoneElse.body.errors?.map((e) => e.field)).toEqual(['by']);
    expect((await call('POST', '/v1/policies/recovery/1/dry-run?limit=0')).status).toBe(400);
  });
});
