// No personal data in PostgreSQL in plain text. The flows that take it in run for real through the
// API (an application, a portfolio import with a rejected row, recovery contacts with a reply, a
// send the provider refuses quoting the number, a hand-off whose collector writes notes, a dispute
// verified with a note), then every text and JSON column of every table, found through
// information_schema, is searched for the borrowers' names, phone numbers, emails, national IDs,
// addresses and account numbers. Each hit is reported by table and column.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { toIsoDate } from '../../domain/calendar.js';
import { RECOVERY_BORROWERS, TWILIO_TEST_NUMBERS } from '../sandboxes/recovery-borrowers.js';
import { startApiHarness, type ApiHarness } from '../testkit/api-harness.js';
import { authAsUser } from '../testkit/tokens.js';
import { importRow } from '../testkit/imported-loans.js';
import { duringIndianHours, kinds, startTestEpisode, submitPolicy, untilCase, type CaseDetail } from '../testkit/recovery-cases.js';
import { terminateSettled } from '../testkit/terminate-settled.js';

let h: ApiHarness;
const episodes: string[] = [];

beforeAll(async () => {
  h = await startApiHarness({ server: 'time-skipping' });
  expect((await h.call('PUT', '/v1/recovery/assignees/col-pii', { name: 'Desk Collector', kind: 'collector', skills: ['negotiation'], capacity: 10 })).status).toBe(200);
});

afterAll(async () => {
  for (const id of episodes) await terminateSettled(h.t.env.client, id).catch(() => undefined);
  await h?.close();
});

const applicant = JSON.parse(readFileSync(fileURLToPath(new URL('../sandboxes/identities/approved.json', import.meta.url)), 'utf8')) as {
  applicant: { firstName: string; lastName: string; email: string; phone: string; nationalId: string; address: { line1: string } };
  bankAccount: { accountNumber: string };
};
const imported = {
  firstName: 'Ishaan',
  lastName: 'Quorvath',
  email: 'ishaan.quorvath@example.com',
  phone: '+919811100077',
  nationalId: 'QRVPI7788Q',
  address: { line1: '9 Nightjar Lane, Kothrud', city: 'Pune', region: 'MH', postalCode: '411038', country: 'IN' },
};
const replier = RECOVERY_BORROWERS.find((b) => b.key === 'stopper')!;
const refused = { name: 'Vikram Zorawar', phone: TWILIO_TEST_NUMBERS.invalid, email: 'vikram.zorawar@example.com' };

/** What must not be found anywhere, as it would be written: names, the numbers' digits, mailboxes, IDs, street lines, accounts. */
const NEEDLES = [
  applicant.applicant.firstName,
  applicant.applicant.lastName,
  applicant.applicant.email.split('@')[0]!,
  applicant.applicant.phone.slice(3),
  applicant.applicant.nationalId,
  applicant.applicant.address.line1.split(',')[0]!,
  applicant.bankAccount.accountNumber,
  imported.firstName,
  imported.lastName,
  imported.phone.slice(3),
  imported.nationalId,
  'Nightjar',
  replier.name.split(' ')[0]!,
  replier.name.split(' ')[1]!,
  replier.phone.slice(3),
  replier.email.split('@')[0]!,
  'Zorawar',
  refused.phone.slice(2),
  refused.email.split('@')[0]!,
];

/** Every hit of a needle in a text or JSON column of the public schema: `table.column: needle`. */
async function plainPersonalData(): Promise<string[]> {
  const em = h.t.orm.em.fork();
  const columns = await em.execute<{ table_name: string; column_name: string }[]>(
    `select c.table_name, c.column_name from information_schema.columns c join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name
     where c.table_schema = 'public' and t.table_type = 'BASE TABLE' and c.data_type in ('text', 'character varying', 'character', 'json', 'jsonb') and c.table_name <> 'mikro_orm_migrations'
     order by c.table_name, c.column_name`,
  );
  expect(columns.length).toBeGreaterThan(100);
  const hits: string[] = [];
  for (const { table_name: table, column_name: column } of columns) {
    const rows = await em.execute<{ needle: string }[]>(
      `select distinct n.needle from "${table}" t, unnest(array[${NEEDLES.map(() => '?').join(', ')}]::text[]) as n(needle) where t."${column}"::text ilike '%' || n.needle || '%'`,
      NEEDLES,
    );
    for (const { needle } of rows) hits.push(`${table}.${column}: ${needle}`);
  }
  return hits;
}

