// Champion/challenger experiments through the HTTP API on a real PostgreSQL database (seeded with
// the default policy as version 1): starting one and every refusal, one running at a time even
// when two start at once, the per-arm report over episodes written by the episodes' own
// repository (figures computed apart, in Python with scipy, and asserted exactly), promotion
// through the activation path, stopping; and the workflow's arm assignment over the same rows.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRecoveryExperimentActivities } from '../../activities/recovery/experiment.activities.js';
import type { Orm } from '../../db/orm.js';
import { RecoveryEpisodeRepository, type EpisodeSnapshot } from '../../db/repositories/recovery-episode.repository.js';
import type { Experiment } from '../../db/repositories/recovery-experiment.repository.js';
import { RecoveryPolicyRepository } from '../../db/repositories/recovery-policy.repository.js';
import { armOf } from '../../policies/recovery/experiment-arm.js';
import { startDatabaseApi, type DatabaseApi } from '../testkit/database-api.js';
import type { Problem } from './http/problem.js';
import type { ExperimentReport } from './policies/experiments/experiment-report.js';
import type { ApprovalRecord } from '../../db/repositories/approval.repository.js';
import type { ExperimentPromotion } from './policies/experiments/promote-experiment.usecase.js';
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

const call = <T = Problem>(method: string, path: string, body?: unknown, contentType = 'application/json') => callAs<T>('ops', method, path, body, contentType);

async function callAs<T = Problem>(role: 'ops' | 'admin', method: string, path: string, body?: unknown, contentType = 'application/json'): Promise<{ status: number; type: string | null; body: T }> {
  const auth = await authAs(role);
  const res = await fetch(`${base}${path}`, {
    method,
    ...(body === undefined ? { headers: auth } : { headers: { ...auth, 'content-type': contentType }, body: typeof body === 'string' ? body : JSON.stringify(body) }),
  });
  const text = await res.text();
  return { status: res.status, type: res.headers.get('content-type'), body: (text ? JSON.parse(text) : undefined) as T };
}

const EXPERIMENTS = '/v1/policies/recovery/experiments';
const CHALLENGER_YAML = readFileSync(new URL('../../policies/recovery/examples/challenger-call-early.policy.yaml', import.meta.url), 'utf8');

async function draft(): Promise<number> {
  const created = await call<{ version: number }>('POST', '/v1/policies/recovery?author=ops.asha', CHALLENGER_YAML, 'application/yaml');
  expect(created.status).toBe(201);
  return created.body.version;
}

const start = (body: Record<string, unknown>) => call<Experiment>('POST', EXPERIMENTS, body);
const refuse = (body: Record<string, unknown>) => call('POST', EXPERIMENTS, body);

const DAY = 86_400_000;
const ago = (days: number) => new Date(Date.now() - days * DAY).toISOString();

interface Episode {
  arm: 'champion' | 'challenger';
  version: number;
  currency?: string;
  startedDaysAgo: number;
  /** days after the start, and how */
  ended?: { after: number; reason: string };
  delinquent: number;
  recovered: number;
  contacts: number;
  kept?: number;
  broken?: number;
  rolled?: boolean;
  optedOut?: boolean;
}

/** An episode as its workflow writes it: the row and its first two timeline entries, through the episodes' repository. */
async function record(experimentId: string | null, e: Episode): Promise<void> {
  const loanId = randomUUID();
  const workflowId = `recovery-${loanId}-1`;
  const startedAt = ago(e.startedDaysAgo);
  const endedAt = e.ended ? new Date(Date.parse(startedAt) + e.ended.after * DAY).toISOString() : null;
  const snapshot: EpisodeSnapshot = {
    workflowId, loanId, episode: 1, status: e.ended ? 'ended' : 'running', stage: e.ended ? 'ended' : 'waiting',
    currency: e.currency ?? 'INR', product: 'personal', country: 'IN', bucketAtStart: '1-15', bucket: e.rolled ? '16-30' : '1-15', dpd: 20,
    segment: 'reminder', propensityBand: 'medium', delinquentMinor: e.delinquent, outstandingMinor: 100_000 - e.recovered, recoveredMinor: e.recovered,
    policyVersion: e.version, ruleId: 'everyone-else', experimentId, arm: experimentId ? e.arm : null, contacts: e.contacts, blocked: 0,
    promisesKept: e.kept ?? 0, promisesBroken: e.broken ?? 0, optedOut: e.optedOut ?? false, rolledForward: e.rolled ?? false,
    startedAt, endedAt, endReason: e.ended?.reason ?? null, version: 2,
  };
  const actions = [
    { seq: 1, at: startedAt, kind: 'episode_started', policyVersion: null, ruleId: null, stepIndex: null, data: { bucket: '1-15', dpd: 3 } },
    ...(experimentId ? [{ seq: 2, at: startedAt, kind: 'experiment_assigned', policyVersion: null, ruleId: null, stepIndex: null, data: { id: experimentId, arm: e.arm, version: e.version } }] : []),
  ];
  await new RecoveryEpisodeRepository(orm.em.fork()).record(snapshot, actions);
}

