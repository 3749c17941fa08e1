// Driving recovery episodes through the API in tests and in the history recorder: a policy drafted,
// validated and activated as ops would, an episode started for a fresh loan whose contact profile
// names a given borrower, and the case read back until the timeline shows what is awaited
// (provider callbacks and replies arrive over HTTP in real time).
import { expect } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { IdentifierHasher } from '../../activities/fraud/identifier-hasher.js';
import { ContactProfileRepository } from '../../db/repositories/contact-profile.repository.js';
import { addDays, isoDateToEpochMs, toIsoDate } from '../../domain/calendar.js';
import type { LoanSnapshot } from '../../domain/loan-view.js';
import type { ContactLanguage } from '../../domain/application.js';
import { accountSignal, recoveryStateQuery, recoveryWorkflowId, type RecoveryAccount, type RecoveryInput } from '../../workflows/recovery/definitions.js';
import { FieldCipher } from '../shared/crypto/field-cipher.js';
import type { ApiHarness } from './api-harness.js';
import { application } from './applications.js';
import { authAs } from './tokens.js';
import { importRow } from './imported-loans.js';
import { importedLoanId } from '../api/portfolio/loan-id-for.js';
import { LobChannel, type LetterView } from '../../adapters/lob/lob-channel.js';

export type TimelineEntry = { kind: string; policyVersion: number | null; ruleId: string | null; data: Record<string, unknown> };
export type CaseDetail = {
  status: string;
  stage: string;
  endReason: string | null;
  recoveredMinor: number;
  timeline: TimelineEntry[];
  case: { caseId: string; assigneeId: string | null } | null;
};

export const kinds = (c: CaseDetail) => c.timeline.map((e) => e.kind);
export const sent = (c: CaseDetail) => c.timeline.filter((e) => e.kind === 'contact_sent');

/** A policy drafted and validated through the API; activated unless it is an experiment's challenger. */
export async function submitPolicy(h: ApiHarness, yaml: string, { author = 'test', activate = true } = {}): Promise<number> {
  const draft = await h.call<{ version: number }>('POST', `/v1/policies/recovery?author=${author}`, yaml, { 'content-type': 'application/yaml' });
  expect(draft.status).toBe(201);
  const { version } = draft.body;
  expect((await h.call('POST', `/v1/policies/recovery/${version}/validate`)).status).toBe(200);
  if (activate) await activatePolicy(h.base, version);
  return version;
}

/**
 * A version activated as people do it: asked for by the admin demo user, approved by the ops demo
 * user (maker-checker: the one who asks cannot approve). Answers the approval as applied.
 */
export async function activatePolicy(base: string, version: number): Promise<{ id: string; status: string; outcome: Record<string, unknown> | null }> {
  return approveAsOps(base, await send(base, 'admin', 'POST', `/v1/policies/recovery/${version}/activate`));
}

/** An experiment's challenger promoted as people do it: asked for by admin, approved by ops. */
export async function promoteExperiment(base: string, experimentId: string): Promise<{ id: string; status: string; outcome: Record<string, unknown> | null }> {
  return approveAsOps(base, await send(base, 'admin', 'POST', `/v1/policies/recovery/experiments/${experimentId}/promote`));
}

async function approveAsOps(base: string, requested: { status: number; body: { id: string } }) {
  expect(requested.status).toBe(202);
  const approved = await send(base, 'ops', 'POST', `/v1/approvals/${requested.body.id}/approve`);
  expect(approved).toMatchObject({ status: 200, body: { status: 'applied' } });
  return approved.body as { id: string; status: string; outcome: Record<string, unknown> | null };
}

async function send(base: string, role: 'admin' | 'ops', method: string, path: string): Promise<{ status: number; body: { id: string } & Record<string, unknown> }> {
  const res = await fetch(`${base}${path}`, { method, headers: await authAs(role) });
  const text = await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : undefined) as { id: string } & Record<string, unknown> };
}

const HOUR_MS = 3_600_000;
const IST_OFFSET_MS = 19_800_000;

