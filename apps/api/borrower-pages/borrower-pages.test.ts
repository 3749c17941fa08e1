// The borrower's pages through the real API, on the time-skipping server with real Postgres: a real
// loan falls 40 days into arrears and its recovery episode texts the borrower; the pay page shows
// what is overdue and how to pay it, takes no payment itself, and shows what is left once a
// transfer quoting its reference came through the gateway; the validation notice's
// itemization is the ledger's and it names the debt collector as Reg F requires; a dispute from the
// notice pauses the episode as a disputing reply does, and the original creditor asked for with it
// (the lender, for a loan it made) is answered at once; a borrower who reads Spanish gets the notice in Spanish; malformed or unknown IDs are 4xx.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { IdentifierHasher } from '../../../activities/fraud/identifier-hasher.js';
import { ContactDeliveryRepository } from '../../../db/repositories/contact-delivery.repository.js';
import { ContactProfileRepository } from '../../../db/repositories/contact-profile.repository.js';
import { toIsoDate } from '../../../domain/calendar.js';
import { loanWorkflowId } from '../../../domain/loan-id.js';
import type { ScheduleLineView } from '../../../domain/loan-view.js';
import { formatMoney } from '../../../domain/money.js';
import { formatDate } from '../../../policies/recovery/render-template.js';
import { recoveryWorkflowId } from '../../../workflows/recovery/definitions.js';
import { FieldCipher } from '../../shared/crypto/field-cipher.js';
import { startApiHarness, type ApiHarness } from '../../testkit/api-harness.js';
import { application } from '../../testkit/applications.js';
import { emailSent, kinds, sent, submitPolicy, twilioMessagesTo, untilCase } from '../../testkit/recovery-cases.js';
import type { Problem } from '../http/problem.js';
import { payThroughGateway } from '../../sandboxes/borrower-payment.js';
import { terminateSettled } from '../../testkit/terminate-settled.js';
import { borrowerPageToken } from '../../../activities/recovery-contact/borrower-page-link.js';

let h: ApiHarness;
let loanId: string;
let currency: string;
let episode: string;

type LoanDetail = { status: string; currency: string; schedule: ScheduleLineView[]; payments: { externalId: string; amount: number }[] };

const money = (amount: number) => formatMoney({ amount, currency });
/** The pages' addresses as our messages carry them: signed for the loan (borrower-page-link.ts). */
const signed = (path: 'pay' | 'validation', id: string) => `/${path}/${id}?t=${borrowerPageToken(new IdentifierHasher(h.t.identifierKey), id)}`;
const payLink = () => signed('pay', loanId);
const noticeLink = () => signed('validation', loanId);
const loan = async () => (await h.call<LoanDetail>('GET', `/v1/loans/${loanId}`)).body;

async function page(path: string): Promise<{ status: number; type: string | null; text: string }> {
  const res = await fetch(`${h.base}${path}`);
  return { status: res.status, type: res.headers.get('content-type'), text: await res.text() };
}

/** A form as a browser posts it. */
async function post(path: string, fields: Record<string, string>): Promise<{ status: number; type: string | null; text: string }> {
  const res = await fetch(`${h.base}${path}`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(fields).toString() });
  return { status: res.status, type: res.headers.get('content-type'), text: await res.text() };
}

/** The table rows of a page: label -> the amount it shows. */
function rows(html: string): Record<string, string> {
  return Object.fromEntries([...html.matchAll(/<tr><th scope="row">([^<]*)<\/th><td>([^<]*)<\/td><\/tr>/g)].map((m) => [m[1]!, m[2]!]));
}

const referenceOf = (html: string) => /name="reference" value="([^"]+)"/.exec(html)![1]!;

async function sql<T>(query: string, params: unknown[]): Promise<T[]> {
  return h.t.orm.em.fork().execute<T[]>(query, params);
}

/** The one row a query answers. */
async function one<T>(query: string, params: unknown[]): Promise<T> {
  const [row] = await sql<T>(query, params);
  if (!row) throw new Error(`no row for ${query}`);
  return row;
}

