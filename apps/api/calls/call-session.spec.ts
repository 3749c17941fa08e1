import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { IntentModel } from '../../../models/call-intents/intent-model.js';
import type { BorrowerStanding } from '../../../policies/compliance/rules.js';
import { loadCallScript, unmet, type StreamedCall } from '../../sandboxes/twilio/call-streamer.js';
import { parseClientMessage } from './call-segment.js';
import { CallSession, type CallContext } from './call-session.js';

const STANDING: BorrowerStanding = {
  country: 'IN', timeZone: 'Asia/Kolkata', optedOutOfAll: false, optedOutChannels: [], wrongNumberChannels: [], bankruptcy: false, deceased: false, disputeOpen: false, automatedConsent: true, timeBarred: false,
};
const CONTEXT: CallContext = {
  loanId: '0b6f3c2e-9a41-4d5e-8f70-1c2d3e4f5a6b', caseId: 'case-recovery-0b6f3c2e-9a41-4d5e-8f70-1c2d3e4f5a6b-1', workflowId: 'recovery-0b6f3c2e-9a41-4d5e-8f70-1c2d3e4f5a6b-1', assigneeId: 'col-asha',
  currency: 'INR', country: 'IN', timeZone: 'Asia/Kolkata',
  risk: { propensity: 0.81, propensityBand: 'medium', segment: 'reminder', offer: 'none', rationale: null, rollProbability: 0.3, pd: 0.02, dpd: 20, bucket: '16-30', overdueMinor: 1_450_000, outstandingMinor: 8_700_000 },
  standing: STANDING, history: [],
};
/** 11:00 in India on a Wednesday. */
const NOON_IST = Date.parse('2026-12-02T05:30:00Z');

let model: IntentModel;
beforeAll(async () => {
  model = await IntentModel.load();
});
afterAll(() => model.close());

async function play(name: string, context: CallContext = CONTEXT, now = NOON_IST): Promise<StreamedCall> {
  const script = loadCallScript(name);
  const session = new CallSession(context, model.version);
  const ready = { type: 'ready', ...session.opening(now) };
  const segments = [];
  for (const [i, segment] of script.segments.entries()) {
    const [scores] = await model.score([segment.text]);
    segments.push({ segment, answer: { ...session.process({ type: 'segment', seq: i + 1, speaker: segment.speaker, text: segment.text }, scores!, now) }, screenMs: 0 });
  }
  return { ready, segments };
}

describe('a call through the assist', () => {
  it.each(['hardship-then-promise', 'stop-and-threat', 'hinglish-promise'])('the scripted call %s finds what its script expects', async (name) => {
    expect(unmet(await play(name))).toEqual([]);
  });

  it('reads the promise in the loan currency and on the borrower\'s calendar', async () => {
    const call = await play('hardship-then-promise');
    const promise = call.segments.find((s) => s.answer.promise)!.answer;
    expect(promise.promise).toEqual({ amountMinor: 500_000, currency: 'INR', dueOn: '2026-12-04' });
    expect(promise.nextBestAction).toMatchObject({ code: 'confirm_promise', record: { route: `POST /v1/desk/cases/${CONTEXT.caseId}/outcomes`, body: { outcome: 'promised', promise: { amountMinor: 500_000, dueOn: '2026-12-04' } } } });
  });

  it('warns that the gate would not allow the call outside the borrower\'s hours, and on an opt-out from calls', () => {
    const night = new CallSession(CONTEXT, model.version).opening(Date.parse('2026-12-02T17:00:00Z'));
    expect(night.warnings).toEqual([expect.objectContaining({ code: 'gate', rule: 'in.rbi.recovery-hours', severity: 'critical' })]);
    expect(night.nextBestAction.code).toBe('end_call_gate');
    const optedOut = new CallSession({ ...CONTEXT, standing: { ...STANDING, optedOutChannels: ['voice'] } }, model.version).opening(NOON_IST);
    expect(optedOut.warnings.map((w) => w.code)).toEqual(['gate']);
    expect(new CallSession(CONTEXT, model.version).opening(NOON_IST).warnings).toEqual([]);
  });

  it("reads a collector's threat of suit by the drafting gate's rule, and not a promise that there will be none", async () => {
    const said = async (speaker: 'borrower' | 'collector', text: string) => {
      const session = new CallSession(CONTEXT, model.version);
      const [scores] = await model.score([text]);
      return session.process({ type: 'segment', seq: 1, speaker, text }, scores!, NOON_IST);
    };
    for (const text of ["If you don't pay we will sue you.", "You'll be sued, and we'll take you to court."]) {
      const answer = await said('collector', text);
      expect(answer.intents).toContainEqual(expect.objectContaining({ intent: 'threat', source: expect.stringMatching(/^(rule|both)$/) }));
      expect(answer.newWarnings).toContain('threat');
    }
    for (const text of ['We will not sue you, we want to find a plan that works.', 'We cannot sue you over this.']) {
      const answer = await said('collector', text);
      expect(answer.intents.map((i) => i.intent)).not.toContain('threat');
      expect(answer.warnings.map((w) => w.code)).not.toContain('threat');
    }
    const asked = await said('borrower', 'Are you going to sue me?');
    expect(asked.warnings.map((w) => w.code)).not.toContain('threat');
  });

  it('refuses malformed messages field by field', () => {
    expect(parseClientMessage('not json')).toMatchObject({ ok: false, problems: [{ field: '' }] });
    expect(parseClientMessage('{"speaker":"agent","text":"","seq":3,"extra":1}')).toEqual({
      ok: false,
      seq: 3,
      problems: [
        { field: 'extra', message: expect.any(String) },
        { field: 'speaker', message: 'speaker is one of borrower, collector' },
        { field: 'text', message: 'text is empty' },
      ],
    });
    expect(parseClientMessage('{"type":"confirm","action":"pay"}')).toMatchObject({ ok: false, problems: [{ field: 'action' }] });
    expect(parseClientMessage('{"speaker":"borrower","text":"hello"}')).toEqual({ ok: true, message: { type: 'segment', speaker: 'borrower', text: 'hello' } });
  });
});
