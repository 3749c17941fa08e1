// The recovery sandboxes' scripted borrowers, as the demo book carries them: the Twilio and
// SendGrid sandboxes (apps/sandboxes) recognise these phone numbers and emails and play the
// borrower (reply, bounce, press a key). The lead aligns these values with apps/sandboxes when
// the recovery branches merge: this constant is the one place the demo book takes them from.
export const RECOVERY_TEST_BORROWERS = {
  /** pays in full after the first SMS */
  paysAfterFirstSms: { phone: '+919800000101', email: 'pays.after.sms@example.com' },
  /** replies STOP to the first SMS */
  repliesStop: { phone: '+919800000102', email: 'replies.stop@example.com' },
  /** disputes the debt */
  disputes: { phone: '+919800000103', email: 'disputes@example.com' },
  /** promises to pay on a date, then does not */
  promisesAndBreaks: { phone: '+919800000104', email: 'promises.and.breaks@example.com' },
  /** the number belongs to someone else */
  wrongNumber: { phone: '+919800000105', email: 'wrong.number@example.com' },
  /** email to them bounces */
  emailBounces: { phone: '+919800000106', email: 'bounces@example.com' },
  /** answers the IVR call and presses 1 to promise */
  ivrPressesOne: { phone: '+919800000107', email: 'ivr.presses.one@example.com' },
} as const;

export type RecoveryTestBorrower = keyof typeof RECOVERY_TEST_BORROWERS;
