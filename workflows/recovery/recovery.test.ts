// The recovery workflow on the time-skipping server, with everything real around it: the policy
// store and the API (policies, cases, promises, work items, the providers' webhooks), the dispatch
// and its gate, the Twilio and SendGrid sandboxes whose test borrowers reply, press keys and
// bounce, and Postgres. Each test activates the policy it needs through the API, starts an episode
// for a loan whose contact profile names one of the sandboxes' borrowers, and moves time.
import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { IdentifierHasher } from '../../activities/fraud/identifier-hasher.js';
import { verifyDispute } from '../../activities/recovery-contact/verify-dispute.js';
import { RECOVERY_BORROWERS, TWILIO_TEST_NUMBERS } from '../../apps/sandboxes/recovery-borrowers.js';
import { FieldCipher } from '../../apps/shared/crypto/field-cipher.js';
import { TemporalRecoveryNotifier } from '../../apps/shared/temporal/recovery-notifier.js';
import { startApiHarness, type ApiHarness } from '../../apps/testkit/api-harness.js';
import { accountSignalsReceived, caseDetail, duringIndianHours, episodeAccount, kinds, loanIntoArrears, sent, startTestEpisode, submitPolicy, textSent, twilioMessagesTo, untilAccount, untilCase, type CaseDetail } from '../../apps/testkit/recovery-cases.js';
import { application } from '../../apps/testkit/applications.js';
import { ContactProfileRepository } from '../../db/repositories/contact-profile.repository.js';
import { addDays } from '../../domain/calendar.js';
import { formatMoney } from '../../domain/money.js';
import { recoveryWorkflowId } from './definitions.js';
import { terminateSettled } from '../../apps/testkit/terminate-settled.js';
import { loanWorkflowId } from '../../domain/loan-id.js';

let h: ApiHarness;
const episodes: string[] = [];

beforeAll(async () => {
  h = await startApiHarness({ server: 'time-skipping' });
  for (const [id, skills] of [['col-asha', ['negotiation']], ['col-bilal', ['negotiation']]] as const) {
    const saved = await h.call('PUT', `/v1/recovery/assignees/${id}`, { name: id, kind: 'collector', skills, capacity: 10 });
    expect(saved.status).toBe(200);
  }
});

afterEach(async () => {
  // Episodes left running would follow the next test's policy.
  for (const id of episodes.splice(0)) await terminateSettled(h.t.env.client, id);
});

afterAll(async () => {
  await h?.close();
});

const activate = (yaml: string) => submitPolicy(h, yaml);

/** An episode for a fresh loan whose borrower is the sandbox's `key` (or one with that phone), in India, 20 days past due. */
async function startEpisode(key: string): Promise<{ loanId: string; workflowId: string }> {
  await duringIndianHours(h);
  const known = RECOVERY_BORROWERS.find((b) => b.key === key);
  const borrower = known ? { ...known, language: key === 'promiserHindi' ? ('hi' as const) : ('en' as const) } : { name: 'Test Borrower', phone: key, email: `${key.replace(/\D/g, '')}@example.com` };
  const started = await startTestEpisode(h, borrower);
  episodes.push(started.workflowId);
  return started;
}

const detail = (workflowId: string) => caseDetail(h, workflowId);
const until = (workflowId: string, seen: (c: CaseDetail) => boolean, what: string, ms = 30_000) => untilCase(h, workflowId, seen, what, { ms });

