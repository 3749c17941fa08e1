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

/** Every payload in a raw history (inputs, results, signals, updates, failures' encoded attributes). */
function payloadsIn(node: unknown, found: Payload[] = []): Payload[] {
  if (node instanceof Uint8Array || node === null || typeof node !== 'object') return found;
  const candidate = node as Payload;
  if (candidate.data instanceof Uint8Array && candidate.metadata && typeof candidate.metadata === 'object') found.push(candidate);
  for (const value of Object.values(node)) payloadsIn(value, found);
  return found;
}

const text = (payloads: Payload[]) => payloads.map((p) => Buffer.from(p.data ?? []).toString('utf8')).join('\n');

function personalData(app: LoanApplication): string[] {
  const { applicant, bankAccount } = app;
  return [applicant.firstName, applicant.lastName, applicant.email, applicant.phone, applicant.nationalId, applicant.address.line1, bankAccount!.accountNumber];
}

async function rawHistoryPayloads(loanId: string): Promise<Payload[]> {
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

  it('every payload but the search attributes is encrypted, with the key id beside it', async () => {
    const loanId = await t.startLoan(application('declined'));
    await t.loans.handle(loanId).result();
    const payloads = await rawHistoryPayloads(loanId);
    const encodings = new Set(payloads.filter((p) => !isSearchAttribute(p)).map((p) => Buffer.from(p.metadata![METADATA_ENCODING_KEY] ?? []).toString()));
    expect([...encodings]).toEqual([ENCODING_ENCRYPTED]);
    expect(payloads.filter((p) => !isSearchAttribute(p)).every((p) => Buffer.from(p.metadata!['encryption-key-id'] ?? []).toString() === t.keyring.activeKeyId)).toBe(true);
  });
});

/** Search attribute values are plain JSON by design (status, bucket, product: no personal data). */
function isSearchAttribute(p: Payload): boolean {
  return Buffer.from(p.metadata?.type ?? []).toString() === 'Keyword';
}
