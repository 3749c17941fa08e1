import { describe, expect, it } from '@jest/globals';
import { checkMessageContent } from './message-content.js';

const base = { channel: 'sms' as const, subject: null, requiredLines: ['Reply STOP to opt out.'] };

describe('checkMessageContent', () => {
  it('passes a plain message that carries its required lines', () => {
    expect(checkMessageContent({ ...base, text: 'Hi Priya, here is a short note about your loan. You can pay here: https://x Reply STOP to opt out.' })).toEqual([]);
  });

  it('refuses threats, false urgency, a missing opt-out and the debt on a lock screen', () => {
    const rules = checkMessageContent({ ...base, text: 'Your debt of ₹5,000 is overdue. Pay immediately or we will take legal action.' }).map((f) => f.rule);
    expect(rules).toEqual(['content.no-threat', 'content.no-false-urgency', 'content.required-disclosure', 'content.third-party-visible']);
  });

  it('reads an email\'s subject as what others may see', () => {
    expect(checkMessageContent({ channel: 'email', subject: 'Your overdue payment', text: 'x Reply STOP to opt out.', requiredLines: [] }).map((f) => f.rule)).toEqual(['content.third-party-visible']);
  });
});
