import { describe, expect, it } from '@jest/globals';
import { checkMessageContent } from './message-content.js';
import { threatIn } from './threat-words.js';

describe('threatIn', () => {
  it.each([
    ['We will sue you if this is not paid.', 'sue'],
    ["You'll be sued.", 'sued'],
    ["If you don't pay we will sue you", 'sue'],
    ["If you don't pay, we'll take you to court.", 'court'],
    ["We'll take you to court", 'court'],
    ['Pay now or we will take legal action', 'legal action'],
    ["Don't make me sue you.", 'sue'],
    ['We will not hesitate to file a lawsuit', 'lawsuit'],
    ['We have no choice but to sue you', 'sue'],
    ['Pay now or we take you to court', 'court'],
    ['You will be arrested', 'arrested'],
    ['We will send the police to your house', 'police'],
    ['We will not have you arrested if you pay today', 'arrested'],
    ['We are going to tell your employer', 'tell your employer'],
    ['पैसे नहीं दिए तो आप पर मुकदमा करेंगे', 'मुकदमा'],
    ['मुकदमा करेंगे, नहीं तो पैसे दो', 'मुकदमा'],
    ['अदालत में नहीं जाना है तो पैसे दो', 'अदालत'],
    ['मुकदमा नहीं चाहिए तो आज पैसे दो', 'मुकदमा'],
    ["If you don't want to be sued, pay today", 'sued'],
    ['Are you going to sue me? Because we will sue you anyway.', 'sue'],
    // Transcribed speech has no commas: a "no" or an "or not" before the one addressed denies nothing.
    ['no you will be sued', 'sued'],
    ['no you will be sued if you do not pay', 'sued'],
    ['like it or not you will be taken to court', 'court'],
    ['whether you pay or not you will be sued', 'sued'],
  ])('finds the threat in %j', (text, words) => {
    expect(threatIn(text)).toEqual({ words });
  });

  it.each([
    'Are you going to sue me?',
    'are you going to sue me',
    'Can they take me to court for this?',
    'Will I be sued?',
    'We will not sue you.',
    'We cannot sue you over this debt.',
    "We won't sue, and we can't: the debt is past the limitation period.",
    'We are not going to take you to court.',
    'We will not go to court or sue you over this.',
    'No legal action has been taken on your account.',
    'We do not intend to file a lawsuit.',
    'We have never sued a customer over a personal loan.',
    'no you will not be sued',
    'No, we will not take you to court.',
    'हम आप पर मुकदमा नहीं करेंगे',
    'Thank you for your courtesy on the call.',
    'Here is a short note about your loan and the options you have.',
  ])('finds no threat in %j', (text) => {
    expect(threatIn(text)).toBeNull();
  });

  it('is the drafting gate\'s rule: "we will not sue" passes it and "we will sue" does not', () => {
    const message = (text: string) => ({ channel: 'email' as const, subject: 'A note from Credence', text, requiredLines: [] });
    expect(checkMessageContent(message('We will not sue you; call us to talk about a plan.'))).toEqual([]);
    expect(checkMessageContent(message('Pay or we will sue you.'))).toEqual([expect.objectContaining({ rule: 'content.no-threat', reason: 'threatening words: "sue"' })]);
  });
});
