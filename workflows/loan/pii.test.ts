import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Client } from '@temporalio/client';
import { METADATA_ENCODING_KEY, type Payload } from '@temporalio/common';
import { application } from '../../apps/testkit/applications.js';
import { createLoanTestEnv, type LoanTestEnv } from '../../apps/testkit/loan-env.js';
import { ENCODING_ENCRYPTED, EncryptionCodec } from '../../apps/shared/temporal/encryption-codec.js';
import type { LoanApplication } from '../../domain/application.js';
import { loanWorkflowId } from '../../domain/loan-id.js';

let t: LoanTestEnv;
beforeAll(async () => {
  t = await createLoanTestEnv();
});
afterAll(async () => {
  await t?.teardown();
});

type Located = Payload & { path: string };

/** Every payload in a raw history (inputs, results, signals, updates, failures' encoded attributes), with where it sits. */
function payloadsIn(node: unknown, path = '', found: Located[] = []): Located[] {
  if (node instanceof Uint8Array || node === null || typeof node !== 'object') return found;
  const candidate = node as Payload;
  if (candidate.data instanceof Uint8Array && candidate.metadata && typeof candidate.metadata === 'object') found.push(Object.assign(candidate, { path }));
  for (const [key, value] of Object.entries(node)) payloadsIn(value, `${path}.${key}`, found);
  return found;
}

/** The SDK's own bookkeeping in markers: which local activity ran when, which patch applied. */
const MARKER_BOOKKEEPING = new Set(['seq', 'attempt', 'activity_id', 'activity_type', 'complete_time', 'backoff', 'original_schedule_time', 'id', 'deprecated']);

/**
 * Plain by design, and free of personal data: search attributes (Temporal indexes them: loan
 * status, bucket, product, and the SDK's patch markers) and marker bookkeeping, checked key by
 * key so a result can never hide among them.
 */
function isPlainByDesign(p: Located): boolean {
  if (p.path.includes('.searchAttributes.indexedFields.')) return true;
  if (!/markerRecordedEventAttributes\.details\.(data|patch-data)\./.test(p.path)) return false;
  const value = JSON.parse(Buffer.from(p.data ?? []).toString()) as Record<string, unknown>;
  return Object.keys(value).every((key) => MARKER_BOOKKEEPING.has(key));
}

const text = (payloads: Payload[]) => payloads.map((p) => Buffer.from(p.data ?? []).toString('utf8')).join('\n');

function personalData(app: LoanApplication): string[] {
  const { applicant, bankAccount } = app;
  return [applicant.firstName, applicant.lastName, applicant.email, applicant.phone, applicant.nationalId, applicant.address.line1, bankAccount!.accountNumber];
}

async function rawHistoryPayloads(loanId: string): Promise<Located[]> {
  // A client with no codec sees what Temporal stores and what its UI or an export would show.
  const raw = new Client({ connection: t.env.connection, namespace: t.env.namespace ?? 'default' });
  const history = await raw.workflow.getHandle(loanWorkflowId(loanId)).fetchHistory();
  return payloadsIn(history);
}

describe('personal data in Temporal history', () => {
  it('a whole lifecycle, including a failed bureau call, leaves no applicant personal data readable in the history', async () => {
    const apps = [application('approved', { loan: { termMonths: 3 } }), application('bureauOutage')];
    const [approved, outage] = [await t.startLoan(apps[0]!), await t.startLoan(apps[1]!)];
    await t.loans.awaitDecision(approved);
    const active = await t.loans.acceptOffer(approved);
    await t.loans.recordPayment(approved, { externalId: 'upi-ref-1', amount: 1000, currency: active.currency, source: 'api' });
    await t.loans.awaitDecision(outage);
    await t.loans.withdraw(outage);

    for (const [loanId, app] of [[approved, apps[0]!], [outage, apps[1]!]] as const) {
      const payloads = await rawHistoryPayloads(loanId);
      expect(payloads.length).toBeGreaterThan(5);
      const stored = text(payloads);
      for (const value of personalData(app)) expect(stored).not.toContain(value);
      // Control: decrypted with the key, the same history does hold the application.
      const decrypted = text(await new EncryptionCodec(t.keyring).decode(payloads));
      expect(decrypted).toContain(app.applicant.nationalId);
      expect(decrypted).toContain(app.applicant.email);
    }
  });

  it('every payload but the plain-by-design ones is encrypted, with the key id beside it', async () => {
    const loanId = await t.startLoan(application('declined'));
    await t.loans.handle(loanId).result();
    const payloads = (await rawHistoryPayloads(loanId)).filter((p) => !isPlainByDesign(p));
    expect(payloads.length).toBeGreaterThan(5);
    const encodings = new Set(payloads.map((p) => Buffer.from(p.metadata![METADATA_ENCODING_KEY] ?? []).toString()));
    expect([...encodings]).toEqual([ENCODING_ENCRYPTED]);
    expect(payloads.every((p) => Buffer.from(p.metadata!['encryption-key-id'] ?? []).toString() === t.keyring.activeKeyId)).toBe(true);
  });
});
