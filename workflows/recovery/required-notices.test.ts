// The notices Regulation F requires of a recovery episode, on the time-skipping server with
// everything real around it (the API, the dispatch and its gate, the SendGrid and Twilio
// sandboxes, Postgres), for a borrower in New York:
// - a collector's conversation as the first communication about the debt: the validation notice
//   goes in writing at once (12 CFR 1006.34(a)(1)), naming the collector, and only once;
// - the same for a Chicago borrower who opted out of email and never consented to automated
//   texts: the notice is posted, through the Lob sandbox, carrying the itemization itself, inside
//   the window, and Lob's signed webhooks record the letter's journey;
// - a request for the original creditor's name and address (1006.38(c)) pauses collection; for a
//   loan nobody is recorded as the original creditor of, the pause holds until ops record one
//   through the API, then the answer goes through the gate and the path resumes.
import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { IdentifierHasher } from '../../activities/fraud/identifier-hasher.js';
import { RecoveryInbox } from '../../activities/recovery-contact/recovery-inbox.js';
import { FieldCipher } from '../../apps/shared/crypto/field-cipher.js';
import { TemporalRecoveryNotifier } from '../../apps/shared/temporal/recovery-notifier.js';
import { startApiHarness, type ApiHarness } from '../../apps/testkit/api-harness.js';
import { authAsUser } from '../../apps/testkit/tokens.js';
import { duringNewYorkHours, emailSent, importUsLoanInArrears, IN_NEW_YORK, kinds, letterSent, sent, startTestEpisode, submitPolicy, untilCase, type CaseDetail } from '../../apps/testkit/recovery-cases.js';
import { ContactProfileRepository } from '../../db/repositories/contact-profile.repository.js';
import { BorrowerNoticeRepository } from '../../db/repositories/borrower-notice.repository.js';
import { noticeFigures, validationPeriodEnd } from '../../domain/recovery/validation-notice.js';
import { formatMoney } from '../../domain/money.js';
import { formatDate } from '../../policies/recovery/render-template.js';
import { loanWorkflowId } from '../../domain/loan-id.js';
import { LOB_TEST_ADDRESSES } from '../../apps/sandboxes/recovery-borrowers.js';
import { terminateSettled } from '../../apps/testkit/terminate-settled.js';
import { ContactDeliveryRepository } from '../../db/repositories/contact-delivery.repository.js';
import { addUsBusinessDays } from '../../domain/us-business-days.js';
import { toIsoDate } from '../../domain/calendar.js';
import type { OriginalCreditorView } from '../../apps/api/recovery/original-creditor.usecase.js';
import type { ContactStandingView } from '../../apps/api/recovery/contact-views.js';

let h: ApiHarness;
const episodes: string[] = [];

beforeAll(async () => {
  h = await startApiHarness({ server: 'time-skipping' });
  for (const id of ['col-dana', 'col-eli']) expect((await h.call('PUT', `/v1/recovery/assignees/${id}`, { name: id, kind: 'collector', skills: ['reg-f'], capacity: 10 })).status).toBe(200);
});

afterEach(async () => {
  for (const id of episodes.splice(0)) await terminateSettled(h.t.env.client, id);
});

afterAll(async () => {
  await h?.close();
});

/** A borrower in New York whose messages the sandboxes deliver and who never answers. */
async function startEpisode(name: string): Promise<{ loanId: string; workflowId: string }> {
  await duringNewYorkHours(h);
  const slug = name.toLowerCase().replace(/\W+/g, '.');
  const started = await startTestEpisode(h, { name, phone: `+1212555${String(Math.floor(Math.random() * 1e4)).padStart(4, '0')}`, email: `${slug}.${Date.now()}@example.com` }, {}, 45_000, IN_NEW_YORK);
  episodes.push(started.workflowId);
  return started;
}

