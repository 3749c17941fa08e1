// What a key pressed in the recovery IVR means, onto the same intents as a text reply
// (inbound-reply.ts), so the workflow acts on both alike. The script the calls play says:
// 1 to promise to pay the amount due, 2 to ask for help (a person calls back), 3 to dispute
// the debt, 9 to stop these calls. A promise from the IVR names no amount or day: the policy's
// default promise (the amount due, within its days) applies.
import type { ReplyIntent } from './inbound-reply.js';

export const IVR_KEYS: Readonly<Record<string, ReplyIntent>> = {
  '1': { kind: 'promise', amountMinor: null, on: null },
  '2': { kind: 'help' },
  '3': { kind: 'dispute' },
  '9': { kind: 'stop' },
};

export function understandKeyPress(digits: string): ReplyIntent {
  return IVR_KEYS[digits.trim().slice(0, 1)] ?? { kind: 'unknown' };
}

/** What the IVR says back, so the borrower hears what was understood. */
export function keyPressConfirmation(intent: ReplyIntent): string {
  switch (intent.kind) {
    case 'promise':
      return 'Thank you. We have recorded your promise to pay the amount due within 7 days.';
    case 'help':
      return 'Thank you. One of our team will call you back.';
    case 'dispute':
      return 'We have recorded that you dispute this debt. We will not contact you about it until we have sent you verification.';
    case 'stop':
      return 'We have recorded your request. We will not call you again about this account.';
    default:
      return 'Sorry, we did not understand your choice. Goodbye.';
  }
}
