// Disbursement as a saga: reserve capital, post the ledger, pay out. Each step records how to
// undo it as soon as it has succeeded; if the payout fails the compensations run in reverse
// (reverse the ledger, release the reservation) and the loan ends disbursement_failed.
// Compensations cannot be cancelled and retry until they succeed: half-unwound money is worse
// than slow money. Under MONEY_WRITES_AS_ACTIVITIES the reservation and the journal are one
// recorded step and their unwinding one step too (activities/disbursement): three round trips
// through Temporal instead of five.
import { ActivityFailure, ApplicationFailure } from '@temporalio/common';
import { CancellationScope, workflowInfo } from '@temporalio/workflow';
import type { BankAccount } from '../../domain/application.js';
import type { Offer } from '../../domain/credit.js';
import { disbursementJournal } from '../../domain/ledger.js';
import { disbursement, funding, ledger, moneyWritesRecorded, payments } from './activities.js';
import type { LoanRecord } from './loan-record.js';

export type DisbursementOutcome = { ok: true; payoutId: string; paidAt: string } | { ok: false; failure: string };

export async function disburse(record: LoanRecord, offer: Offer, destination: BankAccount): Promise<DisbursementOutcome> {
  const wf = workflowInfo().workflowId;
  const loanId = record.loanId;
  const reservationKey = `${wf}-funding`;
  const journalKey = `${wf}-disbursement`;
  const compensations: { steps: string[]; undo: () => Promise<unknown> }[] = [];
  record.setStatus('disbursing');
  try {
    if (moneyWritesRecorded()) {
      const reservation = { reservationKey, loanId, currency: offer.currency, amount: offer.principal };
      await disbursement.commit({ reservation, journal: disbursementJournal(journalKey, loanId, offer.currency, offer.principal, offer.originationFee) });
      compensations.push({ steps: ['reverse_ledger', 'release_funds'], undo: () => disbursement.afterPayout.unwindDisbursement({ reservationKey, journalKey, reversalKey: `${journalKey}-reversal` }) });
      record.emit('disbursement.funds_reserved', { amount: offer.principal, currency: offer.currency });
      record.emit('disbursement.ledger_posted', { journalKey });
      const payout = await payments.sendPayout({ loanId, idempotencyKey: `${wf}-payout`, amount: offer.principal - offer.originationFee, currency: offer.currency, destination });
      await disbursement.afterPayout.consumeReservation({ reservationKey });
      record.emit('disbursement.paid_out', { payoutId: payout.payoutId, amount: offer.principal - offer.originationFee, paidAt: payout.paidAt });
      return { ok: true, payoutId: payout.payoutId, paidAt: payout.paidAt };
    }
    await funding.reserveFunds({ reservationKey, loanId, currency: offer.currency, amount: offer.principal });
    compensations.push({ steps: ['release_funds'], undo: () => funding.releaseFunds({ reservationKey }) });
    record.emit('disbursement.funds_reserved', { amount: offer.principal, currency: offer.currency });

    await ledger.postJournal(disbursementJournal(journalKey, loanId, offer.currency, offer.principal, offer.originationFee));
    compensations.push({ steps: ['reverse_ledger'], undo: () => ledger.reverseJournal({ journalKey, reversalKey: `${journalKey}-reversal` }) });
    record.emit('disbursement.ledger_posted', { journalKey });

    const payout = await payments.sendPayout({ loanId, idempotencyKey: `${wf}-payout`, amount: offer.principal - offer.originationFee, currency: offer.currency, destination });
    await funding.consumeReservation({ reservationKey });
    record.emit('disbursement.paid_out', { payoutId: payout.payoutId, amount: offer.principal - offer.originationFee, paidAt: payout.paidAt });
    return { ok: true, payoutId: payout.payoutId, paidAt: payout.paidAt };
  } catch (err) {
    const failure = failureCode(err);
    record.emit('disbursement.failed', { failure });
    await CancellationScope.nonCancellable(async () => {
      for (const { steps, undo } of compensations.reverse()) {
        await undo();
        for (const step of steps) record.emit('disbursement.compensated', { step });
      }
    });
    return { ok: false, failure };
  }
}

function failureCode(err: unknown): string {
  const cause = err instanceof ActivityFailure ? err.cause : err;
  if (cause instanceof ApplicationFailure) {
    const details = cause.details?.[0] as { failureCode?: string } | undefined;
    return details?.failureCode ?? cause.type ?? 'ApplicationFailure';
  }
  throw err;
}
