// The full contact log of one strategy's run: per loan, the borrower's standing as the lender
// knew it at the start, and every record in time order: each contact attempt (sent, or blocked
// with the gate's rule and retry instant), each abandonment with its reason, what the borrower
// did that changes what may be sent (opt-outs, wrong numbers, bounces, disputes, flags), and the
// episode's end. The independent checker reads only this.
import type { Channel } from '../../policies/compliance/rules.js';

/** notice: one the law requires, sent beside the path (the validation notice after a first communication by phone) */
export type AttemptSource = 'path' | 'collector' | 'baseline' | 'notice';

export type LogRecord =
  | {
      type: 'attempt';
      /** one requested contact, kept across its reschedules and fallbacks */
      contactId: number;
      at: number;
      channel: Channel;
      automated: boolean;
      source: AttemptSource;
      template: string;
      status: 'sent' | 'blocked';
      /** blocked: the gate's rule and the instant it allows the contact (null: never) */
      rule?: string;
      retryAt?: number | null;
      /** a call that reached the borrower about the debt */
      conversation: boolean;
      /** sent: the disclosures it carried (the validation information among them, us.reg-f.1006.34) */
      disclosures?: readonly string[];
      /** the policy rule that chose it, and the channels its step allowed */
      policyRule?: string;
      options?: readonly Channel[];
    }
  | { type: 'abandoned'; contactId: number; at: number; reason: string }
  | { type: 'borrower'; at: number; event: 'opt_out' | 'wrong_number' | 'bounce' | 'dispute_opened' | 'dispute_verified' | 'bankruptcy' | 'deceased'; channel?: Channel }
  | { type: 'ended'; at: number; reason: string };

export interface LoanLog {
  loanId: string;
  country: string;
  timeZone: string | null;
  automatedConsent: boolean;
  /** the caps per channel per 7 days the loan's strategy ran under */
  weeklyCaps: Partial<Record<Channel, number>>;
  records: LogRecord[];
}

export interface ContactLog {
  strategy: string;
  loans: LoanLog[];
}
