import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { featureCounts, tokens } from './featurize.js';
import { CALL_INTENTS, CALL_INTENTS_DIR, IntentModel } from './intent-model.js';

const verification = JSON.parse(readFileSync(join(CALL_INTENTS_DIR, 'verification.json'), 'utf8')) as { tolerance: number; rows: { text: string; probabilities: number[] }[] };

describe('the call-intent model', () => {
  let model: IntentModel;
  beforeAll(async () => {
    model = await IntentModel.load();
  });
  afterAll(() => model.close());

  it('tokenises as training does: digits, apostrophes, Devanagari digits and script', () => {
    expect(tokens("I'll pay ₹2,500 on the 15th")).toEqual(['ill', 'pay', '0', '0', 'on', 'the', '15th']);
    expect(tokens('मैं कल ५००० दूंगा')).toEqual(['मैं', 'कल', '0', 'दूंगा']);
    expect([...featureCounts('stop it').keys()].slice(0, 3)).toEqual(['w:stop', 'w:it', 'b:stop it']);
  });

  it("reproduces training's probabilities for the held-out verification rows", async () => {
    const scored = await model.score(verification.rows.map((r) => r.text));
    expect(verification.rows.length).toBeGreaterThanOrEqual(50);
    verification.rows.forEach((row, i) => {
      CALL_INTENTS.forEach((intent, k) => expect(Math.abs(scored[i]!.probabilities[intent] - row.probabilities[k]!)).toBeLessThanOrEqual(1e-9));
    });
  });

  it('finds the intents of phrasings not in its training set', async () => {
    const [promise, stop, threat, neutral] = await model.score([
      'okay fine, I will pay 3000 rupees on Friday',
      'please stop calling me, I do not want these calls',
      "if you don't pay we will send the police to your house",
      'what time does your office open on Saturday',
    ]);
    expect(promise!.detected).toContain('promise_to_pay');
    expect(stop!.detected).toContain('stop_contact');
    expect(threat!.detected).toContain('threat');
    expect(neutral!.detected).toEqual([]);
  });
});
