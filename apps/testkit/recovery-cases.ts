// Driving recovery episodes through the API in tests and in the history recorder: a policy drafted,
// validated and activated as ops would, an episode started for a fresh loan whose contact profile
// names a given borrower, and the case read back until the timeline shows what is awaited
// (provider callbacks and replies arrive over HTTP in real time).
import { expect } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { IdentifierHasher } from '../../activities/fraud/identifier-hasher.js';
import { ContactProfileRepository } from '../../db/repositories/contact-profile.repository.js';
import { toIsoDate } from '../../domain/calendar.js';
import type { ContactLanguage } from '../../domain/application.js';
import { recoveryWorkflowId, type RecoveryInput } from '../../workflows/recovery/definitions.js';
import { FieldCipher } from '../shared/crypto/field-cipher.js';
import type { ApiHarness } from './api-harness.js';

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
  if (activate) expect((await h.call('POST', `/v1/policies/recovery/${version}/activate`, { by: `ops.${author}` })).status).toBe(200);
  return version;
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

/** An episode started directly for a fresh loan in India, 20 days past due, whose contact profile is `borrower`. */
export async function startTestEpisode(h: ApiHarness, borrower: EpisodeBorrower, extra: Pick<RecoveryInput, 'historyLimit'> = {}, overdueMinor = 1_450_000): Promise<{ loanId: string; workflowId: string }> {
  const loanId = randomUUID();
  const profiles = new ContactProfileRepository(h.t.orm.em.fork(), new FieldCipher(h.t.keyring), new IdentifierHasher(h.t.identifierKey));
  await profiles.upsert({ loanId, name: borrower.name, phone: borrower.phone, email: borrower.email, language: borrower.language ?? 'en', country: 'IN', timeZone: 'Asia/Kolkata', consents: { contact: true, automatedContact: true } });
  const today = toIsoDate(Date.now());
  const input: RecoveryInput = {
    loanId,
    episode: 1,
    currency: 'INR',
    product: 'personal-loan',
    country: 'IN',
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