/**
 * Moves workflow time to the next 09:00 in India unless it is already between 09:00 and 16:00
 * there: the borrowers are Indian, and the gate holds a contact outside 08:00-19:00 IST until the
 * morning (a test that ran in the evening would otherwise wait for it in real time).
 */
export async function duringIndianHours(h: ApiHarness): Promise<void> {
  const now = await h.t.env.currentTimeMs();
  const intoDay = (now + IST_OFFSET_MS) % (24 * HOUR_MS);
  if (intoDay >= 9 * HOUR_MS && intoDay < 16 * HOUR_MS) return;
  await h.t.env.sleep((9 * HOUR_MS - intoDay + 24 * HOUR_MS) % (24 * HOUR_MS));
}

export interface EpisodeBorrower {
  name: string;
  phone: string;
  email: string;
  language?: ContactLanguage;
}

/**
 * Moves workflow time to the next 10:00 in New York unless it is already between 10:00 and 16:00
 * there (in winter; 11:00-17:00 in summer): inside Reg F's 08:00-21:00 for a US borrower in that zone.
 */
export async function duringNewYorkHours(h: ApiHarness): Promise<void> {
  const now = await h.t.env.currentTimeMs();
  const intoDay = (now - NEW_YORK_WINTER_OFFSET_MS + 24 * HOUR_MS) % (24 * HOUR_MS);
  if (intoDay >= 10 * HOUR_MS && intoDay < 16 * HOUR_MS) return;
  await h.t.env.sleep((10 * HOUR_MS - intoDay + 24 * HOUR_MS) % (24 * HOUR_MS));
}

const NEW_YORK_WINTER_OFFSET_MS = 5 * HOUR_MS;

/** Where a test borrower lives: India unless a test says otherwise. */
export interface EpisodePlace {
  country: string;
  timeZone: string;
  currency: string;
}

export const IN_INDIA: EpisodePlace = { country: 'IN', timeZone: 'Asia/Kolkata', currency: 'INR' };
export const IN_NEW_YORK: EpisodePlace = { country: 'US', timeZone: 'America/New_York', currency: 'USD' };

/** An episode started directly for a fresh loan (in India unless `place` says otherwise), 20 days past due, whose contact profile is `borrower`. */
export async function startTestEpisode(
  h: ApiHarness,
  borrower: EpisodeBorrower,
  extra: Pick<RecoveryInput, 'historyLimit'> = {},
  overdueMinor = 1_450_000,
  place: EpisodePlace = IN_INDIA,
): Promise<{ loanId: string; workflowId: string }> {
  const loanId = randomUUID();
  const profiles = new ContactProfileRepository(h.t.orm.em.fork(), new FieldCipher(h.t.keyring), new IdentifierHasher(h.t.identifierKey));
  await profiles.upsert({ loanId, name: borrower.name, phone: borrower.phone, email: borrower.email, language: borrower.language ?? 'en', country: place.country, timeZone: place.timeZone, consents: { contact: true, automatedContact: true } });
  const today = toIsoDate(Date.now());
  const input: RecoveryInput = {
    loanId,
    episode: 1,
    currency: place.currency,
    product: 'personal-loan',
    country: place.country,
    account: { bucket: '16-30', dpd: 20, outstandingMinor: overdueMinor * 6, overdueMinor, oldestDueOn: today, on: today },
    segment: 'reminder',
    propensityBand: 'medium',
    ...extra,
  };
  const workflowId = recoveryWorkflowId(loanId, 1);
  await h.t.env.client.workflow.start('recoveryWorkflow', { taskQueue: h.t.config.temporal.taskQueue, workflowId, args: [input] });
  return { loanId, workflowId };
}

