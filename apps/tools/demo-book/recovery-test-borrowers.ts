// The recovery sandboxes' scripted borrowers, as the demo book carries them: the Twilio and
// SendGrid sandboxes recognise these phone numbers and emails and play the borrower (pay, reply
// STOP, dispute, promise and break it, wrong number, bounce, press 1 in the IVR). Taken from the
// sandboxes' own table (apps/sandboxes/recovery-borrowers.ts), so the two cannot drift.
import { RECOVERY_BORROWERS } from '../../sandboxes/recovery-borrowers.js';

export type RecoveryTestBorrower = (typeof RECOVERY_BORROWERS)[number]['key'];

export const RECOVERY_TEST_BORROWERS: Readonly<Record<RecoveryTestBorrower, { phone: string; email: string }>> = Object.fromEntries(
  RECOVERY_BORROWERS.map((b) => [b.key, { phone: b.phone, email: b.email }]),
);
