// A send step with `draft: true` on the time-skipping server, end to end through the API and the
// worker: the drafting agent (the phrase banks: no chat model is configured) writes the text, and
// the dispatch sends that text through the gate, recording who wrote it; when the draft fails the
// gate's content rules, the step's template goes instead, as it would without the flag.
import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { createDraftingActivities } from '../../activities/assistant/draft-contact.activities.js';
import { IdentifierHasher } from '../../activities/fraud/identifier-hasher.js';
import { SEAL_BODY } from '../../activities/recovery-contact/contact-dispatcher.js';
import { FieldCipher } from '../../apps/shared/crypto/field-cipher.js';
import { startApiHarness, type ApiHarness } from '../../apps/testkit/api-harness.js';
import { loanIntoArrears, sent, submitPolicy, textSent, untilCase, type CaseDetail } from '../../apps/testkit/recovery-cases.js';
import { terminateSettled } from '../../apps/testkit/terminate-settled.js';
import { SEAL } from '../../db/repositories/contact-profile.repository.js';
import { formatMoney } from '../../domain/money.js';
import { checkMessageContent } from '../../policies/compliance/message-content.js';

let h: ApiHarness;
const episodes: string[] = [];

beforeAll(async () => {
  h = await startApiHarness({ server: 'time-skipping' });
  await submitPolicy(
    h,
    `
name: drafted-reminder
settings: { weeklyCaps: { sms: 3, email: 3 }, fallback: {}, promiseToleranceBps: 100, promiseMaxDays: 30 }
rules:
  - id: main
    when: {}
    path:
      - send: { channel: sms, template: reminder, draft: true }
      - wait: { days: 30, until: [paid] }
`,
    { author: 'drafts' },
  );
});

afterEach(async () => {
  for (const id of episodes.splice(0)) await terminateSettled(h.t.env.client, id);
});

afterAll(async () => {
  await h?.close();
});

/** The text as the provider got it, without the reference the channel adapter appends for replies. */
const withoutRef = (text: string) => text.replace(/ Ref [A-Z0-9]+$/, '');

const firstText = (workflowId: string) => untilCase(h, workflowId, (d) => sent(d).length === 1, 'the first text', { ms: 90_000, advance: '1 hour' });

async function delivery(deliveryKey: string): Promise<{ composer: string | null; body: string; contactAt: number; template: string }> {
  const [row] = await h.t.orm.em.fork().execute<{ composer: string | null; body_sealed: string; contact_at: Date | string; template: string }[]>(
    'select composer, body_sealed, contact_at, template from contact_deliveries where delivery_key = ?',
    [deliveryKey],
  );
  return { composer: row!.composer, body: new FieldCipher(h.t.keyring).decrypt(row!.body_sealed, SEAL_BODY), contactAt: new Date(row!.contact_at).getTime(), template: row!.template };
}

function drafting() {
  return createDraftingActivities({ orm: h.t.orm, cipher: new FieldCipher(h.t.keyring), hasher: new IdentifierHasher(h.t.identifierKey), identity: h.t.config.recovery, publicBaseUrl: h.t.config.twilio.publicWebhookBase });
}

describe('a send step the drafting agent writes', () => {
  it('sends the draft\'s text, with the figures from the records, and records the phrase banks as its composer', async () => {
    const { loanId, workflowId, active } = await loanIntoArrears(h);
    episodes.push(workflowId);
    const c: CaseDetail = await firstText(workflowId);
    const contact = sent(c)[0]!;
    expect(contact.data).toMatchObject({ channel: 'sms', template: 'reminder', composer: 'phrase_bank' });
    // Before 08:00 in India the draft was refused for the hour (as the template was, and the contact rescheduled); drafted again at 08:00, it went.
    expect(c.timeline.filter((e) => e.kind === 'draft_not_used').map((e) => e.data.reason)).toEqual(c.timeline.some((e) => e.kind === 'contact_blocked') ? [expect.stringContaining('recovery-hours')] : []);

    const deliveryKey = String(contact.data.deliveryKey);
    const text = withoutRef(await textSent(h, deliveryKey));
    const kept = await delivery(deliveryKey);
    expect(kept).toMatchObject({ composer: 'phrase_bank', template: 'reminder', body: text });
    // The same draft, asked for again at the instant the contact was made: what the borrower got is the agent's text.
    const again = await drafting().draftContactMessage({ loanId, channel: 'sms', purpose: 'reminder', at: kept.contactAt });
    expect(again.use).toBe('draft');
    expect(again.use === 'draft' && again.text).toBe(text);
    expect(text).toContain(formatMoney({ amount: active.schedule![0]!.amountDue, currency: active.currency }));
    expect(checkMessageContent({ channel: 'sms', subject: null, text, requiredLines: [] })).toEqual([]);
  }, 180_000);

  it('sends the step\'s template when the draft fails the content rules', async () => {
    // A borrower named Sue: the content rules read "sue" in the drafted text as a threat of suit, and refuse the draft.
    const { workflowId } = await loanIntoArrears(h, async (loanId) => {
      await h.t.orm.em.fork().execute('update contact_profiles set name_sealed = ? where loan_id = ?', [new FieldCipher(h.t.keyring).encrypt('Sue Pillai', SEAL.name), loanId]);
    });
    episodes.push(workflowId);
    const c = await firstText(workflowId);
    // The last draft, at the hour the text went, was refused for its words.
    const refused = c.timeline.filter((e) => e.kind === 'draft_not_used').at(-1);
    expect(refused?.data).toMatchObject({ channel: 'sms', reason: 'the draft did not pass the gate (content.no-threat)' });
    const contact = sent(c)[0]!;
    expect(contact.data).toMatchObject({ channel: 'sms', template: 'reminder', composer: 'template' });
    const deliveryKey = String(contact.data.deliveryKey);
    const text = withoutRef(await textSent(h, deliveryKey));
    expect(await delivery(deliveryKey)).toMatchObject({ composer: 'template', body: text });
    // The template's own wording (the reminder recovery.test.ts reads), not a draft's.
    expect(text).toMatch(/your payment of .+ was due/);
  }, 180_000);
});
