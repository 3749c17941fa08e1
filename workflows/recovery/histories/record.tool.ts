// `npm run histories:record`: runs each recovery scenario through the API on the time-skipping
// server, as recovery.test.ts drives episodes (policies activated through the API, contact
// profiles naming the sandboxes' scripted borrowers, who reply through the API's webhooks), and
// writes the episode's history (every run of it, when it continued as new) to this folder. The
// replay test holds every later change of the workflow code to these, so recordings are kept: a
// scenario whose files exist is not run again; to re-record one deliberately, delete its files or
// name it (RECORD=recovery-cured npm run histories:record). Each scenario ends its workflows (the
// episode's end, or the loan's own close) so the histories are complete, and checks what the
// episode's timeline must show before it saves anything: a broken run is never recorded.
import { afterAll, afterEach, beforeAll, expect, it } from '@jest/globals';
import { Client } from '@temporalio/client';
import { existsSync } from 'node:fs';
import { IdentifierHasher } from '../../../activities/fraud/identifier-hasher.js';
import { verifyDispute } from '../../../activities/recovery-contact/verify-dispute.js';
import { RECOVERY_BORROWERS } from '../../../apps/sandboxes/recovery-borrowers.js';
import { FieldCipher } from '../../../apps/shared/crypto/field-cipher.js';
import { TemporalRecoveryNotifier } from '../../../apps/shared/temporal/recovery-notifier.js';
import { startApiHarness, type ApiHarness } from '../../../apps/testkit/api-harness.js';
import { authAsUser } from '../../../apps/testkit/tokens.js';
import { accountSignalsReceived, caseDetail, duringNewYorkHours, importUsLoanInArrears, IN_NEW_YORK, kinds, letterSent, loanIntoArrears, sent, startTestEpisode, submitPolicy, textSent, untilAccount, untilCase, type CaseDetail } from '../../../apps/testkit/recovery-cases.js';
import { ContactProfileRepository } from '../../../db/repositories/contact-profile.repository.js';
import { RecoveryInbox } from '../../../activities/recovery-contact/recovery-inbox.js';
import { NOTICES_BY_LETTER, ORIGINAL_CREDITOR_REQUESTS, VALIDATION_AFTER_CALL } from '../required-notices.js';
import { application } from '../../../apps/testkit/applications.js';
import { addDays, toIsoDate } from '../../../domain/calendar.js';
import { evenPlan } from '../../../domain/arrangement-schedule.js';
import { RECOVERY_ARRANGEMENT_BROKEN } from '../handlers.js';
import { formatMoney } from '../../../domain/money.js';
import { loanWorkflowId } from '../../../domain/loan-id.js';
import { FIXTURE_KEYRING } from '../../loan/histories/fixture-keyring.js';
import { fetchRuns, patchIds, writeRuns } from '../../loan/histories/history-files.js';
import { CONTACT_PROFILE_AT_ACTIVATION } from '../../loan/contact-profile.js';
import { RECOVERY_ACCOUNT_KEPT_CURRENT, RECOVERY_EPISODES, RECOVERY_EPISODE_STARTED_BY_ACTIVITY } from '../../loan/recovery-episode.js';
import { EpisodeSignalOutbox } from '../../../db/repositories/episode-signal-outbox.repository.js';
import { CONTACT_HEARTBEAT, DRAFTED_SENDS } from '../activities.js';
import { CASE_SIGNALS_APPLIED_ONCE } from '../applied-signals.js';
import { caseOutcomeSignal, caseTouchedSignal, episodeEndedSignal, recoveryWorkflowId, type EpisodeEnd, type RecoveryInput } from '../definitions.js';

const HERE = new URL('.', import.meta.url);
const DAY_MS = 86_400_000;
/** 22:00 in Asia/Kolkata is 16:30 UTC. */
const KOLKATA_22H_UTC_MS = (16 * 60 + 30) * 60_000;
const LOAN_HISTORIES = new URL('../../loan/histories/', import.meta.url);

let h: ApiHarness;
/** Workflows a scenario started and did not end: terminated before the next one (a failed scenario is not saved). */
const running = new Set<string>();

beforeAll(async () => {
  h = await startApiHarness({ server: 'time-skipping', keyring: FIXTURE_KEYRING });
  for (const id of ['col-asha', 'col-bilal']) {
    const saved = await h.call('PUT', `/v1/recovery/assignees/${id}`, { name: id, kind: 'collector', skills: ['negotiation'], capacity: 10 });
    expect(saved.status).toBe(200);
  }
});

afterEach(async () => {
  for (const id of running) await h.t.env.client.workflow.getHandle(id).terminate('scenario failed').catch(() => undefined);
  running.clear();
});

afterAll(async () => {
  await h?.close();
});

const raw = () => new Client({ connection: h.t.env.connection, namespace: h.t.env.namespace ?? 'default' });
const policy = (yaml: string, { activate = true } = {}) => submitPolicy(h, yaml, { author: 'recorder', activate });
const detail = (workflowId: string) => caseDetail(h, workflowId);
const until = (workflowId: string, seen: (c: CaseDetail) => boolean, what: string, advance?: string) => untilCase(h, workflowId, seen, what, { ms: 120_000, ...(advance ? { advance } : {}) });

/** Someone the sandboxes deliver to and who never answers. */
const QUIET = { key: 'quiet', name: 'Test Borrower', phone: '+919000000150', email: 'quiet.borrower@example.com' };

/** Someone in New York the sandboxes deliver to and who never answers. */
const QUIET_US = { name: 'Dana Whitfield', phone: '+12125550150', email: 'dana.whitfield@example.com' };