describe('recovery experiments through the API', () => {
  let challenger: number;
  let unvalidated: number;
  let first: Experiment;

  beforeAll(async () => {
    challenger = await draft();
    expect((await call('POST', `/v1/policies/recovery/${challenger}/validate`)).status).toBe(200);
    unvalidated = await draft();
  });

  it('refuses a share outside 0-10000 (422), a malformed body (400), a draft or the active version (409), a version that does not exist (422), and starts nothing', async () => {
    for (const shareBps of [-1, 10_001]) {
      const refused = await refuse({ challengerVersion: challenger, shareBps, by: 'ops.asha' });
      expect(refused.status).toBe(422);
      expect(refused.type).toContain('application/problem+json');
      expect(refused.body.errors).toEqual([expect.objectContaining({ field: 'shareBps' })]);
    }
    const malformed = await refuse({ challengerVersion: challenger, shareBps: '5000' });
    expect(malformed.status).toBe(400);
    expect(malformed.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'by' }), expect.objectContaining({ field: 'shareBps' })]));
    expect((await start({ challengerVersion: challenger, shareBps: 12.5, by: 'ops.asha' })).status).toBe(400);
    const draftRefused = await refuse({ challengerVersion: unvalidated, shareBps: 5000, by: 'ops.asha' });
    expect(draftRefused).toMatchObject({ status: 409, body: { type: 'https://credence.dev/problems/challenger-not-eligible' } });
    expect(draftRefused.body.detail).toContain('is a draft');
    const activeRefused = await refuse({ challengerVersion: 1, shareBps: 5000, by: 'ops.asha' });
    expect(activeRefused).toMatchObject({ status: 409, body: { type: 'https://credence.dev/problems/challenger-not-eligible' } });
    const missing = await refuse({ challengerVersion: 9999, shareBps: 5000, by: 'ops.asha' });
    expect(missing).toMatchObject({ status: 422, body: { errors: [expect.objectContaining({ field: 'challengerVersion' })] } });
    expect((await call<{ items: Experiment[] }>('GET', EXPERIMENTS)).body.items).toEqual([]);
  });

  it('starts one with the active version as champion, and refuses a second while it runs', async () => {
    const started = await start({ challengerVersion: challenger, shareBps: 5000, by: 'ops.asha', note: 'call a week earlier' });
    expect(started.status).toBe(201);
    first = started.body;
    expect(first).toMatchObject({ challengerVersion: challenger, championVersionAtStart: 1, shareBps: 5000, status: 'running', note: 'call a week earlier', createdBy: 'ops.asha', startedBy: 'ops.asha', endedBy: null, endedAt: null });
    const second = await refuse({ challengerVersion: challenger, shareBps: 1000, by: 'ops.ravi' });
    expect(second).toMatchObject({ status: 409, body: { type: 'https://credence.dev/problems/experiment-running' } });
    expect(second.body.detail).toContain(first.id);
    const list = await call<{ items: Experiment[] }>('GET', EXPERIMENTS);
    expect(list).toMatchObject({ status: 200, body: { items: [first] } });
    expect((await call('GET', `${EXPERIMENTS}/${randomUUID()}`))).toMatchObject({ status: 404, body: { type: 'https://credence.dev/problems/experiment-not-found' } });
    expect((await call('GET', `${EXPERIMENTS}/not-an-id`)).status).toBe(400);
  });

  it('assigns a new episode its arm by the shared hash: the challenger its version, the champion the active one', async () => {
    const activities = createRecoveryExperimentActivities({ orm, policies: { active: () => new RecoveryPolicyRepository(orm.em.fork()).activePolicy() } });
    const loans = Array.from({ length: 40 }, () => randomUUID());
    const assigned = await Promise.all(loans.map((loanId) => activities.assignExperimentArm({ loanId })));
    expect(assigned).toEqual(loans.map((loanId) => (armOf(first.id, loanId, 5000) === 'challenger' ? { id: first.id, arm: 'challenger', version: challenger } : { id: first.id, arm: 'champion', version: 1 })));
    expect(new Set(assigned.map((a) => a!.arm))).toEqual(new Set(['champion', 'challenger']));
  });

  it('reports each arm with its intervals and the tests of the difference', async () => {
    const c = (e: Omit<Episode, 'arm' | 'version'>): Episode => ({ arm: 'champion', version: 1, ...e });
    const h = (e: Omit<Episode, 'arm' | 'version'>): Episode => ({ arm: 'challenger', version: challenger, ...e });
    const episodes: Episode[] = [
      c({ startedDaysAgo: 100, ended: { after: 20, reason: 'cured' }, delinquent: 10_000, recovered: 10_000, contacts: 3, kept: 1 }),
      c({ startedDaysAgo: 100, ended: { after: 95, reason: 'charged_off' }, delinquent: 20_000, recovered: 5_000, contacts: 10, broken: 2, rolled: true, optedOut: true }),
      c({ startedDaysAgo: 70, ended: { after: 50, reason: 'cured' }, delinquent: 5_000, recovered: 5_000, contacts: 4, kept: 1 }),
      c({ startedDaysAgo: 40, delinquent: 8_000, recovered: 0, contacts: 2, rolled: true }),
      c({ startedDaysAgo: 10, delinquent: 4_000, recovered: 1_000, contacts: 1 }),
      c({ startedDaysAgo: 100, currency: 'USD', ended: { after: 10, reason: 'paid_off' }, delinquent: 30_000, recovered: 30_000, contacts: 1 }),
      h({ startedDaysAgo: 100, ended: { after: 5, reason: 'cured' }, delinquent: 10_000, recovered: 10_000, contacts: 2, kept: 1 }),
      h({ startedDaysAgo: 100, ended: { after: 28, reason: 'settled' }, delinquent: 6_000, recovered: 6_000, contacts: 5, kept: 1, broken: 1 }),
      h({ startedDaysAgo: 65, delinquent: 12_000, recovered: 3_000, contacts: 6, broken: 1, rolled: true }),
      h({ startedDaysAgo: 35, ended: { after: 25, reason: 'cured' }, delinquent: 7_000, recovered: 7_000, contacts: 3 }),
      h({ startedDaysAgo: 5, delinquent: 9_000, recovered: 0, contacts: 1, optedOut: true }),
      h({ startedDaysAgo: 100, currency: 'USD', ended: { after: 70, reason: 'closed' }, delinquent: 20_000, recovered: 2_000, contacts: 8 }),
    ];
    for (const e of episodes) await record(first.id, e);
    // Neither in this experiment nor in any: not counted.
    await record(null, c({ startedDaysAgo: 100, ended: { after: 3, reason: 'cured' }, delinquent: 1_000, recovered: 1_000, contacts: 1 }));
    await record(randomUUID(), h({ startedDaysAgo: 100, ended: { after: 3, reason: 'cured' }, delinquent: 1_000, recovered: 1_000, contacts: 1 }));

    const report = await call<ExperimentReport>('GET', `${EXPERIMENTS}/${first.id}`);
    expect(report.status).toBe(200);
    const { arms, comparison } = report.body;
    expect(report.body).toMatchObject({ id: first.id, status: 'running', challengerVersion: challenger });
    expect(Date.parse(report.body.asOf)).toBeGreaterThan(Date.now() - 60_000);

    expect(arms.champion).toEqual({
      episodes: 6,
      running: 2,
      versions: [{ version: 1, episodes: 6 }],
      cured: 3,
      cureWithin: {
        d30: { of: 5, count: 2, rateBps: 4000, ci95Bps: [1176, 7693] },
        d60: { of: 4, count: 3, rateBps: 7500, ci95Bps: [3006, 9544] },
        d90: { of: 3, count: 2, rateBps: 6667, ci95Bps: [2077, 9385] },
      },
      recovery: [
        { currency: 'INR', episodes: 5, delinquentMinor: 47_000, recoveredMinor: 21_000, rateBps: 4468, ci95Bps: [648, 8288] },
        { currency: 'USD', episodes: 1, delinquentMinor: 30_000, recoveredMinor: 30_000, rateBps: 10_000, ci95Bps: null },
      ],
      rollForward: { of: 6, count: 2, rateBps: 3333, ci95Bps: [968, 7000] },
      contacts: 21,
      contactsPerCure: 7,
      promises: { kept: 2, broken: 2, keptRate: { of: 4, count: 2, rateBps: 5000, ci95Bps: [1500, 8500] } },
      optOuts: { of: 6, count: 1, rateBps: 1667, ci95Bps: [301, 5635] },
    });
    expect(arms.challenger).toEqual({
      episodes: 6,
      running: 2,
      versions: [{ version: challenger, episodes: 6 }],
      cured: 3,
      cureWithin: {
        d30: { of: 5, count: 3, rateBps: 6000, ci95Bps: [2307, 8824] },
        d60: { of: 4, count: 2, rateBps: 5000, ci95Bps: [1500, 8500] },
        d90: { of: 3, count: 2, rateBps: 6667, ci95Bps: [2077, 9385] },
      },
      recovery: [
        { currency: 'INR', episodes: 5, delinquentMinor: 44_000, recoveredMinor: 26_000, rateBps: 5909, ci95Bps: [1568, 10_250] },
        { currency: 'USD', episodes: 1, delinquentMinor: 20_000, recoveredMinor: 2_000, rateBps: 1000, ci95Bps: null },
      ],
      rollForward: { of: 6, count: 1, rateBps: 1667, ci95Bps: [301, 5635] },
      contacts: 25,
      contactsPerCure: 8.33,
      promises: { kept: 2, broken: 2, keptRate: { of: 4, count: 2, rateBps: 5000, ci95Bps: [1500, 8500] } },
      optOuts: { of: 6, count: 1, rateBps: 1667, ci95Bps: [301, 5635] },
    });
    expect(comparison).toEqual({
      cureWithin: {
        d30: { differenceBps: 2000, z: 0.6325, p: 0.5271 },
        d60: { differenceBps: -2500, z: -0.7303, p: 0.4652 },
        d90: { differenceBps: 0, z: 0, p: 1 },
      },
      // USD has one episode per arm: no interval, so no test.
      recoveryRate: [{ currency: 'INR', differenceBps: 1441, ci95Bps: [-4342, 7224], z: 0.4884, p: 0.6253 }],
      rollForward: { differenceBps: -1667, z: -0.6667, p: 0.505 },
    });
  });

  it('stops (again changes nothing), then refuses to promote the stopped experiment', async () => {
    const stopped = await call<Experiment>('POST', `${EXPERIMENTS}/${first.id}/stop`, { by: 'ops.lead' });
    expect(stopped).toMatchObject({ status: 200, body: { id: first.id, status: 'stopped', endedBy: 'ops.lead' } });
    const again = await call<Experiment>('POST', `${EXPERIMENTS}/${first.id}/stop`, { by: 'ops.other' });
    expect(again).toMatchObject({ status: 200, body: { status: 'stopped', endedBy: 'ops.lead', endedAt: stopped.body.endedAt } });
    const promote = await call('POST', `${EXPERIMENTS}/${first.id}/promote`, { reason: 'the challenger cures more' });
    expect(promote).toMatchObject({ status: 409, body: { type: 'https://credence.dev/problems/experiment-ended' } });
    // The requester is the caller: a `by` of one's choosing is not a field of a promotion.
    expect((await call('POST', `${EXPERIMENTS}/${first.id}/promote`, { by: 'ops.lead' })).status).toBe(400);
    expect((await call('POST', `${EXPERIMENTS}/${randomUUID()}/stop`, { by: 'ops.lead' })).status).toBe(404);
    expect((await call('POST', `${EXPERIMENTS}/${randomUUID()}/promote`)).status).toBe(404);
    // Stopped, no experiment runs: a new episode follows the active version only.
    const activities = createRecoveryExperimentActivities({ orm, policies: { active: () => new RecoveryPolicyRepository(orm.em.fork()).activePolicy() } });
    expect(await activities.assignExperimentArm({ loanId: randomUUID() })).toBeNull();
    // Its report stays readable.
    expect((await call<ExperimentReport>('GET', `${EXPERIMENTS}/${first.id}`)).body.arms.champion.episodes).toBe(6);
  });

  it('lets one of two experiments started at once run', async () => {
    const both = await Promise.all([start({ challengerVersion: challenger, shareBps: 2000, by: 'ops.a' }), start({ challengerVersion: challenger, shareBps: 3000, by: 'ops.b' })]);
    expect(both.map((r) => r.status).sort()).toEqual([201, 409]);
    const running = both.find((r) => r.status === 201)!.body;
    expect((await call<{ items: Experiment[] }>('GET', EXPERIMENTS)).body.items.filter((e) => e.status === 'running')).toEqual([running]);
    // The database holds it whatever the code does.
    const insert = orm.em.fork().execute(
      `insert into recovery_experiments (id, challenger_version, share_bps, status, created_by, created_at, started_by, started_at) values (?, ?, 100, 'running', 'sql', now(), 'sql', now())`,
      [randomUUID(), challenger],
    );
    await expect(insert).rejects.toThrow(/recovery_experiments_one_running/);
  });

  it('promotes the challenger through the activation path, then refuses to stop it, and the old champion can be the next challenger', async () => {
    const running = (await call<{ items: Experiment[] }>('GET', EXPERIMENTS)).body.items.find((e) => e.status === 'running')!;
    // Promotion activates a version: ops ask, a second person approves.
    const requested = await call<ApprovalRecord>('POST', `${EXPERIMENTS}/${running.id}/promote`, { reason: 'the challenger cures more' });
    expect(requested).toMatchObject({ status: 202, body: { kind: 'policy_activation', status: 'pending', policyVersion: challenger, experimentId: running.id, proposedBy: 'ops', payload: { reason: 'the challenger cures more' } } });
    expect((await call<Experiment>('GET', `${EXPERIMENTS}/${running.id}`)).body).toMatchObject({ status: 'running' });
    expect(await call('POST', `/v1/approvals/${requested.body.id}/approve`)).toMatchObject({ status: 403, body: { type: 'https://credence.dev/problems/own-proposal' } });
    const approved = await callAs<ApprovalRecord>('admin', 'POST', `/v1/approvals/${requested.body.id}/approve`, { note: 'read the report' });
    expect(approved).toMatchObject({ status: 200, body: { status: 'applied', proposedBy: 'ops', decidedBy: 'admin', decisionNote: 'read the report' } });
    const promoted = approved.body.outcome?.promotion as ExperimentPromotion;
    expect(promoted).toMatchObject({
      experiment: { id: running.id, status: 'promoted', endedBy: 'admin' },
      activation: { activated: true, rollback: false, previousVersion: 1, version: { version: challenger, status: 'active', activatedBy: 'admin' } },
    });
    const versions = await call<{ activations: { version: number; activatedBy: string }[] }>('GET', '/v1/policies/recovery');
    expect(versions.body.activations.at(-1)).toMatchObject({ version: challenger, activatedBy: 'admin' });
    expect(await call('POST', `${EXPERIMENTS}/${running.id}/promote`)).toMatchObject({ status: 200, body: { experiment: { status: 'promoted' }, activation: null } });
    expect(await call('POST', `${EXPERIMENTS}/${running.id}/stop`, { by: 'ops.lead' })).toMatchObject({ status: 409, body: { type: 'https://credence.dev/problems/experiment-ended' } });
    // The promoted version is the champion now; version 1 (retired, validated once) may challenge it.
    expect(await start({ challengerVersion: challenger, shareBps: 5000, by: 'ops.asha' })).toMatchObject({ status: 409, body: { type: 'https://credence.dev/problems/challenger-not-eligible' } });
    const next = await start({ challengerVersion: 1, shareBps: 500, by: 'ops.asha' });
    expect(next).toMatchObject({ status: 201, body: { challengerVersion: 1, championVersionAtStart: challenger, shareBps: 500, status: 'running', note: null } });
  });
});