describe('recovery episodes', () => {
  it('SMS, no reply, call, a promise pressed in the IVR, broken, handed off, the SLA lapses and the case goes to someone else', async () => {
    await activate(`
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
    await until(workflowId, (c) => sent(c).length === 1, 'the first SMS');
    await h.t.env.sleep('2 days');
    // The call goes out (within RBI hours) and the borrower presses 1.
    let c = await until(workflowId, (d) => kinds(d).includes('promise_made'), 'the IVR promise');
    expect(sent(c).map((e) => e.data.channel)).toEqual(['sms', 'voice']);
    expect(c.timeline.find((e) => e.kind === 'reply')?.data).toMatchObject({ channel: 'voice', intent: 'promise' });
    const promise = c.timeline.find((e) => e.kind === 'promise_made')!.data;
    expect(promise).toMatchObject({ amountMinor: 1_450_000, currency: 'INR', source: 'reply' });

    // Nothing is paid: the promise breaks after its day (and a day's grace), and the policy hands off.
    await h.t.env.sleep('10 days');
    c = await until(workflowId, (d) => kinds(d).includes('handed_off'), 'the hand-off');
    expect(kinds(c)).toEqual(expect.arrayContaining(['promise_broken', 'handed_off']));
    const chosen = c.timeline.filter((e) => e.kind === 'path_chosen').map((e) => e.ruleId);
    expect(chosen).toEqual(['main', 'broken']);
    const first = c.case!.assigneeId;
    expect(['col-asha', 'col-bilal']).toContain(first);

    // Untouched for 5 days: a breach counted against the holder, and the case moves on.
    await h.t.env.sleep('5 days');
    c = await until(workflowId, (d) => kinds(d).includes('sla_breached'), 'the SLA breach');
    const breach = c.timeline.find((e) => e.kind === 'sla_breached')!.data;
    expect(breach.reassignedTo).not.toBe(first);
    expect(c.case!.assigneeId).toBe(breach.reassignedTo);
    const assignees = await h.call<{ items: { id: string; slaBreaches: number }[] }>('GET', '/v1/recovery/assignees');
    expect(assignees.body.items.find((a) => a.id === first)?.slaBreaches).toBe(1);
  });

  it('STOP revokes SMS, and the next step goes out by email instead', async () => {
    await activate(`
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
    const { workflowId, loanId } = await startEpisode('stopper');
    await until(workflowId, (c) => kinds(c).includes('reply'), 'the STOP');
    await h.t.env.sleep('1 day');
    const c = await until(workflowId, (d) => sent(d).length === 2, 'the second contact', 60_000);
    expect(sent(c).map((e) => [e.data.channel, e.data.fellBackFrom ?? null])).toEqual([['sms', null], ['email', 'sms']]);
    const standing = await new ContactProfileRepository(h.t.orm.em.fork(), new FieldCipher(h.t.keyring), new IdentifierHasher(h.t.identifierKey)).standing(loanId);
    expect(standing?.optedOutChannels).toContain('sms');
  });

  it('a dispute pauses everything until it is verified', async () => {
    await activate(`
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
    await until(workflowId, (d) => kinds(d).includes('paused'), 'the pause');
    await h.t.env.sleep('5 days');
    let c = await detail(workflowId);
    expect(sent(c)).toHaveLength(1);
    expect(c.stage).toBe('paused');

    const verified = await verifyDispute(
      { orm: h.t.orm, cipher: new FieldCipher(h.t.keyring), hasher: new IdentifierHasher(h.t.identifierKey), notifier: new TemporalRecoveryNotifier(h.t.env.client) },
      { loanId, by: 'compliance.meera', note: 'statement and signed agreement sent', at: new Date().toISOString() },
    );
    expect(verified).toEqual({ kind: 'verified', signalled: workflowId });
    await until(workflowId, (d) => kinds(d).includes('resumed'), 'the resumption');
    await h.t.env.sleep('2 days');
    c = await until(workflowId, (d) => sent(d).some((e) => e.data.channel === 'email'), 'the contact after verification');
    expect(kinds(c)).toEqual(expect.arrayContaining(['dispute_opened', 'paused', 'dispute_verified', 'resumed']));
  });

  it('a policy activated mid-path is followed from the next step, and the actions say which version chose them', async () => {
    const first = await activate(`
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
    await until(workflowId, (c) => sent(c).length === 1, 'the first SMS');
    const second = await activate(`
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
    const c = await until(workflowId, (d) => sent(d).length === 2, 'the next contact', 60_000);
    expect(sent(c).map((e) => [e.data.channel, e.policyVersion, e.ruleId])).toEqual([['sms', first, 'texts'], ['email', second, 'emails']]);
    expect(c.timeline.find((e) => e.kind === 'policy_switched')?.data).toEqual({ from: first });
  });
});

describe('sending once', () => {
  it('a send whose answer was lost (the provider took it, the worker never heard back) is found again, not sent twice', async () => {
    await activate(`
name: one-text
settings: { weeklyCaps: { sms: 7 }, fallback: {}, promiseToleranceBps: 100, promiseMaxDays: 30 }
rules:
  - id: main
    when: {}
    path:
      - send: { channel: sms, template: reminder }
      - wait: { days: 30 }
`);
    const to = TWILIO_TEST_NUMBERS.answerLost;
    const { workflowId } = await startEpisode(to);
    const c = await until(workflowId, (d) => sent(d).length === 1, 'the text', 60_000);
    expect(sent(c)[0]!.data.channel).toBe('sms');
    // What Twilio holds for that number: one message.
    expect(await twilioMessagesTo(h, to)).toHaveLength(1);
  });
});

describe('recovery from a loan', () => {
  it('a loan that falls into arrears starts an episode; a payment cures it and ends the episode with what it recovered', async () => {
    await duringIndianHours(h);
    const loanId = await h.t.startLoan(application('approved', { loan: { termMonths: 6 }, consents: { autopay: false } }));
    await h.t.loans.awaitDecision(loanId);
    const active = await h.t.loans.acceptOffer(loanId);
    await h.t.env.sleep('40 days');
    const workflowId = recoveryWorkflowId(loanId, 1);
    await until(workflowId, (d) => d.status === 'running' && sent(d).length > 0, 'the episode and its first contact', 60_000);
    const state = await h.t.loans.state(loanId);
    expect(state.status).toBe('delinquent');
    const fee = h.t.product.lateFee[active.currency] ?? 0;
    const amount = active.schedule![0]!.amountDue + fee;
    const paid = await h.t.loans.recordPayment(loanId, { externalId: `cure-${loanId}`, amount, currency: active.currency, source: 'api' });
    expect(paid.status).toBe('active');
    const c = await until(workflowId, (d) => kinds(d).includes('episode_ended'), 'the end of the episode');
    expect(c.endReason).toBe('cured');
    expect(c.recoveredMinor).toBe(amount);
    expect(kinds(c)).toEqual(expect.arrayContaining(['episode_started', 'path_chosen', 'payment_received', 'episode_ended']));
    await terminateSettled(h.t.env.client, loanWorkflowId(loanId));
  });

  it('a late fee assessed between bucket changes reaches the episode, and its next text quotes it; a day with nothing new tells it nothing', async () => {
    await activate(`
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
    const { loanId, workflowId, active } = await loanIntoArrears(h);
    episodes.push(workflowId);
    const instalment = active.schedule![0]!;
    const fee = h.t.product.lateFee[active.currency]!;
    expect(fee).toBeGreaterThan(0);
    await until(workflowId, (d) => d.status === 'running', 'the episode');
    const atStart = await episodeAccount(h, workflowId);
    expect(atStart).toMatchObject({ bucket: '1-15', overdueMinor: instalment.amountDue, oldestDueOn: instalment.dueDate });

    // The fee falls due 5 days past due, inside the 1-15 bucket: no bucket change tells the episode of it.
    await h.t.env.sleep('5 days');
    const withFee = await untilAccount(h, workflowId, (a) => a.overdueMinor !== atStart.overdueMinor, 'the account with the late fee');
    const loan = await h.t.loans.state(loanId);
    expect(loan.bucket).toBe('1-15');
    // Told on the day the fee fell due, as the ledger stood that day.
    const feeDays = h.t.product.lateFeeAfterDays;
    expect(withFee).toEqual({ bucket: '1-15', dpd: feeDays, overdueMinor: instalment.amountDue + fee, outstandingMinor: loan.outstandingTotal, oldestDueOn: instalment.dueDate, on: addDays(instalment.dueDate, feeDays) });
    expect(withFee.outstandingMinor).toBe(atStart.outstandingMinor + fee);

    // The text goes out 7 days into the episode (held until 08:00 in India), quoting what is due with the fee.
    await h.t.env.sleep('2 days');
    const c = await untilCase(h, workflowId, (d) => sent(d).length === 1, 'the text', { ms: 60_000, advance: '1 hour' });
    const text = await textSent(h, String(sent(c)[0]!.data.deliveryKey));
    expect(text).toContain(`your payment of ${formatMoney({ amount: instalment.amountDue + fee, currency: active.currency })} was due`);
    // Eight days past due, one change in what is owed: one account signal, not one a day.
    expect((await h.t.loans.state(loanId)).daysPastDue).toBeGreaterThanOrEqual(8);
    expect(await accountSignalsReceived(h, workflowId)).toBe(1);
    await terminateSettled(h.t.env.client, loanWorkflowId(loanId));
  });
});