async function until<T>(read: () => Promise<T>, ok: (v: T) => boolean, what: string, ms = 30_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await read();
    if (ok(v)) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

beforeAll(async () => {
  h = await startApiHarness({ server: 'time-skipping' });
  await submitPolicy(
    h,
    `
name: notice-path
settings: { weeklyCaps: { sms: 3, email: 3 }, fallback: { sms: [email] }, promiseToleranceBps: 100, promiseMaxDays: 30 }
rules:
  - id: main
    when: {}
    path:
      - send: { channel: sms, template: reminder }
      - wait: { days: 30 }
`,
    { author: 'pages' },
  );
  // A real loan, no autopay: 40 days on it is delinquent with a late fee, and its episode has texted.
  loanId = await h.t.startLoan(application('approved', { loan: { termMonths: 6 }, consents: { autopay: false } }));
  await h.t.loans.awaitDecision(loanId);
  currency = (await h.t.loans.acceptOffer(loanId)).currency;
  await h.t.env.sleep('40 days');
  episode = recoveryWorkflowId(loanId, 1);
  await untilCase(h, episode, (d) => d.status === 'running' && sent(d).length > 0, 'the episode and its first text', { ms: 120_000, advance: '1 hour' });
  await until(loan, (l) => l.status === 'delinquent' && l.schedule.some((s) => s.fees > 0), 'the delinquent loan with its late fee in the read model');
}, 300_000);

afterAll(async () => {
  for (const id of [episode, loanWorkflowId(loanId)]) if (id) await terminateSettled(h.t.env.client, id);
  await h?.close();
});

describe('the pay page', () => {
  it('shows the amount overdue, the outstanding balance and the reference to pay with, and what is left once the gateway reports the transfer', async () => {
    const before = await loan();
    const overdue = before.schedule.filter((s) => s.status === 'due' || s.status === 'past_due').reduce((t, s) => t + s.amountDue - s.amountPaid, 0);
    const { outstanding_total: outstanding } = await one<{ outstanding_total: string }>(`select outstanding_total from loans where loan_id = ?`, [loanId]);
    expect(overdue).toBeGreaterThan(0);

    const shown = await page(payLink());
    expect(shown.status).toBe(200);
    expect(shown.type).toMatch(/^text\/html/);
    expect(rows(shown.text)).toEqual({ 'Amount overdue': money(overdue), 'Outstanding balance': money(Number(outstanding)) });
    expect(shown.text).toContain(`<strong id="reference">${loanId}</strong>`);
    // The page takes no payment: a public link that recorded one would mark a loan paid with no money moving.
    expect(shown.text).not.toContain('<form');
    const posted = await post(payLink(), { amount: '1000.00' });
    expect(posted.status).toBeGreaterThanOrEqual(400);
    expect(posted.status).toBeLessThan(500);
    expect((await loan()).payments).toHaveLength(0);

    // The borrower's bank pays part of it quoting the reference; the gateway's signed webhook brings it to the loan.
    const gateway = h.t.config.gateway;
    await fetch(`${gateway.url}/_sandbox/webhook-endpoint`, { method: 'POST', headers: { authorization: `Bearer ${gateway.secretKey}`, 'content-type': 'application/json' }, body: JSON.stringify({ url: `${h.base}/v1/webhooks/gateway` }) });
    const paid = await payThroughGateway(gateway, { loanId, amount: 100_000, currency }, `pages-${loanId}`);
    expect(paid.status).toBeLessThan(300);
    const after = await until(loan, (l) => l.payments.length > 0, 'the transfer in the read model');
    expect(after.payments.map((p) => p.amount)).toEqual([100_000]);
    const left = await until(async () => rows((await page(payLink())).text), (r) => r['Amount overdue'] === money(overdue - 100_000), 'the page showing what is left');
    expect(left['Amount overdue']).toBe(money(overdue - 100_000));
  });
});

describe('the validation notice', () => {
  it('itemizes the debt as the ledger has it, and starts the validation period only from a message that gave the validation information', async () => {
    const notice = await page(noticeLink());
    expect(notice.status).toBe(200);
    expect(notice.type).toMatch(/^text\/html/);

    // The ledger's side: what was lent, what each payment brought and where it went, what the borrower holds in credit.
    const ledger = async (account: string, kind: string, side: 'debit' | 'credit') =>
      Number((await sql<{ v: string }>(`select coalesce(sum(${side}), 0) as v from ledger_entries where loan_id = ? and account = ? and kind = ?`, [loanId, account, kind]))[0]!.v);
    const lent = await ledger('loans_receivable', 'disbursement', 'debit');
    const received = (await ledger('collections_clearing', 'repayment', 'debit')) - (await ledger('refunds_payable', 'repayment', 'credit'));
    const receivable = lent - (await ledger('loans_receivable', 'repayment', 'credit'));
    const advances = (await ledger('borrower_advances', 'repayment', 'credit')) - (await ledger('borrower_advances', 'repayment', 'debit'));
    const interestPaid = await ledger('interest_income', 'repayment', 'credit');
    const feesPaid = await ledger('fee_income', 'repayment', 'credit');
    // What the schedule charged: interest of each instalment fallen due, every late fee.
    const { schedule } = await loan();
    const interest = schedule.filter((s) => s.status !== 'upcoming').reduce((t, s) => t + s.interest, 0);
    const fees = schedule.reduce((t, s) => t + s.fees, 0);
    expect(received).toBe(100_000);
    expect(fees).toBeGreaterThan(0);

    const { on: disbursedAt } = await one<{ on: Date }>(`select occurred_at as on from loan_events where loan_id = ? and type = 'disbursement.paid_out'`, [loanId]);
    const since = formatDate(toIsoDate(new Date(disbursedAt).getTime()), 'en');
    expect(rows(notice.text)).toEqual({
      [`As of ${since}, you owed:`]: money(lent),
      'You were charged this amount in interest:': `+ ${money(interest)}`,
      'You were charged this amount in fees:': `+ ${money(fees)}`,
      'You paid or were credited this amount toward the debt:': `– ${money(received)}`,
      // Counted from the ledger's balances: the receivable, the interest and fees charged and not yet paid, less credit.
      'Total amount of the debt now:': money(receivable + (interest - interestPaid) + (fees - feesPaid) - advances),
    });
    expect(lent + interest + fees - received).toBe(receivable + (interest - interestPaid) + (fees - feesPaid) - advances);

    // The period runs from the first message that gave the validation information (us.reg-f.1006.34),
    // found here from the contact log as the repository reads it, not by the notice's query. This
    // borrower is in India: the episode's texts carry the RBI identity disclosure and no Reg F one,
    // so no period has started and the notice says it runs from its own receipt.
    const deliveries = new ContactDeliveryRepository(h.t.orm.em.fork());
    const keys = await sql<{ delivery_key: string }>(`select delivery_key from contact_deliveries where loan_id = ?`, [loanId]);
    const logged = await Promise.all(keys.map((k) => deliveries.find(k.delivery_key)));
    const texts = logged.filter((d) => d?.sentAt && d.channel === 'sms');
    expect(texts.length).toBeGreaterThan(0);
    expect(texts.every((d) => d!.disclosures.includes('in.rbi.identity'))).toBe(true);
    expect(logged.filter((d) => d?.sentAt && d.disclosures.includes('us.reg-f.1006.34'))).toEqual([]);
    expect(notice.text).toContain('Call or write to us within 30 days after you receive this notice, to dispute all or part of the debt.');
    expect(notice.text).toContain('Credence Collections is a debt collector. We are trying to collect a debt that you owe to Credence Finance.');
    // The debt collector as 1006.34(c)(1) identifies it: name and mailing address, with the number to call and its hours (settings; development placeholders here).
    const { collector } = h.t.config.recovery;
    expect(collector.mailingAddress).toContain('(development default)');
    expect(notice.text).toContain(`<address>${collector.legalName}<br>${collector.mailingAddress}</address>`);
    expect(notice.text).toContain(`Call us at ${collector.phone}, ${collector.hours}.`);
    expect(notice.text).toContain('www.cfpb.gov/debt-collection');
    // The name it is addressed to, and no other personal detail.
    expect(notice.text).toContain('To: Priya Sharma');
    for (const detail of ['+919820011001', 'priya.sharma@example.com', 'Carter Road', '400050']) expect(notice.text).not.toContain(detail);
  });

  it('a dispute posted from the notice pauses the episode as a disputing reply does, once however often it is posted; the original creditor asked for with it is the lender, answered at once', async () => {
    const reference = referenceOf((await page(noticeLink())).text);
    const refused = await post(noticeLink(), { reference });
    expect(refused.status).toBe(400);
    expect((JSON.parse(refused.text) as Problem).errors?.map((e) => e.field)).toEqual(['reason']);

    for (let i = 0; i < 2; i++) {
      const recorded = await post(noticeLink(), { notMine: 'yes', originalCreditor: 'yes', reference });
      expect(recorded.status).toBe(200);
      expect(recorded.text).toContain('We have recorded your dispute.');
      expect(recorded.text).toContain('We have recorded your request for the name and address of the original creditor.');
    }
    // A loan the lender made here: its original creditor is the lender, and the answer goes through the gate (its hours, not the dispute's pause) at once.
    const c = await untilCase(h, episode, (d) => d.stage === 'paused' && kinds(d).includes('original_creditor_provided'), 'the pause and the answer', { ms: 60_000, advance: '1 hour' });
    expect(kinds(c)).toEqual(expect.arrayContaining(['reply', 'dispute_opened', 'paused', 'original_creditor_requested', 'original_creditor_provided']));
    expect(c.timeline.filter((e) => e.kind === 'reply').map((e) => e.data)).toEqual([expect.objectContaining({ channel: 'sms', intent: 'dispute' })]);
    const answer = sent(c).find((e) => e.data.template === 'original_creditor_answer')!;
    expect(answer.data).toMatchObject({ channel: 'email', purpose: 'original_creditor' });
    expect(c.timeline.find((e) => e.kind === 'original_creditor_provided')!.data).toMatchObject({ creditor: 'lender', deliveryKey: answer.data.deliveryKey });
    const { lenderName, lenderAddress } = h.t.config.recovery;
    expect((await emailSent(h, String(answer.data.deliveryKey))).text).toContain(`The original creditor is:\n${lenderName}\n${lenderAddress}`);
    const creditor = await h.call<{ source: string; name: string; request: { open: boolean; providedAt: string | null } }>('GET', `/v1/loans/${loanId}/original-creditor`);
    expect(creditor.body).toMatchObject({ source: 'lender', name: lenderName, request: { open: false, providedAt: expect.any(String) } });
    const inbound = await sql<{ kind: string; channel: string; outcome: string }>(`select kind, channel, outcome from contact_inbound where ? = any(select jsonb_array_elements_text(loan_ids))`, [loanId]);
    expect(inbound).toEqual([{ kind: 'notice_dispute', channel: 'web', outcome: 'signalled' }]);
    const standing = await h.call<{ dispute: { open: boolean } }>('GET', `/v1/loans/${loanId}/contact-standing`);
    expect(standing.body.dispute.open).toBe(true);
  });

  it('is in Spanish for a borrower who reads Spanish', async () => {
    const profiles = new ContactProfileRepository(h.t.orm.em.fork(), new FieldCipher(h.t.keyring), new IdentifierHasher(h.t.identifierKey));
    const profile = (await profiles.find(loanId))!;
    await profiles.upsert({ ...profile, language: 'es' });
    const notice = await page(noticeLink());
    expect(notice.text).toContain('<html lang="es">');
    expect(notice.text).toContain('Credence Collections es un cobrador de deudas.');
    expect(Object.keys(rows(notice.text))).toContain('Cantidad total de la deuda ahora:');
    expect((await page(payLink())).text).toContain('Cantidad vencida');
  });
});

describe('addresses that are not a debt', () => {
  it('answers a malformed loan ID 400 and an unknown one 404, as problem documents, on both pages', async () => {
    for (const path of ['/validation/', '/pay/']) {
      for (const [id, status] of [
        ['not-a-loan', 400],
        ['00000000-0000-0000-0000-000000000000', 400],
        ['3f1c2b4a-9d8e-4c7b-a6f5-0e1d2c3b4a59', 404],
      ] as const) {
        const res = await page(status === 404 ? signed(path === '/pay/' ? 'pay' : 'validation', id) : `${path}${id}`);
        expect([path, id, res.status]).toEqual([path, id, status]);
        expect(res.type).toMatch(/^application\/problem\+json/);
      }
      if (path === '/pay/') continue;
      const form = { notMine: 'yes', reference: '3f1c2b4a-9d8e-4c7b-a6f5-0e1d2c3b4a59' };
      expect((await post(signed('validation', '3f1c2b4a-9d8e-4c7b-a6f5-0e1d2c3b4a59'), form)).status).toBe(404);
      expect((await post(`${path}not-a-loan`, form)).status).toBe(400);
    }
  });

  it('open only for the holder of a link we sent: the loan ID alone (the reference a borrower pays with), or another loan\'s signature, is a 404 and records nothing', async () => {
    // The link the borrower's text carries is the signed one.
    const texts = await twilioMessagesTo(h, '+919820011001');
    expect(texts.some((m) => m.body.includes(`${h.t.config.twilio.publicWebhookBase}${payLink()}`))).toBe(true);
    const other = borrowerPageToken(new IdentifierHasher(h.t.identifierKey), '3f1c2b4a-9d8e-4c7b-a6f5-0e1d2c3b4a59');
    for (const path of [`/pay/${loanId}`, `/validation/${loanId}`, `/validation/${loanId}?t=${other}`, `/pay/${loanId}?t=not-hex`]) {
      const res = await page(path);
      expect([path, res.status]).toEqual([path, 404]);
      expect(res.text).not.toContain('Priya');
    }
    const before = await sql<{ n: string }>(`select count(*) as n from contact_inbound where ? = any(select jsonb_array_elements_text(loan_ids))`, [loanId]);
    const forged = await post(`/validation/${loanId}?t=${other}`, { notMine: 'yes', reference: '9b2f6c1e-4d3a-4e5f-8a7b-6c5d4e3f2a1b' });
    expect(forged.status).toBe(404);
    expect(await sql<{ n: string }>(`select count(*) as n from contact_inbound where ? = any(select jsonb_array_elements_text(loan_ids))`, [loanId])).toEqual(before);
  });
});
