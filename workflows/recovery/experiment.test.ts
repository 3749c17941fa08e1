// Champion and challenger on the time-skipping server, with the real worker and activities: an
// episode started while an experiment runs (on every new episode) records its arm and follows the
// challenger version, and keeps it after the experiment is stopped and another version activated;
// an episode started after the stop follows the active version and is in no experiment.
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { RecoveryEpisodeRepository } from '../../db/repositories/recovery-episode.repository.js';
import { RecoveryExperimentRepository } from '../../db/repositories/recovery-experiment.repository.js';
import { RecoveryPolicyRepository } from '../../db/repositories/recovery-policy.repository.js';
import { createLoanTestEnv, type LoanTestEnv } from '../../apps/testkit/loan-env.js';
import type { RecoveryPolicyDocument } from '../../policies/recovery/policy-document.js';
import { episodeEndedSignal, recoveryWorkflowId, type RecoveryInput } from './definitions.js';

let t: LoanTestEnv;

beforeAll(async () => {
  t = await createLoanTestEnv();
});

afterAll(async () => {
  await t?.teardown();
});

/** A policy that only waits: nothing is sent, so the test is about which version chose the path. */
function quiet(name: string, days: number): RecoveryPolicyDocument {
  return {
    name,
    settings: { weeklyCaps: {}, fallback: {}, promiseToleranceBps: 100, promiseMaxDays: 30 },
    rules: [{ id: `${name}-wait`, when: {}, path: [{ wait: { days } }] }],
  };
}

async function validatedVersion(document: RecoveryPolicyDocument): Promise<number> {
  const repo = new RecoveryPolicyRepository(t.orm.em.fork());
  const created = await repo.createDraft({ name: document.name, document: document as unknown as Record<string, unknown>, source: JSON.stringify(document, null, 2), sourceFormat: 'json', author: 'test', basedOn: null, diff: null });
  await repo.recordValidation(created.version, { errors: [], warnings: [] });
  return created.version;
}

function input(loanId: string): RecoveryInput {
  return {
    loanId,
    episode: 1,
    currency: 'INR',
    product: 'personal',
    country: 'IN',
    account: { bucket: '1-15', dpd: 5, outstandingMinor: 5_000_000, overdueMinor: 500_000, oldestDueOn: null, on: new Date().toISOString().slice(0, 10) },
    segment: 'reminder',
    propensityBand: 'medium',
  };
}

const episodes = () => new RecoveryEpisodeRepository(t.orm.em.fork());

async function until<T>(read: () => Promise<T>, ok: (value: T) => boolean): Promise<T> {
  for (let i = 0; i < 200; i++) {
    const value = await read();
    if (ok(value)) return value;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('the read model never got there');
}

it('an episode started while an experiment runs records its arm and follows the challenger for life; one started after the stop follows the active version', async () => {
  const champion = await validatedVersion(quiet('champion', 20));
  await new RecoveryPolicyRepository(t.orm.em.fork()).activate(champion, 'test');
  const challenger = await validatedVersion(quiet('challenger', 10));
  const started = await new RecoveryExperimentRepository(t.orm.em.fork()).start({ id: randomUUID(), challengerVersion: challenger, shareBps: 10_000, by: 'test', note: null });
  if (started.outcome !== 'started') throw new Error(started.outcome);
  const experiment = started.experiment;

  const first = randomUUID();
  const firstId = recoveryWorkflowId(first, 1);
  const handle = await t.env.client.workflow.start('recoveryWorkflow', { taskQueue: t.config.temporal.taskQueue, workflowId: firstId, args: [input(first)] });
  const assigned = await until(() => episodes().get(firstId), (e) => e?.policyVersion === challenger);
  expect(assigned).toMatchObject({ experimentId: experiment.id, arm: 'challenger', policyVersion: challenger, ruleId: 'challenger-wait' });
  const timeline = await episodes().timeline(firstId);
  expect(timeline.find((a) => a.kind === 'experiment_assigned')?.data).toEqual({ id: experiment.id, arm: 'challenger', version: challenger });
  expect(timeline.find((a) => a.kind === 'path_chosen')).toMatchObject({ policyVersion: challenger, ruleId: 'challenger-wait' });

  // Stopped, and a newer champion activated: the challenger episode keeps its version.
  await new RecoveryExperimentRepository(t.orm.em.fork()).end(experiment.id, 'stopped', 'test');
  const newer = await validatedVersion(quiet('newer', 20));
  await new RecoveryPolicyRepository(t.orm.em.fork()).activate(newer, 'test');
  await t.env.sleep('12d');
  const later = await episodes().timeline(firstId);
  const chosen = later.filter((a) => a.kind === 'path_chosen' || a.kind === 'policy_switched');
  // Its 10-day path ran out after the stop and the policy chose again: the challenger's version again.
  expect(chosen.length).toBeGreaterThanOrEqual(2);
  expect(chosen.every((a) => a.policyVersion === challenger)).toBe(true);
  expect(later.filter((a) => a.kind === 'policy_switched')).toEqual([]);

  const second = randomUUID();
  const secondId = recoveryWorkflowId(second, 1);
  const other = await t.env.client.workflow.start('recoveryWorkflow', { taskQueue: t.config.temporal.taskQueue, workflowId: secondId, args: [input(second)] });
  const outside = await until(() => episodes().get(secondId), (e) => e?.policyVersion === newer);
  expect(outside).toMatchObject({ experimentId: null, arm: null, policyVersion: newer });
  expect((await episodes().timeline(secondId)).some((a) => a.kind === 'experiment_assigned')).toBe(false);

  const on = new Date().toISOString().slice(0, 10);
  await handle.signal(episodeEndedSignal, { reason: 'cured', on: on });
  await other.signal(episodeEndedSignal, { reason: 'cured', on: on });
  expect(await handle.result()).toMatchObject({ ended: 'cured' });
  await other.result();
  expect(await episodes().get(firstId)).toMatchObject({ status: 'ended', endReason: 'cured', experimentId: experiment.id, arm: 'challenger', policyVersion: challenger });
});
