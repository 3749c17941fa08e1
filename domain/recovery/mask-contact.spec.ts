import { expect, it } from '@jest/globals';
import { maskContactDetails, maskEmail, maskPhone } from './mask-contact.js';

it('keeps the start of a phone number and its last three digits', () => {
  expect(maskPhone('+919800000101')).toBe('+91•••••••101');
  expect(maskPhone('+15005550500')).toBe('+15••••••500');
  expect(maskPhone('12345')).toBe('•••••');
});

it('keeps the first letter of an email and its domain, not the mailbox length', () => {
  expect(maskEmail('neha.sharma@example.com')).toBe('n•••@example.com');
  expect(maskEmail('n@example.com')).toBe('n•••@example.com');
  expect(maskEmail('not-an-address')).toBe('•••');
});

it('masks addresses quoted in free text and leaves codes and dates alone', () => {
  expect(maskContactDetails("Error: 21211 The 'To' number +15005550500 is not valid; bounced for priya.s@example.com on 2026-12-07")).toBe(
    "Error: 21211 The 'To' number +15••••••500 is not valid; bounced for p•••@example.com on 2026-12-07",
  );
  expect(maskContactDetails('whatsapp:+919800000101 rejected (9800000101)')).toBe('whatsapp:+91•••••••101 rejected (980••••101)');
});
