// The offer stands until the borrower accepts or declines it, or it expires.
import { condition } from '@temporalio/workflow';
import type { BankAccount } from '../../domain/application.js';
import type { Offer } from '../../domain/credit.js';
import { durationMs } from '../../domain/duration.js';
import type { LoanWorkflowInput } from './definitions.js';
import type { Inbox } from './inbox.js';
import type { LoanRecord } from './loan-record.js';

export type OfferOutcome = { accepted: true; bankAccount: BankAccount } | { accepted: false; reason: 'declined' | 'expired' | 'withdrawn' };

export async function presentOffer(record: LoanRecord, inbox: Inbox, input: LoanWorkflowInput, offer: Offer): Promise<OfferOutcome> {
  const expiry = durationMs(input.product.offerExpiry);
  record.state.offer = { ...offer, expiresAt: new Date(Date.now() + expiry).toISOString() };
  record.emit('offer.presented', { principal: offer.principal, aprBps: offer.aprBps, termMonths: offer.termMonths, expiresAt: record.state.offer.expiresAt });
  record.setStatus('offered');

  record.publish();
  const answered = await condition(() => inbox.offer !== undefined || inbox.withdrawRequested, expiry);
  const answer = inbox.offer;
  if (!answered || !answer) {
    if (inbox.withdrawRequested) return { accepted: false, reason: 'withdrawn' };
    record.emit('offer.expired');
    return { accepted: false, reason: 'expired' };
  }
  if (!answer.accepted) {
    record.emit('offer.declined');
    return { accepted: false, reason: 'declined' };
  }
  // The update's validator made sure one of the two exists.
  const bankAccount = answer.command.bankAccount ?? input.application.bankAccount!;
  record.emit('offer.accepted');
  return { accepted: true, bankAccount };
}
