// Writes a loan's projection. Idempotent and order-safe: events and payments insert once by
// their natural keys, and the view only moves forward (a stale or replayed snapshot, whose
// version is not newer, changes nothing). Money the events say the loan could not keep (payments
// it recorded as unapplied, overpayments) is held as unapplied cash in the same transaction.
import type { EntityManager } from '@mikro-orm/postgresql';
import type { LoanProjection } from '../../domain/loan-view.js';
import { unappliedFromLoanEvents } from '../../domain/unapplied-cash.js';
import { UnappliedCashRepository } from './unapplied-cash.repository.js';

export class LoanProjectionRepository {
  constructor(private readonly em: EntityManager) {}

  async apply({ snapshot: s, events, payments }: LoanProjection): Promise<{ applied: boolean }> {
    return this.em.transactional(async (em) => {
      for (const e of events) {
        await em.execute(
          `insert into loan_events (loan_id, seq, type, data, occurred_at) values (?, ?, ?, ?, ?) on conflict (loan_id, seq) do nothing`,
          [s.loanId, e.seq, e.type, JSON.stringify(e.data), e.occurredAt],
        );
      }
      for (const p of payments) {
        await em.execute(
          `insert into payments (loan_id, external_id, amount, currency, source, allocation, received_on, applied_at) values (?, ?, ?, ?, ?, ?, ?, now())
           on conflict (loan_id, external_id) do nothing`,
          [s.loanId, p.externalId, p.amount, p.currency, p.source, JSON.stringify(p.allocation), p.receivedOn],
        );
      }
      await new UnappliedCashRepository(em).holdFromLoan(unappliedFromLoanEvents(s.loanId, s.currency, events));
      const json = (v: unknown) => (v === null ? null : JSON.stringify(v));
      const result = await em.execute<{ affectedRows: number }>(
        `insert into loans (loan_id, status, bucket, product, currency, requested_principal, principal, decision, offer, schedule,
           outstanding_principal, outstanding_total, days_past_due, review, credit_limit, closed_reason, version, created_at, updated_at)
         values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
         on conflict (loan_id) do update set
           status = excluded.status, bucket = excluded.bucket, principal = excluded.principal, decision = excluded.decision,
           offer = excluded.offer, schedule = coalesce(excluded.schedule, loans.schedule), outstanding_principal = excluded.outstanding_principal,
           outstanding_total = excluded.outstanding_total, days_past_due = excluded.days_past_due, review = excluded.review,
           credit_limit = excluded.credit_limit, closed_reason = excluded.closed_reason, version = excluded.version, updated_at = excluded.updated_at
         where loans.version < excluded.version`,
        [
          s.loanId, s.status, s.bucket, s.product, s.currency, s.requestedPrincipal, s.principal, json(s.decision), json(s.offer),
          json(s.schedule ?? null), s.outstandingPrincipal, s.outstandingTotal, s.daysPastDue, json(s.review), s.creditLimit ?? null, s.closedReason, s.version,
          s.createdAt, s.updatedAt,
        ],
        'run',
      );
      return { applied: result.affectedRows > 0 };
    });
  }
}
