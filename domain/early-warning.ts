// What ops should do about a current loan the delinquency-roll model fears for. Above the model's
// own threshold (`flagged`) the loan is more likely than not to be among those that roll; a
// probability of one half or more asks for a person before the due date, not only a message.
export type EarlyWarningAction = 'call_before_due_date' | 'reminder_and_autopay_offer' | 'monitor';

export const EARLY_WARNING_ACTIONS: Record<EarlyWarningAction, string> = {
  call_before_due_date: 'a collector calls before the next due date',
  reminder_and_autopay_offer: 'a reminder before the due date, with an offer to set up autopay',
  monitor: 'no action: watch the next score',
};

/** one half, in basis points */
export const CALL_AT_BPS = 5_000;

export function earlyWarningAction(rollProbability: number, flagged: boolean): EarlyWarningAction {
  if (Math.round(rollProbability * 10_000) >= CALL_AT_BPS) return 'call_before_due_date';
  return flagged ? 'reminder_and_autopay_offer' : 'monitor';
}