const until = (workflowId: string, seen: (c: CaseDetail) => boolean, what: string) => untilCase(h, workflowId, seen, what, { ms: 90_000, advance: '1 hour' });

describe('personal data at rest', () => {
  it('is nowhere in plain text after the flows that take it in', async () => {
    // An application, decided and accepted: the applicant's details, their bank account.
    const { bankAccount: _bank, ...body } = JSON.parse(readFileSync(fileURLToPath(new URL('../sandboxes/identities/approved.json', import.meta.url)), 'utf8')) as Record<string, unknown>;
    const applied = await h.call<{ loanId: string; status: string }>('POST', '/v1/applications?wait=decision', { ...body, bankAccount: applicant.bankAccount }, { 'Idempotency-Key': 'pii-application' });
    expect(applied.status).toBe(200);
    expect(applied.body.status).toBe('offered');
    expect((await h.call('POST', `/v1/loans/${applied.body.loanId}/offer/accept`)).status).toBe(200);

    // A book brought in: one borrower imported, one row rejected for a malformed email.
    const today = toIsoDate(await h.t.env.currentTimeMs());
    const good = importRow(today, 20, { borrower: imported });
    const bad = importRow(today, 20, { borrower: { ...imported, email: 'ishaan.quorvath(at)example.com' } });
    const report = await h.call<{ imported: number; rejected: unknown[] }>('POST', '/v1/portfolio/imports', { loans: [good, bad] });
    expect(report.status).toBe(201);
    expect(report.body).toMatchObject({ imported: 1, rejected: [expect.anything()] });

    // Recovery: a text the borrower answers STOP, then a hand-off whose collector writes notes about them.
    await submitPolicy(
      h,
      `
name: pii-path
settings: { weeklyCaps: { sms: 3, email: 3 }, fallback: { sms: [email] }, promiseToleranceBps: 100, promiseMaxDays: 30 }
rules:
  - id: main
    when: {}
    path:
      - send: { channel: sms, template: reminder }
      - wait: { days: 1, until: [paid, promised, replied] }
      - handoff: { queue: collections, skills: [negotiation], priority: risk_x_balance }
`,
      { author: 'pii' },
    );
    await duringIndianHours(h);
    const stopped = await startTestEpisode(h, replier);
    const rejected = await startTestEpisode(h, refused);
    episodes.push(stopped.workflowId, rejected.workflowId);
    const c = await until(stopped.workflowId, (d) => kinds(d).includes('reply') && kinds(d).includes('handed_off'), 'the STOP and the hand-off');
    const { caseId, assigneeId } = c.case!;
    expect((await h.call('POST', `/v1/desk/cases/${caseId}/accept`, undefined, await authAsUser(assigneeId!))).status).toBe(200);
    const note = `Spoke to ${replier.name} on ${replier.phone}; wants mail at ${replier.email}`;
    expect((await h.call('POST', `/v1/desk/cases/${caseId}/outcomes`, { outcome: 'disputed', note }, { ...(await authAsUser(assigneeId!)), 'Idempotency-Key': `pii-${caseId}` })).status).toBe(200);
    await until(stopped.workflowId, (d) => kinds(d).includes('case_outcome'), 'the outcome in the timeline');
    const verified = await h.call('POST', `/v1/recovery/disputes/${stopped.loanId}/verify`, { by: 'compliance.ravi', note: `${replier.name} was sent the statement at ${replier.email}` });
    expect(verified.status).toBe(200);
    await until(stopped.workflowId, (d) => kinds(d).includes('dispute_verified'), 'the verification in the timeline');
    // The provider refused the other borrower's number, quoting it; the email went instead.
    await until(rejected.workflowId, (d) => kinds(d).includes('contact_sent'), 'the fallback after the refused send');
    const [refusal] = await h.t.orm.em.fork().execute<{ status: string }[]>(`select status from contact_deliveries where workflow_id = ? and channel = 'sms'`, [rejected.workflowId]);
    expect(refusal?.status).toBe('failed');

    expect(await plainPersonalData()).toEqual([]);
  });
});