/** What the Twilio sandbox holds for a number, asked as any client would: newest first. */
export async function twilioMessagesTo(h: ApiHarness, to: string): Promise<{ sid: string; to: string; body: string; status: string }[]> {
  const { twilio } = h.t.config;
  const list = await fetch(`${twilio.url}/2010-04-01/Accounts/${twilio.accountSid}/Messages.json?To=${encodeURIComponent(to)}`, {
    headers: { authorization: `Basic ${Buffer.from(`${twilio.accountSid}:${twilio.authToken}`).toString('base64')}` },
  });
  expect(list.status).toBe(200);
  return ((await list.json()) as { messages: { sid: string; to: string; body: string; status: string }[] }).messages;
}

export async function caseDetail(h: ApiHarness, workflowId: string): Promise<CaseDetail> {
  const answer = await h.call<CaseDetail>('GET', `/v1/recovery/cases/${workflowId}`);
  expect(answer.status).toBe(200);
  return answer.body;
}

/**
 * Polls the case until `seen` holds. With `advance`, workflow time moves on by that much whenever a
 * few seconds pass with nothing new (a contact the gate held until the borrower's morning goes out then).
 */
export async function untilCase(h: ApiHarness, workflowId: string, seen: (c: CaseDetail) => boolean, what: string, { ms = 30_000, advance }: { ms?: number; advance?: string } = {}): Promise<CaseDetail> {
  const deadline = Date.now() + ms;
  let idleSince = Date.now();
  for (;;) {
    const c = await h.call<CaseDetail>('GET', `/v1/recovery/cases/${workflowId}`);
    if (c.status === 200 && seen(c.body)) return c.body;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; timeline: ${c.status === 200 ? kinds(c.body).join(', ') : c.status}`);
    if (advance && Date.now() - idleSince > 3_000) {
      await h.t.env.sleep(advance);
      idleSince = Date.now();
    }
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** The account the episode holds now, the one its next message quotes: asked of the workflow itself. */
export async function episodeAccount(h: ApiHarness, workflowId: string): Promise<RecoveryAccount> {
  return (await h.t.env.client.workflow.getHandle(workflowId).query(recoveryStateQuery)).account;
}

/** How many times the loan told the episode the account on its own (a payment carries it too, in paymentApplied). */
export async function accountSignalsReceived(h: ApiHarness, workflowId: string): Promise<number> {
  const history = await h.t.env.client.workflow.getHandle(workflowId).fetchHistory();
  return (history.events ?? []).filter((e) => e.workflowExecutionSignaledEventAttributes?.signalName === accountSignal.name).length;
}

/** The email the SendGrid sandbox took for a contact, found by the delivery key our adapter sends as a custom argument. */
export async function emailSent(h: ApiHarness, deliveryKey: string): Promise<{ to: string; subject: string; text: string | null }> {
  const res = await fetch(`${h.t.config.sendgrid.url}/_sandbox/activity`);
  expect(res.status).toBe(200);
  const { mails } = (await res.json()) as { mails: { to: string; subject: string; text: string | null; customArgs: Record<string, string> }[] };
  const mail = mails.find((m) => m.customArgs.delivery_key === deliveryKey);
  if (!mail) throw new Error(`the SendGrid sandbox holds no email for delivery ${deliveryKey}`);
  return { to: mail.to, subject: mail.subject, text: mail.text };
}

/** The text the Twilio sandbox holds for a contact, found by its delivery key, asked as any Twilio client would. */
export async function textSent(h: ApiHarness, deliveryKey: string): Promise<string> {
  const [row] = await h.t.orm.em.fork().execute<{ external_id: string | null }[]>(`select external_id from contact_deliveries where delivery_key = ?`, [deliveryKey]);
  expect(row?.external_id).toMatch(/^SM/);
  const { twilio } = h.t.config;
  const res = await fetch(`${twilio.url}/2010-04-01/Accounts/${twilio.accountSid}/Messages/${row!.external_id!}.json`, {
    headers: { authorization: `Basic ${Buffer.from(`${twilio.accountSid}:${twilio.authToken}`).toString('base64')}` },
  });
  expect(res.status).toBe(200);
  return ((await res.json()) as { body: string }).body;
}

/**
 * A real loan (six months, no autopay) that misses its first instalment: time moves on to 08:30 in
 * India the day after it fell due, when the loan is 1 day past due and its episode has started.
 */
export async function loanIntoArrears(h: ApiHarness, whileCurrent?: (loanId: string) => Promise<void>): Promise<{ loanId: string; workflowId: string; active: LoanSnapshot }> {
  const { t } = h;
  const loanId = await t.startLoan(application('approved', { loan: { termMonths: 6 }, consents: { autopay: false } }));
  await t.loans.awaitDecision(loanId);
  const active = await t.loans.acceptOffer(loanId);
  // What a test changes before the episode starts (the borrower's profile, say).
  await whileCurrent?.(loanId);
  const dayAfter = isoDateToEpochMs(addDays(active.schedule![0]!.dueDate, 1));
  await t.env.sleep(dayAfter + 3 * 3_600_000 - (await t.env.currentTimeMs()));
  return { loanId, workflowId: recoveryWorkflowId(loanId, 1), active };
}

/** Asks the episode for its account until `seen` holds (the loan tells it by signal, in its own time). */
export async function untilAccount(h: ApiHarness, workflowId: string, seen: (a: RecoveryAccount) => boolean, what: string, ms = 30_000): Promise<RecoveryAccount> {
  const deadline = Date.now() + ms;
  for (;;) {
    const account = await episodeAccount(h, workflowId).catch(() => null);
    if (account && seen(account)) return account;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; the episode holds ${JSON.stringify(account)}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** A borrower in Chicago with no consent to automated texts: in the US, only email and letters reach them. */
export const CHICAGO_BORROWER = {
  firstName: 'Michael',
  lastName: 'Brown',
  phone: '+13125550100',
  address: { line1: '233 S Wacker Drive', city: 'Chicago', region: 'IL', postalCode: '60606', country: 'US' },
  timeZone: 'America/Chicago',
};

/**
 * A US loan imported through the API (POST /v1/portfolio/imports) 75 days after it was disbursed
 * with nothing paid: delinquent at once, its episode started by the loan. The borrower gave no
 * consent to automated texts; `email` is theirs (the test decides what becomes of it), and
 * `line1` the first line of their Chicago address (a Lob sandbox test address gives it a fate).
 */
export async function importUsLoanInArrears(h: ApiHarness, email: string, line1 = CHICAGO_BORROWER.address.line1): Promise<{ loanId: string; workflowId: string }> {
  const today = toIsoDate(Date.now());
  const row = importRow(today, 75, {
    borrower: { ...CHICAGO_BORROWER, address: { ...CHICAGO_BORROWER.address, line1 }, email, dateOfBirth: '1984-07-19', nationalId: '123-45-6789', language: 'en' },
    currency: 'USD',
    principal: 150_000,
    aprBps: 2399,
    consents: { contact: true, automatedContact: false, autopay: false },
  });
  const answer = await h.call<{ imported: number; rejected: unknown[] }>('POST', '/v1/portfolio/imports', { loans: [row] });
  expect(answer.status).toBe(201);
  expect(answer.body).toMatchObject({ imported: 1, rejected: [] });
  const loanId = importedLoanId(String(row.lenderReference));
  return { loanId, workflowId: recoveryWorkflowId(loanId, 1) };
}

/** The letter the Lob sandbox made for a contact, asked for as any Lob client would (GET /v1/letters/:id), and the HTML it prints. */
export async function letterSent(h: ApiHarness, deliveryKey: string): Promise<{ letter: LetterView; html: string }> {
  const [row] = await h.t.orm.em.fork().execute<{ external_id: string | null }[]>(`select external_id from contact_deliveries where delivery_key = ?`, [deliveryKey]);
  expect(row?.external_id).toMatch(/^ltr_/);
  const letter = await new LobChannel(h.t.config.lob).get(row!.external_id!);
  const res = await fetch(`${h.t.config.lob.url}/_sandbox/activity`);
  const { letters } = (await res.json()) as { letters: { letter: { id: string }; file: string }[] };
  return { letter, html: letters.find((l) => l.letter.id === letter.id)!.file };
}
