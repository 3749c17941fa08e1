// The published recovery test borrowers, like the applicants' test identities: contact one of
// these phone numbers or email addresses through the Twilio or SendGrid sandbox and the borrower
// answers as written here. IDENTITIES.md renders this table for people and recovery-borrowers.spec.ts
// holds the page to it. Anyone else is delivered to and never replies.
export type BorrowerBehaviour =
  /** pays the amount the first text names, for the loan its pay link names, through the gateway */
  | { kind: 'pays' }
  /** texts this back after the first message (SMS or WhatsApp), once */
  | { kind: 'replies'; text: string }
  /** answers the call and presses these keys at the first Gather */
  | { kind: 'presses'; digits: string }
  /** texts are delivered; every email bounces (a permanent failure) */
  | { kind: 'email_bounces' }
  /** a text reaches the wrong person, who says so */
  | { kind: 'wrong_number'; text: string };

export interface RecoveryBorrower {
  key: string;
  name: string;
  /** E.164; WhatsApp reaches the same number as `whatsapp:<phone>` */
  phone: string;
  email: string;
  behaviour: BorrowerBehaviour;
  /** what the recovery engine should make of it */
  expected: string;
}

export const RECOVERY_BORROWERS: readonly RecoveryBorrower[] = [
  { key: 'payer', name: 'Neha Kapoor', phone: '+919000000101', email: 'neha.kapoor@example.com', behaviour: { kind: 'pays' }, expected: 'A payment for the amount named reaches the loan through the gateway webhook; recovery cures.' },
  { key: 'stopper', name: 'Karan Mehta', phone: '+919000000102', email: 'karan.mehta@example.com', behaviour: { kind: 'replies', text: 'STOP' }, expected: 'Texts opted out (an email unsubscribes with a one-click unsubscribe event); the next step uses another channel.' },
  { key: 'disputer', name: 'Pooja Bansal', phone: '+919000000103', email: 'pooja.bansal@example.com', behaviour: { kind: 'replies', text: "I don't owe this" }, expected: 'A dispute: collection pauses until verification is recorded.' },
  { key: 'promiser', name: 'Rahul Desai', phone: '+919000000104', email: 'rahul.desai@example.com', behaviour: { kind: 'replies', text: 'I will pay 5000 on Friday' }, expected: 'A promise of 5,000 on the next Friday, never paid: broken, down the broken-promise path.' },
  { key: 'promiserHindi', name: 'Sunita Yadav', phone: '+919000000105', email: 'sunita.yadav@example.com', behaviour: { kind: 'replies', text: 'मैं शुक्रवार को 5000 दूंगा' }, expected: 'The same promise in Hindi, and broken the same way.' },
  { key: 'wrongNumber', name: 'Amit Chawla', phone: '+919000000106', email: 'amit.chawla@example.com', behaviour: { kind: 'wrong_number', text: 'Wrong number, I do not know this person' }, expected: 'A wrong-number report: the number is not used again.' },
  { key: 'bouncer', name: 'Farhan Qureshi', phone: '+919000000107', email: 'farhan.qureshi@example.com', behaviour: { kind: 'email_bounces' }, expected: 'Every email bounces (permanent, 550): email is not tried again.' },
  { key: 'ivrPromiser', name: 'Lakshmi Pillai', phone: '+919000000108', email: 'lakshmi.pillai@example.com', behaviour: { kind: 'presses', digits: '1' }, expected: 'Answers the IVR call and presses 1: a promise to pay from the IVR.' },
];

/**
 * Numbers that fail like Twilio's own test numbers (21211 invalid, 21610 opted out at the carrier,
 * 21614 not a mobile) or the way a provider does under load (429, 500), and numbers whose send is
 * accepted but then fails on the network (undelivered 30003, failed 30006), or whose call is not
 * answered. `answerLost`: the sandbox accepts the send and drops the connection before answering,
 * so the caller sees a network error for a message that exists (find() reconciles it).
 */
export const TWILIO_TEST_NUMBERS = {
  invalid: '+15005550001',
  blocked: '+15005550004',
  notMobile: '+15005550009',
  rateLimited: '+15005550429',
  providerError: '+15005550500',
  undelivered: '+919000000190',
  failed: '+919000000191',
  noAnswer: '+919000000192',
  busy: '+919000000193',
  answerLost: '+919000000199',
} as const;

/** An address whose send SendGrid accepts but whose answer is lost (the connection drops). */
export const SENDGRID_TEST_ADDRESSES = {
  answerLost: 'answer.lost@example.com',
} as const;

/**
 * Letters whose recipient's first address line is one of these fare as named at the Lob sandbox
 * (compared without regard to case): sent back to the sender after it was delivered to the
 * wrong door (`letter.returned_to_sender`), refused at creation as an address the post cannot
 * deliver to (422 failed_deliverability_strictness), or made with the answer lost (the connection
 * drops). Every other address is delivered.
 */
export const LOB_TEST_ADDRESSES = {
  returned: '1 Returned Mail Way',
  undeliverable: '0 Nowhere Street',
  answerLost: '9 Lost Answer Road',
} as const;

const byPhone = new Map(RECOVERY_BORROWERS.map((b) => [b.phone, b]));
const byEmail = new Map(RECOVERY_BORROWERS.map((b) => [b.email.toLowerCase(), b]));

/** `to` as Twilio takes it: `+E164` or `whatsapp:+E164`. */
export function borrowerByPhone(to: string): RecoveryBorrower | undefined {
  return byPhone.get(to.replace(/^whatsapp:/, ''));
}

export function borrowerByEmail(to: string): RecoveryBorrower | undefined {
  return byEmail.get(to.toLowerCase());
}
