import { describe, expect, it } from '@jest/globals';
import { earlyWarningAction } from './early-warning.js';

describe('earlyWarningAction', () => {
  it('asks for a call from one half, a reminder above the model threshold, nothing below it', () => {
    expect(earlyWarningAction(0.5, true)).toBe('call_before_due_date');
    expect(earlyWarningAction(0.49, true)).toBe('reminder_and_autopay_offer');
    expect(earlyWarningAction(0.2, false)).toBe('monitor');
  });
});
