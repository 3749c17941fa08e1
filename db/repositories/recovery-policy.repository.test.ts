// Policy versions against a real PostgreSQL database: the seeded default is version 1 and active;
// numbers are handed out once under concurrent drafts; one version is active whatever activations
// race; the database itself refuses a second active version.
import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { useTestOrm } from '../../apps/testkit/test-orm.js';
import type { RecoveryPolicyDocument } from '../../policies/recovery/policy-document.js';
import { RecoveryPolicyRepository } from './recovery-policy.repository.js';

const db = useTestOrm(8);
const repo = () => new RecoveryPolicyRepository(db.orm.em.fork());
const defaultPolicy = JSON.parse(readFileSync(new URL('../../policies/recovery/default.policy.json', import.meta.url), 'utf8')) as RecoveryPolicyDocument;

const draft = (author: string) => ({
  name: 'retail-default',
  document: { ...defaultPolicy, description: `by ${author}` } as unknown as Record<string, unknown>,
  source: JSON.stringify(defaultPolicy),
  sourceFormat: 'json' as const,
  author,
  basedOn: 1,
  diff: [],
});

async function validated(author: string): Promise<number> {
  const created = await repo().createDraft(draft(author));
  await repo().recordValidation(created.version, { errors: [], warnings: [] });
  return created.version;
}

describe('RecoveryPolicyRepository', () => {
  it('finds the seeded default policy as version 1, active, by credence', async () => {
    const active = await repo().activePolicy();
    expect(active?.version).toBe(1);
    expect(active?.document).toEqual(defaultPolicy);
    const v1 = await repo().find(1);
    expect(v1).toMatchObject({ status: 'active', author: 'credence', name: 'retail-default', sourceFormat: 'json', activatedBy: 'credence' });
    expect(await repo().activations()).toEqual([expect.objectContaining({ version: 1, previousVersion: null, rollback: false })]);
  });

  it('numbers concurrent drafts one after another, none twice', async () => {
    const created = await Promise.all(Array.from({ length: 8 }, (_, i) => repo().createDraft(draft(`ops.${i}`))));
    const versions = created.map((c) => c.version).sort((a, b) => a - b);
    expect(new Set(versions).size).toBe(8);
    expect(versions.at(-1)! - versions[0]!).toBe(7);
    expect(created.every((c) => c.status === 'draft')).toBe(true);
  });

  it('validation with errors leaves a draft with its problems; without, it is validated', async () => {
    const { version } = await repo().createDraft(draft('ops.asha'));
    const failed = await repo().recordValidation(version, { errors: [{ path: '/rules/0/id', message: 'bad', line: 3 }], warnings: [] });
    expect(failed).toMatchObject({ status: 'draft', validatedAt: null, problems: { errors: [{ path: '/rules/0/id', message: 'bad', line: 3 }] } });
    const passed = await repo().recordValidation(version, { errors: [], warnings: [] });
    expect(passed?.status).toBe('validated');
    expect(passed?.validatedAt).not.toBeNull();
  });

  it('activates only a validated version, retires the one it replaces, and logs a rollback', async () => {
    const { version: draftOnly } = await repo().createDraft(draft('ops.asha'));
    expect((await repo().activate(draftOnly, 'ops.asha')).outcome).toBe('not_validated');
    expect((await repo().activate(9999, 'ops.asha')).outcome).toBe('not_found');

    const before = (await repo().active())!.version;
    const next = await validated('ops.asha');
    const activated = await repo().activate(next, 'ops.ravi');
    expect(activated).toMatchObject({ outcome: 'activated', version: { version: next, status: 'active', activatedBy: 'ops.ravi' }, activation: { previousVersion: before, rollback: false } });
    expect((await repo().find(before))?.status).toBe('retired');
    expect((await repo().activate(next, 'ops.ravi')).outcome).toBe('already_active');

    const rollback = await repo().activate(before, 'ops.lead');
    expect(rollback).toMatchObject({ outcome: 'activated', activation: { version: before, previousVersion: next, rollback: true, activatedBy: 'ops.lead' } });
    expect((await repo().find(next))?.status).toBe('retired');
    expect((await repo().activePolicy())?.version).toBe(before);
  });

  it('leaves exactly one active version when activations race', async () => {
    const candidates = await Promise.all(Array.from({ length: 6 }, (_, i) => validated(`ops.race${i}`)));
    const outcomes = await Promise.all(candidates.map((v, i) => repo().activate(v, `ops.race${i}`)));
    expect(outcomes.every((o) => o.outcome === 'activated')).toBe(true);
    const [row] = await db.orm.em.fork().execute<{ count: string }[]>(`select count(*) from recovery_policy_versions where status = 'active'`);
    expect(Number(row!.count)).toBe(1);
    // the log chains: each activation replaced the one before it
    const log = (await repo().activations()).slice(-6);
    for (let i = 1; i < log.length; i++) expect(log[i]!.previousVersion).toBe(log[i - 1]!.version);
  });

  it('is held to one active version by the database itself', async () => {
    const version = await validated('ops.rogue');
    await expect(db.orm.em.fork().execute(`update recovery_policy_versions set status = 'active' where version = ?`, [version])).rejects.toThrow(/recovery_policy_versions_one_active/);
  });
});
