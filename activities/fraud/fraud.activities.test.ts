// Fraud screening against a real PostgreSQL: the identifier graph, the anomaly model and the
// ring detector together. People here are distinct national IDs presenting identifiers the way
// a mule ring does: a chain of shared bank accounts and phones.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomBytes, randomUUID } from 'node:crypto';
import type { LoanApplication } from '../../domain/application.js';
import { openOrm, type Orm } from '../../db/orm.js';
import { createTestDatabase, type TestDatabase } from '../../apps/testkit/postgres.js';
import { testApplication } from '../../apps/sandboxes/identities.js';
import { ModelRegistry, type ScoreRecord } from '../../models/registry/index.js';
import { createFraudActivities } from './fraud.activities.js';
import { IdentifierHasher } from './identifier-hasher.js';

let db: TestDatabase;
let orm: Orm;
let models: ModelRegistry;
const recorded: ScoreRecord[] = [];
let fraud: ReturnType<typeof createFraudActivities>;

beforeAll(async () => {
  db = await createTestDatabase();
  orm = await openOrm({ databaseUrl: db.url, poolSize: 2 });
  models = await ModelRegistry.load({ sink: { record: (rows) => recorded.push(...rows) } });
  fraud = createFraudActivities({ orm, hasher: new IdentifierHasher(randomBytes(32)), models });
});
afterAll(async () => {
  await models.dispose();
  await orm.close();
  await db.drop();
});

let n = 0;
/** A different person (national ID, name, email) each time, with the identifiers given. */
function person(shared: { phone?: string; account?: string; device?: string }): LoanApplication {
  n += 1;
  const base = testApplication('newToCredit', { device: { id: shared.device ?? `device-${randomUUID()}` } });
  return {
    ...base,
    applicant: { ...base.applicant, nationalId: `ZZZPR${String(1000 + n)}Z`, firstName: `Person${n}`, email: `person${n}-${randomUUID()}@example.com`, phone: shared.phone ?? `+9198${String(10_000_000 + Math.floor(Math.random() * 80_000_000))}` },
    bankAccount: { accountNumber: shared.account ?? `${Date.now()}${n}`, routingCode: 'HDFC0001234', holderName: `Person${n}` },
  };
}

async function screen(application: LoanApplication) {
  const loanId = randomUUID();
  return { loanId, result: await fraud.screenForFraud({ loanId, application, submittedAt: new Date().toISOString() }) };
}

describe('fraud screening', () => {
  it('scores every application with the anomaly model and records the score', async () => {
    const { loanId, result } = await screen(person({}));
    expect(result.level).toBe('clear');
    const mine = recorded.filter((r) => r.subject === loanId);
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({ model: 'fraud-anomaly', role: 'champion' });
    expect(mine[0]!.score).toBeGreaterThan(0);
    expect(mine[0]!.score).toBeLessThan(1);
  });

  it('finds a ring chained through shared bank accounts and phones, and sends its members to review', async () => {
    // A chain: p1-p2 share an account, p2-p3 a phone, p3-p4 an account, p4-p1 a phone.
    const acctA = `mule-a-${randomUUID()}`;
    const acctB = `mule-b-${randomUUID()}`;
    const phoneA = '+919800000111';
    const phoneB = '+919800000222';
    await screen(person({ account: acctA, phone: phoneB }));
    await screen(person({ account: acctA, phone: phoneA }));
    await screen(person({ account: acctB, phone: phoneA }));
    const { result } = await screen(person({ account: acctB, phone: phoneB }));
    const ring = result.signals.find((s) => s.rule === 'fraud_ring');
    expect(ring?.detail).toMatch(/4 people sharing/);
    expect(result.level).not.toBe('clear');
  });

  it('does not call a family sharing a device a ring', async () => {
    const device = `family-laptop-${randomUUID()}`;
    await screen(person({ device }));
    await screen(person({ device }));
    const { result } = await screen(person({ device }));
    expect(result.signals.map((s) => s.rule)).not.toContain('fraud_ring');
  });
});
