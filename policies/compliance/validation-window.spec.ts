import { describe, expect, it } from '@jest/globals';
import type { PastContact } from './rules.js';
import { writtenInformationDue } from './validation-window.js';

const HOUR = 3_600_000;
// Thursday 3 December 2026, 16:00 UTC.
const thursday = Date.UTC(2026, 11, 3, 16);
const endOf = (y: number, m: number, d: number) => Date.UTC(y, m, d + 1) - 1;

describe('the validation information owed in writing', () => {
  it('is owed after a telephone conversation that was the first communication, by the fifth business day after it', () => {
    const talked: PastContact = { channel: 'voice', at: thursday, conversation: true, collector: true };
    // Friday 4, Monday 7, Tuesday 8, Wednesday 9, Thursday 10 December.
    expect(writtenInformationDue('US', [talked])).toEqual({ disclosure: 'us.reg-f.1006.34', citation: expect.stringContaining('1006.34(a)(1)(i)(B)'), firstCommunicationAt: thursday, dueBy: endOf(2026, 11, 10) });
    // An automated call the borrower answered is a communication too; one nobody answered is not.
    expect(writtenInformationDue('US', [{ channel: 'voice', at: thursday, conversation: true, disclosures: ['us.reg-f.1006.18(e)'] }])?.firstCommunicationAt).toBe(thursday);
    expect(writtenInformationDue('US', [{ channel: 'voice', at: thursday, conversation: false, collector: true }])).toBeNull();
  });

  it('skips weekends and federal holidays: a conversation on the Friday before Christmas gives until Monday 28 December', () => {
    const friday = Date.UTC(2026, 11, 18, 15);
    // Monday 21, Tuesday 22, Wednesday 23, Thursday 24, (Christmas, the weekend), Monday 28.
    expect(writtenInformationDue('US', [{ channel: 'voice', at: friday, conversation: true, collector: true }])?.dueBy).toBe(endOf(2026, 11, 28));
  });

  it('is not owed once a text or email carried it, nor outside the US, nor before any communication', () => {
    const talked: PastContact = { channel: 'voice', at: thursday, conversation: true, collector: true };
    expect(writtenInformationDue('US', [talked, { channel: 'email', at: thursday + HOUR, conversation: false, disclosures: ['us.reg-f.1006.34'] }])).toBeNull();
    // A call that spoke it does not count: it is owed in writing.
    expect(writtenInformationDue('US', [{ channel: 'voice', at: thursday, conversation: true, disclosures: ['us.reg-f.1006.34'] }])).not.toBeNull();
    // A text that went out without it (a US pack before this rule) starts the window as the first communication.
    expect(writtenInformationDue('US', [{ channel: 'sms', at: thursday, conversation: false }, talked])).toMatchObject({ firstCommunicationAt: thursday });
    expect(writtenInformationDue('IN', [talked])).toBeNull();
    expect(writtenInformationDue('US', [])).toBeNull();
  });
});