/** An episode for QUIET_US, during New York's day, 20 days past due. */
async function startUsEpisode(): Promise<{ loanId: string; workflowId: string }> {
  await duringNewYorkHours(h);
  const started = await startTestEpisode(h, QUIET_US, {}, 45_000, IN_NEW_YORK);
  running.add(started.workflowId);
  return started;
}

/** An episode for a fresh loan whose borrower is the sandbox's `key` (or QUIET), in India, 20 days past due. */
async function startEpisode(key: string, extra: Pick<RecoveryInput, 'historyLimit'> = {}): Promise<{ loanId: string; workflowId: string }> {
  const borrower = key === QUIET.key ? QUIET : RECOVERY_BORROWERS.find((b) => b.key === key)!;
  const started = await startTestEpisode(h, borrower, extra);
  running.add(started.workflowId);
  return started;
}

/** Ends the episode as the loan would, and waits for the workflow to complete. */
async function end(workflowId: string, reason: EpisodeEnd): Promise<CaseDetail> {
  const handle = h.t.env.client.workflow.getHandle(workflowId);
  await handle.signal(episodeEndedSignal, { reason, on: toIsoDate(await h.t.env.currentTimeMs()) });
  expect(await handle.result()).toMatchObject({ ended: reason });
  running.delete(workflowId);
  const c = await until(workflowId, (d) => d.status === 'ended', 'the ended episode in the read model');
  expect(c.endReason).toBe(reason);
  expect(kinds(c).at(-1)).toBe('episode_ended');
  return c;
}

async function save(name: string, workflowId: string, folder = HERE): Promise<void> {
  writeRuns(folder, name, await fetchRuns(raw(), workflowId));
}