const until = (workflowId: string, seen: (c: CaseDetail) => boolean, what: string) => untilCase(h, workflowId, seen, what, { ms: 60_000, advance: '1 hour' });
const noticesSent = (c: CaseDetail, template: string) => sent(c).filter((e) => e.data.template === template);

/** How often the episode asked whether the validation notice was owed (the history's completed activities). */
async function checks(workflowId: string): Promise<number> {
  const history = await h.t.env.client.workflow.getHandle(workflowId).fetchHistory();
  const scheduled = new Map((history.events ?? []).filter((e) => e.activityTaskScheduledEventAttributes).map((e) => [String(e.eventId), e.activityTaskScheduledEventAttributes!.activityType?.name]));
  return (history.events ?? []).filter((e) => e.activityTaskCompletedEventAttributes && scheduled.get(String(e.activityTaskCompletedEventAttributes.scheduledEventId)) === 'validationNoticeDue').length;
}

describe('the validation notice after a first communication by phone', () => {
  it("a collector's conversation before any message: the notice goes in writing at once, naming the collector, and once", async () => {
    await submitPolicy(
      h,
      `
name: desk-first
settings: { weeklyCaps: { email: 3, sms: 3 }, fallback: {}, promiseToleranceBps: 100, promiseMaxDays: 30 }
rules:
  - id: main
    when: {}
    path:
      - handoff: { queue: collections-us, skills: [reg-f], priority: risk_x_balance }
`,
      { author: 'notices' },
    );
    const { loanId, workflowId } = await startEpisode('Dana Whitfield');
    let c = await until(workflowId, (d) => kinds(d).includes('handed_off'), 'the hand-off');
    expect(sent(c)).toEqual([]);
    const { caseId, assigneeId } = c.case!;
    expect((await h.call('POST', `/v1/desk/cases/${caseId}/accept`, undefined, await authAsUser(assigneeId!))).status).toBe(200);
    const reached = await h.call('POST', `/v1/desk/cases/${caseId}/outcomes`, { outcome: 'reached', note: 'talked through the arrears' }, { ...(await authAsUser(assigneeId!)), 'Idempotency-Key': `reached-${caseId}` });
    expect(reached.status).toBe(200);

    c = await until(workflowId, (d) => noticesSent(d, 'validation_notice').length === 1, 'the validation notice');
    const [notice] = noticesSent(c, 'validation_notice');
    expect(notice!.data).toMatchObject({ channel: 'email', purpose: 'validation_notice', disclosures: expect.arrayContaining(['us.reg-f.1006.18(e)', 'us.reg-f.1006.34', 'us.reg-f.1006.6(e)']) });
    const due = c.timeline.find((e) => e.kind === 'validation_notice_due')!.data;

    // The contact log: the collector's conversation first, the notice after it and inside the window.
    const deliveries = new ContactDeliveryRepository(h.t.orm.em.fork());
    const history = await deliveries.history(loanId);
    expect(history.map((x) => [x.channel, x.collector ?? false, x.conversation])).toEqual([
      ['voice', true, true],
      ['email', false, false],
    ]);
    const [call, written] = history;
    expect(due.firstCommunicationAt).toBe(new Date(call!.at).toISOString());
    // (The API stamps the call with the wall clock, the episode the notice with workflow time, which the test moved on to New York's morning.)
    expect(written!.at).toBeGreaterThanOrEqual(call!.at);
    expect(toIsoDate(written!.at) <= addUsBusinessDays(toIsoDate(call!.at), 5)).toBe(true);
    expect(written!.disclosures).toContain('us.reg-f.1006.34');

    // What the borrower got: the collector as the notice identifies it, and the link to the full notice.
    const { collector, lenderName } = h.t.config.recovery;
    const mail = await emailSent(h, String(notice!.data.deliveryKey));
    expect(mail.subject).toBe(`Validation notice: your debt to ${lenderName}`);
    for (const part of [`${collector.legalName} is a debt collector.`, collector.mailingAddress, collector.phone, collector.hours, `/validation/${loanId}?t=`]) expect(mail.text).toContain(part);

    // A second conversation finds the information given: the episode asks, and sends nothing more.
    expect((await h.call('POST', `/v1/desk/cases/${caseId}/outcomes`, { outcome: 'refused' }, { ...(await authAsUser(assigneeId!)), 'Idempotency-Key': `refused-${caseId}` })).status).toBe(200);
    const deadline = Date.now() + 30_000;
    while ((await checks(workflowId)) < 2 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
    expect(await checks(workflowId)).toBe(2);
    c = await until(workflowId, (d) => d.timeline.filter((e) => e.kind === 'case_outcome').length === 2, 'the second outcome');
    expect(noticesSent(c, 'validation_notice')).toHaveLength(1);
    expect(kinds(c).filter((k) => k === 'validation_notice_due')).toHaveLength(1);
  });
});

describe('the validation notice by letter', () => {
  /** Straight to a collector: the first communication is their conversation. */
  const DESK_FIRST_US = `
name: desk-first-us
settings: { weeklyCaps: { email: 3, sms: 3, letter: 1 }, fallback: {}, promiseToleranceBps: 100, promiseMaxDays: 30 }
rules:
  - id: main
    when: {}
    path:
      - handoff: { queue: collections-us, skills: [reg-f], priority: risk_x_balance }
`;

  it("a collector's conversation first, and no email or consent to texts: the notice is posted within the window, carrying the itemization, and Lob's webhooks follow it", async () => {
    await submitPolicy(h, DESK_FIRST_US, { author: 'notices' });
    const { loanId, workflowId } = await importUsLoanInArrears(h, `michael.brown.${Date.now()}@example.com`);
    episodes.push(workflowId, loanWorkflowId(loanId));
    let c = await until(workflowId, (d) => kinds(d).includes('handed_off'), 'the hand-off');
    expect(sent(c)).toEqual([]);
    // Long before this debt, the borrower asked for no more email.
    const profiles = new ContactProfileRepository(h.t.orm.em.fork(), new FieldCipher(h.t.keyring), new IdentifierHasher(h.t.identifierKey));
    expect((await profiles.find(loanId))!.postalAddress).toEqual({ line1: '233 S Wacker Drive', city: 'Chicago', region: 'IL', postalCode: '60606', country: 'US' });
    await profiles.recordStandingChange(loanId, { change: 'opt_out', channel: 'email' }, { source: 'inbound', sourceRef: null, actor: null, reason: 'unsubscribed', at: new Date().toISOString() });

    const { caseId, assigneeId } = c.case!;
    expect((await h.call('POST', `/v1/desk/cases/${caseId}/accept`, undefined, await authAsUser(assigneeId!))).status).toBe(200);
    expect((await h.call('POST', `/v1/desk/cases/${caseId}/outcomes`, { outcome: 'reached', note: 'talked through the arrears' }, { ...(await authAsUser(assigneeId!)), 'Idempotency-Key': `reached-${caseId}` })).status).toBe(200);

    c = await until(workflowId, (d) => noticesSent(d, 'validation_notice').length === 1, 'the validation notice');
    const [notice] = noticesSent(c, 'validation_notice');
    expect(notice!.data).toMatchObject({ channel: 'letter', purpose: 'validation_notice', disclosures: ['us.reg-f.1006.18(e)', 'us.reg-f.1006.34', 'credence.opt-out'] });
    expect(kinds(c)).not.toContain('validation_notice_undeliverable');
    const due = c.timeline.find((e) => e.kind === 'validation_notice_due')!.data;
    const deliveryKey = String(notice!.data.deliveryKey);

    // The dispatch tried email (opted out), texts and WhatsApp (no consent) before the letter.
    const rows = await h.t.orm.em.fork().execute<{ channel: string; status: string; block_rule: string | null }[]>(`select channel, status, block_rule from contact_deliveries where request_key = ? order by created_at`, [deliveryKey.replace(/-letter$/, '')]);
    expect(rows.map((r) => [r.channel, r.block_rule])).toEqual([
      ['email', 'common.opt-out'],
      ['sms', 'us.tcpa.automated-consent'],
      ['whatsapp', 'us.tcpa.automated-consent'],
      ['letter', null],
    ]);

    // Inside the window: the collector's conversation, then the letter, five business days at most after it.
    const history = await new ContactDeliveryRepository(h.t.orm.em.fork()).history(loanId);
    expect(history.map((x) => [x.channel, x.collector ?? false, x.conversation])).toEqual([
      ['voice', true, true],
      ['letter', false, false],
    ]);
    const [call, letter] = history;
    expect(due.firstCommunicationAt).toBe(new Date(call!.at).toISOString());
    expect(letter!.at).toBeLessThanOrEqual(Date.parse(String(due.dueBy)));
    expect(toIsoDate(letter!.at) <= addUsBusinessDays(toIsoDate(call!.at), 5)).toBe(true);

    // What was posted: to the borrower's address, from the collector, the notice itself with the loan's own figures.
    const posted = await letterSent(h, deliveryKey);
    expect(posted.letter).toMatchObject({ id: expect.stringMatching(/^ltr_/), deliveryKey });
    const records = (await new BorrowerNoticeRepository(h.t.orm.em.fork()).find(loanId))!;
    const figures = noticeFigures({ ...records, firstCommunicationOn: toIsoDate(letter!.at) }).itemization;
    const { collector, lenderName } = h.t.config.recovery;
    for (const part of [
      `<h1>Validation notice</h1>`,
      `${collector.legalName} is a debt collector. We are trying to collect a debt that you owe to ${lenderName}.`,
      `As of ${formatDate(figures.itemizationDate, 'en')}, you owed: ${formatMoney({ amount: figures.amountThen, currency: 'USD' })}`,
      `Total amount of the debt now: ${formatMoney({ amount: figures.amountNow, currency: 'USD' })}`,
      `Call or write to us by ${formatDate(validationPeriodEnd(toIsoDate(letter!.at)), 'en')} to dispute all or part of the debt.`,
      `Account: ${loanId}`,
    ])
      expect(posted.html).toContain(part);
    const activity = (await (await fetch(`${h.t.config.lob.url}/_sandbox/activity`)).json()) as { letters: { letter: { id: string; to: Record<string, string>; from: Record<string, string>; use_type: string } }[] };
    expect(activity.letters.find((l) => l.letter.id === posted.letter.id)!.letter).toMatchObject({
      to: { name: 'Michael Brown', address_line1: '233 S Wacker Drive', address_city: 'Chicago', address_state: 'IL', address_zip: '60606' },
      from: { name: collector.legalName.slice(0, 40), address_line1: '1 Example Way', address_zip: '19801' },
      use_type: 'operational',
    });

    // Lob's signed webhooks reach the API, which records the letter's journey to the door.
    const deadline = Date.now() + 30_000;
    let status = '';
    while (status !== 'delivered' && Date.now() < deadline) {
      [{ status } = { status: '' }] = await h.t.orm.em.fork().execute<{ status: string }[]>(`select status from contact_deliveries where delivery_key = ?`, [deliveryKey]);
      if (status !== 'delivered') await new Promise((r) => setTimeout(r, 200));
    }
    expect(status).toBe('delivered');
    const events = await h.t.orm.em.fork().execute<{ status: string }[]>(`select status from contact_delivery_events where delivery_key = ? and provider = 'lob' order by at, id`, [deliveryKey]);
    expect(events.map((e) => e.status)).toEqual(['queued', 'sent', 'in_transit', 'in_transit', 'in_transit', 'delivered']);
    // A forged event is refused and records nothing.
    const forged = await fetch(`${h.base}/v1/webhooks/lob/events`, { method: 'POST', headers: { 'content-type': 'application/json', 'lob-signature': '0'.repeat(64), 'lob-signature-timestamp': String(Date.now()) }, body: JSON.stringify({ id: 'evt_forged', event_type: { id: 'letter.returned_to_sender' }, body: { id: posted.letter.id, metadata: { delivery_key: deliveryKey } }, date_created: new Date().toISOString() }) });
    expect(forged.status).toBe(401);
    expect((await profiles.find(loanId))!.standing.wrongNumberChannels).toEqual([]);
  });
  it('a notice the post returns: the address is not used for letters again, and the episode hears of it', async () => {
    await submitPolicy(h, DESK_FIRST_US, { author: 'notices' });
    const { loanId, workflowId } = await importUsLoanInArrears(h, `moved.away.${Date.now()}@example.com`, LOB_TEST_ADDRESSES.returned);
    episodes.push(workflowId, loanWorkflowId(loanId));
    let c = await until(workflowId, (d) => kinds(d).includes('handed_off'), 'the hand-off');
    const profiles = new ContactProfileRepository(h.t.orm.em.fork(), new FieldCipher(h.t.keyring), new IdentifierHasher(h.t.identifierKey));
    await profiles.recordStandingChange(loanId, { change: 'opt_out', channel: 'email' }, { source: 'inbound', sourceRef: null, actor: null, reason: 'unsubscribed', at: new Date().toISOString() });
    const { caseId, assigneeId } = c.case!;
    expect((await h.call('POST', `/v1/desk/cases/${caseId}/accept`, undefined, await authAsUser(assigneeId!))).status).toBe(200);
    expect((await h.call('POST', `/v1/desk/cases/${caseId}/outcomes`, { outcome: 'reached' }, { ...(await authAsUser(assigneeId!)), 'Idempotency-Key': `reached-${caseId}` })).status).toBe(200);
    c = await until(workflowId, (d) => kinds(d).includes('delivery_failed'), 'the returned letter');
    const [notice] = noticesSent(c, 'validation_notice');
    expect(notice!.data).toMatchObject({ channel: 'letter' });
    expect(c.timeline.find((e) => e.kind === 'delivery_failed')!.data).toEqual({ deliveryKey: notice!.data.deliveryKey, channel: 'letter', reason: 'bounced: letter.returned_to_sender' });
    const standing = await h.call<ContactStandingView>('GET', `/v1/loans/${loanId}/contact-standing`);
    expect(standing.body.changes.filter((x) => x.change === 'wrong_number').map((x) => [x.channel, x.source, x.reason])).toEqual([['letter', 'delivery_event', 'bounced (letter.returned_to_sender)']]);
    expect((await profiles.find(loanId))!.standing.wrongNumberChannels).toEqual(['letter']);
  });
});


describe('a request for the original creditor', () => {
  it('pauses collection until the answer has gone; with nobody on record, until ops record the original creditor', async () => {
    await submitPolicy(
      h,
      `
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
`,
      { author: 'notices' },
    );
    const { loanId, workflowId } = await startEpisode('Eli Navarro');
    let c = await until(workflowId, (d) => sent(d).length === 1, 'the first email');
    expect(sent(c)[0]!.data.disclosures).toContain('us.reg-f.1006.34');

    // The borrower asks from the validation notice's form (the page needs a loan with records; this episode's has none, so its form's inbox is called as the page calls it).
    const inbox = new RecoveryInbox({ orm: h.t.orm, cipher: new FieldCipher(h.t.keyring), hasher: new IdentifierHasher(h.t.identifierKey), notifier: new TemporalRecoveryNotifier(h.t.env.client) });
    const receivedAt = new Date(await h.t.env.currentTimeMs()).toISOString();
    for (let i = 0; i < 2; i++) expect(await inbox.fromNotice({ loanId, reference: `0b6f3c2e-9a41-4d5e-8f70-${loanId.slice(-12)}`, reasons: [], originalCreditor: true, receivedAt })).toBe(true);
    c = await until(workflowId, (d) => kinds(d).includes('original_creditor_unknown'), 'the request, and nobody on record');
    expect(c.stage).toBe('paused');
    expect(c.timeline.filter((e) => e.kind === 'reply').map((e) => e.data)).toEqual([expect.objectContaining({ channel: 'email', intent: 'original_creditor' })]);
    expect(c.timeline.find((e) => e.kind === 'paused')!.data).toEqual({ reason: "original creditor's name and address owed" });

    // Days pass: the path's next email is held by the pause, and the gate would refuse any collection contact.
    await h.t.env.sleep('3 days');
    c = await untilCase(h, workflowId, (d) => d.stage === 'paused', 'still paused');
    expect(sent(c)).toHaveLength(1);
    const standing = await h.call<ContactStandingView>('GET', `/v1/loans/${loanId}/contact-standing`);
    expect(standing.body.originalCreditorRequest).toEqual({ open: true, requestedAt: receivedAt, providedAt: null });
    const before = await h.call<OriginalCreditorView>('GET', `/v1/loans/${loanId}/original-creditor`);
    expect(before.body).toMatchObject({ known: false, source: null, request: { open: true } });

    // Ops record who made the loan: the episode is told, sends the answer, and resumes.
    const bad = await h.call('PUT', `/v1/loans/${loanId}/original-creditor`, { name: '  ', address: '10 Main St', by: 'ops.asha' });
    expect(bad.status).toBe(400);
    const recorded = await h.call<OriginalCreditorView>('PUT', `/v1/loans/${loanId}/original-creditor`, { name: 'First Bank of Example, N.A.', address: '10 Main Street, Dover, DE 19901', by: 'ops.asha' });
    expect(recorded.status).toBe(200);
    expect(recorded.body).toMatchObject({ known: true, source: 'recorded', name: 'First Bank of Example, N.A.', recordedBy: 'ops.asha', signalled: workflowId });
    c = await until(workflowId, (d) => kinds(d).includes('resumed'), 'the answer and the resumption');
    const [answer] = noticesSent(c, 'original_creditor_answer');
    expect(answer!.data).toMatchObject({ channel: 'email', purpose: 'original_creditor' });
    expect(c.timeline.find((e) => e.kind === 'original_creditor_provided')!.data).toEqual({ channel: 'email', deliveryKey: answer!.data.deliveryKey, creditor: 'recorded' });
    const order = kinds(c);
    expect(order.indexOf('original_creditor_recorded')).toBeLessThan(order.indexOf('original_creditor_provided'));
    expect(order.indexOf('original_creditor_provided')).toBeLessThan(order.indexOf('resumed'));
    const mail = await emailSent(h, String(answer!.data.deliveryKey));
    expect(mail.subject).toBe('The original creditor of your debt');
    expect(mail.text).toContain('The original creditor is:\nFirst Bank of Example, N.A.\n10 Main Street, Dover, DE 19901');

    const after = await h.call<ContactStandingView>('GET', `/v1/loans/${loanId}/contact-standing`);
    expect(after.body.originalCreditorRequest).toMatchObject({ open: false, requestedAt: receivedAt, providedAt: expect.any(String) });
    expect(after.body.changes.filter((x) => x.change.startsWith('original_creditor')).map((x) => [x.change, x.source, x.sourceRef])).toEqual([
      ['original_creditor_requested', 'inbound', expect.any(String)],
      ['original_creditor_provided', 'recovery', answer!.data.deliveryKey],
    ]);

    // Collection goes on from the step the request interrupted (its day's wait, then the next email).
    c = await untilCase(h, workflowId, (d) => sent(d).some((e) => e.data.template === 'payment_reminder'), 'the next step', { ms: 60_000, advance: '6 hours' });
    expect(sent(c).map((e) => e.data.template)).toEqual(['reminder', 'original_creditor_answer', 'payment_reminder']);
  });
});