/** Each scenario drives its episode to the end and saves it; it runs only when its recording is missing. */
const SCENARIOS: Record<string, { files: URL[]; record: () => Promise<void> }> = {
  // A real loan falls into arrears, its episode texts, a payment cures it; then the loan is paid
  // off so its history is complete too (the loan's `delinquent-recovery-cured`: the
  // contact-profile-at-activation, recovery-episodes and recovery-episode-started-by-activity patches).
  'recovery-cured': {
    files: [new URL('./recovery-cured.run1.json', HERE), new URL('./delinquent-recovery-cured.run1.json', LOAN_HISTORIES)],
    async record() {
      await policy(`
name: cure-path
settings: { weeklyCaps: { sms: 3, email: 3 }, fallback: { sms: [email] }, promiseToleranceBps: 100, promiseMaxDays: 30 }
rules:
  - id: main
    when: {}
    path:
      - send: { channel: sms, template: reminder }
      - wait: { days: 30, until: [paid] }
`);
      const { t } = h;
      const loanId = await t.startLoan(application('approved', { loan: { termMonths: 6 }, consents: { autopay: false } }));
      running.add(loanWorkflowId(loanId));
      await t.loans.awaitDecision(loanId);
      const active = await t.loans.acceptOffer(loanId);
      await t.env.sleep('40 days');
      const workflowId = recoveryWorkflowId(loanId, 1);
      running.add(workflowId);
      await until(workflowId, (d) => d.status === 'running' && sent(d).length > 0, 'the episode and its first contact', '1 hour');
      expect((await t.loans.state(loanId)).status).toBe('delinquent');
      const amount = active.schedule![0]!.amountDue + (t.product.lateFee[active.currency] ?? 0);
      const paid = await t.loans.recordPayment(loanId, { externalId: `cure-${loanId}`, amount, currency: active.currency, source: 'api' });
      expect(paid.status).toBe('active');
      const c = await until(workflowId, (d) => d.status === 'ended', 'the cure');
      running.delete(workflowId);
      expect(c.endReason).toBe('cured');
      expect(c.recoveredMinor).toBe(amount);
      expect(kinds(c)).toEqual(expect.arrayContaining(['episode_started', 'path_chosen', 'contact_sent', 'payment_received', 'episode_ended']));

      const { quote } = await t.loans.payoffQuote(loanId, toIsoDate(await t.env.currentTimeMs()));
      await t.loans.recordPayment(loanId, { externalId: `payoff-${loanId}`, amount: quote!.total, currency: active.currency, source: 'api' });
      expect(await t.loans.handle(loanId).result()).toMatchObject({ status: 'paid_off' });
      running.delete(loanWorkflowId(loanId));
      const loanRuns = await fetchRuns(raw(), loanWorkflowId(loanId));
      expect(loanRuns.flatMap(patchIds)).toEqual(expect.arrayContaining([CONTACT_PROFILE_AT_ACTIVATION, RECOVERY_EPISODES, RECOVERY_EPISODE_STARTED_BY_ACTIVITY]));
      await save('recovery-cured', workflowId);
      writeRuns(LOAN_HISTORIES, 'delinquent-recovery-cured', loanRuns);
    },
  },

  // A real loan falls into arrears; 5 days past due its late fee is assessed, inside the first
  // delinquent bucket, and the loan tells the episode (the loan's `delinquent-late-fee-told`: the
  // recovery-account-kept-current patch); the text 7 days in quotes the instalment with the fee.
  // A payment cures it, and the loan is paid off so its history is complete.
  'recovery-late-fee-told': {
    files: [new URL('./recovery-late-fee-told.run1.json', HERE), new URL('./delinquent-late-fee-told.run1.json', LOAN_HISTORIES)],
    async record() {
      await policy(`
name: fee-told
settings: { weeklyCaps: { sms: 3 }, fallback: {}, promiseToleranceBps: 100, promiseMaxDays: 30 }
rules:
  - id: main
    when: {}
    path:
      - wait: { days: 7, until: [paid] }
      - send: { channel: sms, template: reminder }
      - wait: { days: 30, until: [paid] }
`);
      const { t } = h;
      const { loanId, workflowId, active } = await loanIntoArrears(h);
      running.add(loanWorkflowId(loanId));
      running.add(workflowId);
      const instalment = active.schedule![0]!;
      const due = instalment.amountDue + (t.product.lateFee[active.currency] ?? 0);
      await until(workflowId, (d) => d.status === 'running', 'the episode');
      await t.env.sleep('5 days');
      await untilAccount(h, workflowId, (a) => a.overdueMinor === due && a.bucket === '1-15', 'the account with the late fee');
      await t.env.sleep('2 days');
      const texted = await until(workflowId, (d) => sent(d).length === 1, 'the text', '1 hour');
      expect(await textSent(h, String(sent(texted)[0]!.data.deliveryKey))).toContain(`your payment of ${formatMoney({ amount: due, currency: active.currency })} was due`);
      expect(await accountSignalsReceived(h, workflowId)).toBe(1);
      const paid = await t.loans.recordPayment(loanId, { externalId: `cure-${loanId}`, amount: due, currency: active.currency, source: 'api' });
      expect(paid.status).toBe('active');
      const c = await until(workflowId, (d) => d.status === 'ended', 'the cure');
      running.delete(workflowId);
      expect(c.endReason).toBe('cured');
      expect(c.recoveredMinor).toBe(due);

      const { quote } = await t.loans.payoffQuote(loanId, toIsoDate(await t.env.currentTimeMs()));
      await t.loans.recordPayment(loanId, { externalId: `payoff-${loanId}`, amount: quote!.total, currency: active.currency, source: 'api' });
      expect(await t.loans.handle(loanId).result()).toMatchObject({ status: 'paid_off' });
      running.delete(loanWorkflowId(loanId));
      const loanRuns = await fetchRuns(raw(), loanWorkflowId(loanId));
      expect(loanRuns.flatMap(patchIds)).toEqual(expect.arrayContaining([RECOVERY_EPISODES, RECOVERY_EPISODE_STARTED_BY_ACTIVITY, RECOVERY_ACCOUNT_KEPT_CURRENT]));
      await save('recovery-late-fee-told', workflowId);
      writeRuns(LOAN_HISTORIES, 'delinquent-late-fee-told', loanRuns);
    },
  },

  // A loan in arrears takes a plan (its cure leaves the episode open, its contacts held); the plan's
  // first instalment goes unpaid past its grace, the loan tells the episode (arrangementBroken),
  // which counts a broken promise and chooses its broken-promise rule; then the loan is written off.
  'recovery-arrangement-broken': {
    files: [new URL('./recovery-arrangement-broken.run1.json', HERE)],
    async record() {
      await policy(`
name: arrangement-broken
settings: { weeklyCaps: { sms: 3 }, fallback: {}, promiseToleranceBps: 0, promiseMaxDays: 30 }
rules:
  - id: broken
    when: { events: [promise_broken] }
    path:
      - wait: { days: 30, until: [paid] }
  - id: main
    when: {}
    path:
      - wait: { days: 60, until: [paid] }
`);
      const { t } = h;
      const { loanId, workflowId } = await loanIntoArrears(h);
      running.add(loanWorkflowId(loanId));
      running.add(workflowId);
      await until(workflowId, (d) => d.timeline.some((e) => e.kind === 'path_chosen'), 'the episode');
      const today = toIsoDate(await t.env.currentTimeMs());
      const { quote } = await t.loans.payoffQuote(loanId, today);
      const instalments = evenPlan(quote!.total, 2, addDays(today, 7));
      const approval = { proposedBy: 'col-asha', approvedBy: 'ops-recorder' };
      const applied = await t.loans.applyArrangement(loanId, { arrangementId: `plan-${loanId}`, terms: { kind: 'plan', instalments }, ...approval });
      expect(applied.status).toBe('active');
      await t.env.sleep('10 days');
      const c = await until(workflowId, (d) => d.timeline.some((e) => e.kind === 'path_chosen' && e.ruleId === 'broken'), 'the broken-promise rule');
      expect(c.timeline.find((e) => e.kind === 'arrangement_broken')?.data).toMatchObject({ arrangementId: `plan-${loanId}`, paidMinor: 0 });
      const written = await t.loans.writeOff(loanId, { writeOffId: `wo-${loanId}`, reason: 'plan broken', ...approval });
      expect(written.status).toBe('charged_off');
      running.delete(loanWorkflowId(loanId));
      const ended = await until(workflowId, (d) => d.status === 'ended', 'the end');
      running.delete(workflowId);
      expect(ended.endReason).toBe('charged_off');
      const runs = await fetchRuns(raw(), workflowId);
      expect(runs.flatMap(patchIds)).toContain(RECOVERY_ARRANGEMENT_BROKEN);
      await save('recovery-arrangement-broken', workflowId);
    },
  },

  // SMS, a call whose borrower presses 1 (a promise), nothing paid: broken, handed off, the SLA
  // lapses and the case goes to someone else; then the loan is charged off.
  'recovery-promise-broken-handoff-sla': {
    files: [new URL('./recovery-promise-broken-handoff-sla.run1.json', HERE)],
    async record() {
      await policy(`
name: ivr-path
settings: { weeklyCaps: { sms: 3, voice: 4, email: 3, whatsapp: 3 }, fallback: { voice: [sms] }, promiseToleranceBps: 100, promiseMaxDays: 30 }
rules:
  - id: broken
    when: { events: [promise_broken] }
    path:
      - handoff: { queue: collections, skills: [negotiation], priority: risk_x_balance }
  - id: main
    when: {}
    path:
      - send: { channel: sms, template: reminder }
      - wait: { days: 2, until: [paid, promised, replied] }
      - call: { script: reminder_call }
      - wait: { days: 20, until: [paid] }
`);
      const { workflowId } = await startEpisode('ivrPromiser');
      await until(workflowId, (c) => sent(c).length === 1, 'the first SMS', '1 hour');
      await h.t.env.sleep('2 days');
      let c = await until(workflowId, (d) => kinds(d).includes('promise_made'), 'the IVR promise', '1 hour');
      expect(sent(c).map((e) => e.data.channel)).toEqual(['sms', 'voice']);
      expect(c.timeline.find((e) => e.kind === 'reply')?.data).toMatchObject({ channel: 'voice', intent: 'promise' });
      await h.t.env.sleep('10 days');
      c = await until(workflowId, (d) => kinds(d).includes('handed_off'), 'the hand-off', '1 day');
      const first = c.case!.assigneeId;
      await h.t.env.sleep('5 days');
      c = await until(workflowId, (d) => kinds(d).includes('sla_breached'), 'the SLA breach', '1 day');
      expect(c.timeline.find((e) => e.kind === 'sla_breached')!.data.reassignedTo).not.toBe(first);
      c = await end(workflowId, 'charged_off');
      expect(c.timeline.filter((e) => e.kind === 'path_chosen').map((e) => e.ruleId)).toEqual(['main', 'broken']);
      expect(kinds(c)).toEqual(expect.arrayContaining(['reply', 'promise_made', 'promise_broken', 'handed_off', 'sla_breached', 'episode_ended']));
      await save('recovery-promise-broken-handoff-sla', workflowId);
    },
  },

  // STOP revokes SMS; the next step falls back to email.
  'recovery-stop-then-email': {
    files: [new URL('./recovery-stop-then-email.run1.json', HERE)],
    async record() {
      await policy(`
name: stop-path
settings: { weeklyCaps: { sms: 3, email: 3 }, fallback: { sms: [email] }, promiseToleranceBps: 100, promiseMaxDays: 30 }
rules:
  - id: main
    when: {}
    path:
      - send: { channel: sms, template: reminder }
      - wait: { days: 1 }
      - send: { channel: sms, template: payment_reminder }
      - wait: { days: 30 }
`);
      const { workflowId } = await startEpisode('stopper');
      await until(workflowId, (c) => kinds(c).includes('reply'), 'the STOP', '1 hour');
      await h.t.env.sleep('1 day');
      let c = await until(workflowId, (d) => sent(d).length === 2, 'the second contact', '1 hour');
      expect(sent(c).map((e) => [e.data.channel, e.data.fellBackFrom ?? null])).toEqual([
        ['sms', null],
        ['email', 'sms'],
      ]);
      c = await end(workflowId, 'paid_off');
      expect(c.timeline.find((e) => e.kind === 'reply')?.data).toMatchObject({ channel: 'sms', intent: 'stop' });
      await save('recovery-stop-then-email', workflowId);
    },
  },

  // "I don't owe this": everything pauses until the dispute is verified, then the path resumes.
  'recovery-dispute-verified': {
    files: [new URL('./recovery-dispute-verified.run1.json', HERE)],
    async record() {
      await policy(`
name: dispute-path
settings: { weeklyCaps: { sms: 7, email: 7 }, fallback: {}, promiseToleranceBps: 100, promiseMaxDays: 30 }
rules:
  - id: main
    when: {}
    path:
      - send: { channel: sms, template: reminder }
      - wait: { days: 1 }
      - send: { channel: email, template: payment_reminder }
      - wait: { days: 30 }
`);
      const { workflowId, loanId } = await startEpisode('disputer');
      await until(workflowId, (d) => kinds(d).includes('paused'), 'the pause', '1 hour');
      await h.t.env.sleep('5 days');
      let c = await detail(workflowId);
      expect(sent(c)).toHaveLength(1);
      expect(c.stage).toBe('paused');
      const verified = await verifyDispute(
        { orm: h.t.orm, cipher: new FieldCipher(h.t.keyring), hasher: new IdentifierHasher(h.t.identifierKey), notifier: new TemporalRecoveryNotifier(h.t.env.client) },
        { loanId, by: 'compliance.meera', note: 'statement and signed agreement sent', at: new Date(await h.t.env.currentTimeMs()).toISOString() },
      );
      expect(verified).toEqual({ kind: 'verified', signalled: workflowId });
      await until(workflowId, (d) => kinds(d).includes('resumed'), 'the resumption');
      await h.t.env.sleep('2 days');
      await until(workflowId, (d) => sent(d).some((e) => e.data.channel === 'email'), 'the contact after verification', '1 hour');
      c = await end(workflowId, 'cured');
      expect(kinds(c)).toEqual(expect.arrayContaining(['dispute_opened', 'paused', 'dispute_verified', 'resumed', 'episode_ended']));
      await save('recovery-dispute-verified', workflowId);
    },
  },

  // A US borrower handed to a collector before any message: the collector's conversation is the
  // first communication, and the episode sends the validation notice in writing at once (the
  // reg-f-validation-after-call patch); a second conversation finds it given and sends nothing.
  'recovery-validation-after-collector-call': {
    files: [new URL('./recovery-validation-after-collector-call.run1.json', HERE)],
    async record() {
      await policy(`
name: desk-first
settings: { weeklyCaps: { email: 3, sms: 3 }, fallback: {}, promiseToleranceBps: 100, promiseMaxDays: 30 }
rules:
  - id: main
    when: {}
    path:
      - handoff: { queue: collections, skills: [negotiation], priority: risk_x_balance }
`);
      const { workflowId } = await startUsEpisode();
      let c = await until(workflowId, (d) => kinds(d).includes('handed_off'), 'the hand-off');
      const { caseId, assigneeId } = c.case!;
      expect((await h.call('POST', `/v1/desk/cases/${caseId}/accept`, undefined, await authAsUser(assigneeId!))).status).toBe(200);
      expect((await h.call('POST', `/v1/desk/cases/${caseId}/outcomes`, { outcome: 'reached' }, { ...(await authAsUser(assigneeId!)), 'Idempotency-Key': `reached-${caseId}` })).status).toBe(200);
      await until(workflowId, (d) => sent(d).some((e) => e.data.template === 'validation_notice'), 'the validation notice', '1 hour');
      expect((await h.call('POST', `/v1/desk/cases/${caseId}/outcomes`, { outcome: 'refused' }, { ...(await authAsUser(assigneeId!)), 'Idempotency-Key': `refused-${caseId}` })).status).toBe(200);
      await until(workflowId, (d) => d.timeline.filter((e) => e.kind === 'case_outcome').length === 2, 'the second outcome');
      c = await end(workflowId, 'charged_off');
      expect(sent(c).map((e) => e.data.template)).toEqual(['validation_notice']);
      expect(kinds(c)).toEqual(expect.arrayContaining(['handed_off', 'case_outcome', 'validation_notice_due', 'contact_sent', 'episode_ended']));
      const runs = await fetchRuns(raw(), workflowId);
      expect(runs.flatMap(patchIds)).toContain(VALIDATION_AFTER_CALL);
      await save('recovery-validation-after-collector-call', workflowId);
    },
  },

  // An imported US loan whose borrower opted out of email and never consented to automated texts:
  // the collector's conversation is the first communication, and the validation notice goes by
  // letter through the Lob sandbox (the reg-f-notices-by-letter patch); a second conversation
  // finds it given; charged off.
  'recovery-validation-by-letter': {
    files: [new URL('./recovery-validation-by-letter.run1.json', HERE)],
    async record() {
      await policy(`
name: desk-first-us
settings: { weeklyCaps: { email: 3, sms: 3, letter: 1 }, fallback: {}, promiseToleranceBps: 100, promiseMaxDays: 30 }
rules:
  - id: main
    when: {}
    path:
      - handoff: { queue: collections, skills: [negotiation], priority: risk_x_balance }
`);
      const { loanId, workflowId } = await importUsLoanInArrears(h, 'michael.brown@example.com');
      running.add(loanWorkflowId(loanId));
      running.add(workflowId);
      let c = await until(workflowId, (d) => kinds(d).includes('handed_off'), 'the hand-off');
      const profiles = new ContactProfileRepository(h.t.orm.em.fork(), new FieldCipher(h.t.keyring), new IdentifierHasher(h.t.identifierKey));
      await profiles.recordStandingChange(loanId, { change: 'opt_out', channel: 'email' }, { source: 'inbound', sourceRef: null, actor: null, reason: 'unsubscribed', at: new Date().toISOString() });
      const { caseId, assigneeId } = c.case!;
      expect((await h.call('POST', `/v1/desk/cases/${caseId}/accept`, undefined, await authAsUser(assigneeId!))).status).toBe(200);
      expect((await h.call('POST', `/v1/desk/cases/${caseId}/outcomes`, { outcome: 'reached' }, { ...(await authAsUser(assigneeId!)), 'Idempotency-Key': `reached-${caseId}` })).status).toBe(200);
      c = await until(workflowId, (d) => sent(d).some((e) => e.data.template === 'validation_notice'), 'the validation notice', '1 hour');
      const notice = sent(c).find((e) => e.data.template === 'validation_notice')!;
      expect(notice.data).toMatchObject({ channel: 'letter', purpose: 'validation_notice' });
      expect((await letterSent(h, String(notice.data.deliveryKey))).html).toContain('Total amount of the debt now:');
      expect((await h.call('POST', `/v1/desk/cases/${caseId}/outcomes`, { outcome: 'refused' }, { ...(await authAsUser(assigneeId!)), 'Idempotency-Key': `refused-${caseId}` })).status).toBe(200);
      await until(workflowId, (d) => d.timeline.filter((e) => e.kind === 'case_outcome').length === 2, 'the second outcome');
      c = await end(workflowId, 'charged_off');
      expect(sent(c).map((e) => [e.data.template, e.data.channel])).toEqual([['validation_notice', 'letter']]);
      expect(kinds(c)).not.toContain('validation_notice_undeliverable');
      const runs = await fetchRuns(raw(), workflowId);
      expect(runs.flatMap(patchIds)).toEqual(expect.arrayContaining([VALIDATION_AFTER_CALL, NOTICES_BY_LETTER]));
      await save('recovery-validation-by-letter', workflowId);
    },
  },

  // A request for the original creditor from the validation notice's form: the episode pauses;
  // nobody is on record as the original creditor (the episode's loan has no record), so it waits
  // until ops record one through the API, sends the answer, and resumes (the
  // reg-f-original-creditor-requests patch).
  'recovery-original-creditor-answered': {
    files: [new URL('./recovery-original-creditor-answered.run1.json', HERE)],
    async record() {
      await policy(`
name: emails
settings: { weeklyCaps: { email: 7 }, fallback: {}, promiseToleranceBps: 100, promiseMaxDays: 30 }
rules:
  - id: main
    when: {}
    path:
      - send: { channel: email, template: reminder }
      - wait: { days: 1 }
      - send: { channel: email, template: payment_reminder }
      - wait: { days: 30 }
`);
      const { loanId, workflowId } = await startUsEpisode();
      await until(workflowId, (d) => sent(d).length === 1, 'the first email', '1 hour');
      const inbox = new RecoveryInbox({ orm: h.t.orm, cipher: new FieldCipher(h.t.keyring), hasher: new IdentifierHasher(h.t.identifierKey), notifier: new TemporalRecoveryNotifier(h.t.env.client) });
      expect(await inbox.fromNotice({ loanId, reference: `0b6f3c2e-9a41-4d5e-8f70-${loanId.slice(-12)}`, reasons: [], originalCreditor: true, receivedAt: new Date(await h.t.env.currentTimeMs()).toISOString() })).toBe(true);
      await until(workflowId, (d) => kinds(d).includes('original_creditor_unknown'), 'the request, and nobody on record');
      await h.t.env.sleep('2 days');
      const recorded = await h.call<{ signalled: string | null }>('PUT', `/v1/loans/${loanId}/original-creditor`, { name: 'First Bank of Example, N.A.', address: '10 Main Street, Dover, DE 19901', by: 'ops.recorder' });
      expect(recorded.body.signalled).toBe(workflowId);
      await until(workflowId, (d) => kinds(d).includes('resumed'), 'the answer and the resumption', '1 hour');
      await until(workflowId, (d) => sent(d).some((e) => e.data.template === 'payment_reminder'), 'the next step', '6 hours');
      const c = await end(workflowId, 'cured');
      expect(sent(c).map((e) => e.data.template)).toEqual(['reminder', 'original_creditor_answer', 'payment_reminder']);
      expect(kinds(c)).toEqual(expect.arrayContaining(['original_creditor_requested', 'paused', 'original_creditor_unknown', 'original_creditor_recorded', 'original_creditor_provided', 'resumed']));
      const runs = await fetchRuns(raw(), workflowId);
      expect(runs.flatMap(patchIds)).toContain(ORIGINAL_CREDITOR_REQUESTS);
      await save('recovery-original-creditor-answered', workflowId);
    },
  },

  // A version activated mid-path is followed from the next step.
  'recovery-policy-switched': {
    files: [new URL('./recovery-policy-switched.run1.json', HERE)],
    async record() {
      const first = await policy(`
name: before
settings: { weeklyCaps: { sms: 7, email: 7 }, fallback: {}, promiseToleranceBps: 100, promiseMaxDays: 30 }
rules:
  - id: texts
    when: {}
    path:
      - send: { channel: sms, template: reminder }
      - wait: { days: 3 }
      - send: { channel: sms, template: firm_reminder }
`);
      const { workflowId } = await startEpisode('wrongNumber');
      await until(workflowId, (c) => sent(c).length === 1, 'the first SMS', '1 hour');
      const second = await policy(`
name: after
settings: { weeklyCaps: { sms: 7, email: 7 }, fallback: {}, promiseToleranceBps: 100, promiseMaxDays: 30 }
rules:
  - id: emails
    when: {}
    path:
      - send: { channel: email, template: payment_reminder }
      - wait: { days: 30 }
`);
      await h.t.env.sleep('3 days');
      let c = await until(workflowId, (d) => sent(d).length === 2, 'the next contact', '1 hour');
      expect(sent(c).map((e) => [e.data.channel, e.policyVersion, e.ruleId])).toEqual([
        ['sms', first, 'texts'],
        ['email', second, 'emails'],
      ]);
      c = await end(workflowId, 'closed');
      expect(c.timeline.find((e) => e.kind === 'policy_switched')?.data).toEqual({ from: first });
      await save('recovery-policy-switched', workflowId);
    },
  },

  // An episode started while an experiment gives every episode to the challenger: it follows the
  // challenger's version for life, even after the stop and a newer activation.
  'recovery-experiment-challenger': {
    files: [new URL('./recovery-experiment-challenger.run1.json', HERE)],
    async record() {
      await policy(`
name: champion
settings: { weeklyCaps: { sms: 3 }, fallback: {}, promiseToleranceBps: 100, promiseMaxDays: 30 }
rules:
  - { id: champion-wait, when: {}, path: [{ wait: { days: 20 } }] }
`);
      const challenger = await policy(
        `
name: challenger
settings: { weeklyCaps: { sms: 3 }, fallback: {}, promiseToleranceBps: 100, promiseMaxDays: 30 }
rules:
  - id: challenger-text
    when: {}
    path:
      - send: { channel: sms, template: reminder }
      - wait: { days: 10 }
`,
        { activate: false },
      );
      const started = await h.call<{ id: string }>('POST', '/v1/policies/recovery/experiments', { challengerVersion: challenger, shareBps: 10_000, by: 'ops.recorder' });
      expect(started.status).toBe(201);
      const experimentId = started.body.id;
      try {
        const { workflowId } = await startEpisode(QUIET.key);
        let c = await until(workflowId, (d) => sent(d).length === 1, 'the challenger path and its first contact', '1 hour');
        expect(c.timeline.find((e) => e.kind === 'experiment_assigned')?.data).toEqual({ id: experimentId, arm: 'challenger', version: challenger });
        expect((await h.call('POST', `/v1/policies/recovery/experiments/${experimentId}/stop`, { by: 'ops.recorder' })).status).toBe(200);
        await policy(`
name: newer
settings: { weeklyCaps: { sms: 3 }, fallback: {}, promiseToleranceBps: 100, promiseMaxDays: 30 }
rules:
  - { id: newer-wait, when: {}, path: [{ wait: { days: 20 } }] }
`);
        await h.t.env.sleep('10 days');
        c = await until(workflowId, (d) => d.timeline.filter((e) => e.kind === 'path_chosen').length >= 2, 'the challenger chosen again', '1 day');
        c = await end(workflowId, 'cured');
        const chosen = c.timeline.filter((e) => e.kind === 'path_chosen');
        expect(chosen.every((e) => e.policyVersion === challenger && e.ruleId === 'challenger-text')).toBe(true);
        expect(kinds(c)).not.toContain('policy_switched');
        await save('recovery-experiment-challenger', workflowId);
      } finally {
        // One experiment runs at a time, and this one would take every later episode.
        await h.call('POST', `/v1/policies/recovery/experiments/${experimentId}/stop`, { by: 'ops.recorder' });
      }
    },
  },

  // Started at 22:00 in Kolkata, after the RBI's contact hours: the gate holds the text until the
  // morning (`contact_blocked` with `rescheduledTo`), and the same contact goes out then.
  'recovery-contact-rescheduled': {
    files: [new URL('./recovery-contact-rescheduled.run1.json', HERE)],
    async record() {
      await policy(`
name: one-text
settings: { weeklyCaps: { sms: 3 }, fallback: {}, promiseToleranceBps: 100, promiseMaxDays: 30 }
rules:
  - id: main
    when: {}
    path:
      - send: { channel: sms, template: reminder }
      - wait: { days: 30 }
`);
      const now = await h.t.env.currentTimeMs();
      const tenPmKolkata = Math.ceil((now - KOLKATA_22H_UTC_MS) / DAY_MS) * DAY_MS + KOLKATA_22H_UTC_MS;
      await h.t.env.sleep(tenPmKolkata - now);
      const { workflowId } = await startEpisode(QUIET.key);
      let c = await until(workflowId, (d) => kinds(d).includes('contact_blocked'), 'the held text');
      const blocked = c.timeline.find((e) => e.kind === 'contact_blocked')!.data;
      expect(blocked.rescheduledTo).toEqual(expect.any(String));
      c = await until(workflowId, (d) => sent(d).length === 1, 'the text in the morning', '1 hour');
      expect(sent(c)[0]!.data.deliveryKey).toBe(`${workflowId}-c1`);
      c = await end(workflowId, 'cured');
      expect(kinds(c)).toEqual(expect.arrayContaining(['contact_blocked', 'contact_sent', 'episode_ended']));
      await save('recovery-contact-rescheduled', workflowId);
    },
  },

  // A text sent under the heartbeat timeout (the recovery-contact-heartbeat patch), a hand-off, the
  // collector's accept and outcome through the API and its signal outbox; both signals are then
  // sent again (the relay, their marks lost) and applied once (recovery-case-signals-applied-once).
  'recovery-case-signals-applied-once': {
    files: [new URL('./recovery-case-signals-applied-once.run1.json', HERE)],
    async record() {
      await policy(`
name: text-then-desk
settings: { weeklyCaps: { sms: 3 }, fallback: {}, promiseToleranceBps: 100, promiseMaxDays: 30 }
rules:
  - id: main
    when: {}
    path:
      - send: { channel: sms, template: reminder }
      - handoff: { queue: collections, skills: [desk], priority: 1 }
`);
      expect((await h.call('PUT', '/v1/recovery/assignees/col-chitra', { name: 'col-chitra', kind: 'collector', skills: ['desk'], capacity: 10 })).status).toBe(200);
      const { workflowId } = await startEpisode(QUIET.key);
      let c = await until(workflowId, (d) => kinds(d).includes('handed_off'), 'the text and the hand-off', '1 hour');
      const caseId = c.case!.caseId;
      expect((await h.call('POST', `/v1/desk/cases/${caseId}/accept`, undefined, await authAsUser('col-chitra'))).status).toBe(200);
      const outcome = async (body: unknown) => h.call('POST', `/v1/desk/cases/${caseId}/outcomes`, body, await authAsUser('col-chitra'));
      expect((await outcome({ outcome: 'reached', note: 'spoke on the desk phone' })).status).toBe(200);
      await until(workflowId, (d) => kinds(d).includes('case_outcome'), 'the outcome');
      const outbox = () => new EpisodeSignalOutbox(h.t.orm.em.fork());
      const signals = await outbox().forWorkflow(workflowId);
      expect(signals.map((s) => [s.signal, s.result])).toEqual([['caseTouched', 'delivered'], ['caseOutcome', 'delivered']]);
      // Their marks lost: the relay sends both again.
      await h.t.orm.em.fork().execute(`update episode_signal_outbox set sent_at = null, result = null, next_attempt_at = now(), created_at = now() - interval '1 minute' where workflow_id = ?`, [workflowId]);
      const deadline = Date.now() + 30_000;
      while ((await outbox().forWorkflow(workflowId)).some((s) => s.sentAt === null)) {
        if (Date.now() > deadline) throw new Error('the relay did not send the signals again');
        await new Promise((r) => setTimeout(r, 200));
      }
      const history = async () => (await h.t.env.client.workflow.getHandle(workflowId).fetchHistory()).events ?? [];
      const received = async (name: string) => (await history()).filter((e) => e.workflowExecutionSignaledEventAttributes?.signalName === name).length;
      expect([await received(caseTouchedSignal.name), await received(caseOutcomeSignal.name)]).toEqual([2, 2]);
      expect((await outcome({ outcome: 'no_answer' })).status).toBe(200);
      await until(workflowId, (d) => d.timeline.some((e) => e.kind === 'case_outcome' && e.data.outcome === 'no_answer'), 'the later outcome');
      c = await end(workflowId, 'cured');
      expect(c.timeline.filter((e) => e.kind === 'case_touched')).toHaveLength(1);
      expect(c.timeline.filter((e) => e.kind === 'case_outcome').map((e) => e.data.outcome)).toEqual(['reached', 'no_answer']);
      expect(sent(c)).toHaveLength(1);
      const runs = await fetchRuns(raw(), workflowId);
      expect(runs.flatMap(patchIds)).toEqual(expect.arrayContaining([CONTACT_HEARTBEAT, CASE_SIGNALS_APPLIED_ONCE]));
      await save('recovery-case-signals-applied-once', workflowId);
    },
  },

  // A real loan in arrears whose policy has the drafting agent write its text and its email
  // (draft: true): the text, asked for before 08:00 in India, is refused for the hour (the draft
  // and the template alike; the contact rescheduled), then drafted again and sent; the email the
  // next day is drafted and sent. The patch recovery-drafted-sends.
  'recovery-drafted-sends': {
    files: [new URL('./recovery-drafted-sends.run1.json', HERE)],
    async record() {
      await policy(`
name: drafted-path
settings: { weeklyCaps: { sms: 3, email: 3 }, fallback: {}, promiseToleranceBps: 100, promiseMaxDays: 30 }
rules:
  - id: main
    when: {}
    path:
      - send: { channel: sms, template: reminder, draft: true }
      - wait: { days: 1 }
      - send: { channel: email, template: payment_reminder, draft: true }
      - wait: { days: 30 }
`);
      const { loanId, workflowId } = await loanIntoArrears(h);
      running.add(loanWorkflowId(loanId));
      running.add(workflowId);
      await until(workflowId, (d) => sent(d).length === 1, 'the drafted text', '1 hour');
      await h.t.env.sleep('1 day');
      await until(workflowId, (d) => sent(d).length === 2, 'the drafted email', '1 hour');
      const c = await end(workflowId, 'paid_off');
      expect(sent(c).map((e) => [e.data.channel, e.data.template, e.data.composer])).toEqual([
        ['sms', 'reminder', 'phrase_bank'],
        ['email', 'payment_reminder', 'phrase_bank'],
      ]);
      expect(c.timeline.filter((e) => e.kind === 'draft_not_used').map((e) => e.data.reason)).toEqual(expect.arrayContaining([expect.stringContaining('recovery-hours')]));
      expect((await fetchRuns(raw(), workflowId)).flatMap(patchIds)).toContain(DRAFTED_SENDS);
      await save('recovery-drafted-sends', workflowId);
    },
  },

  // A small historyLimit makes the episode continue as new between steps; its state (the path,
  // the step, the counts, the timeline's numbering) carries on in the next run.
  'recovery-continued-as-new': {
    files: [new URL('./recovery-continued-as-new.run1.json', HERE)],
    async record() {
      await policy(`
name: long-path
settings: { weeklyCaps: { sms: 7, email: 7 }, fallback: {}, promiseToleranceBps: 100, promiseMaxDays: 30 }
rules:
  - id: main
    when: {}
    path:
      - send: { channel: sms, template: reminder }
      - wait: { days: 1 }
      - send: { channel: email, template: payment_reminder }
      - wait: { days: 1 }
      - send: { channel: sms, template: firm_reminder }
      - wait: { days: 1 }
      - send: { channel: email, template: payment_reminder }
      - wait: { days: 30 }
`);
      const { workflowId } = await startEpisode(QUIET.key, { historyLimit: 60 });
      await until(workflowId, (d) => sent(d).length === 4, 'the fourth contact', '6 hours');
      const c = await end(workflowId, 'cured');
      expect((await fetchRuns(raw(), workflowId)).length).toBeGreaterThan(1);
      // One episode across the runs: started once, the path chosen once, each contact once.
      expect(kinds(c).filter((k) => k === 'episode_started')).toHaveLength(1);
      expect(kinds(c).filter((k) => k === 'path_chosen')).toHaveLength(1);
      expect(sent(c).map((e) => e.data.template)).toEqual(['reminder', 'payment_reminder', 'firm_reminder', 'payment_reminder']);
      await save('recovery-continued-as-new', workflowId);
    },
  },
};

const named = process.env.RECORD?.split(',').filter(Boolean);
for (const [name, scenario] of Object.entries(SCENARIOS)) {
  // recovery-cured and recovery-late-fee-told also answer to the names of the loan histories they write.
  const loanHistory: Record<string, string> = { 'recovery-cured': 'delinquent-recovery-cured', 'recovery-late-fee-told': 'delinquent-late-fee-told' };
  const asked = named ? named.includes(name) || (loanHistory[name] !== undefined && named.includes(loanHistory[name])) : !scenario.files.every((f) => existsSync(f));
  (asked ? it : it.skip)(name, scenario.record);
}
