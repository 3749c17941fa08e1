// Writes a loan's projection, converging on what the workflow's history says.
//
// Writes are local activities, and a local activity runs inside a workflow task: when that task
// is discarded (a worker killed mid-task, an update the SDK dropped), its writes stand although
// the history never recorded them, and the task that replaces it may record other events under
// the same seq numbers. So a write from the workflow overwrites what is stored, not the other way
// round: events and payments by their keys and, when something else wrote since the workflow's
// last write, anything beyond the workflow's last event and any payment no event backs are
// removed. The snapshot's version orders writes: one that is
// older than what is stored (an abandoned attempt arriving late, or a discarded task that got
// ahead), or that leaves the schedule out although someone else wrote since, changes nothing and
// answers with the stored version; the workflow then writes everything again above it
// (loan-record.ts). Money the events say the loan could not keep (payments it recorded as
// unapplied, overpayments) is held as unapplied cash in the same transaction, and an open item
// that no event backs any more (a discarded task's) is released.
import type { EntityManager } from '@mikro-orm/postgresql';
import type { LoanProjection, ProjectionResult } from '../../domain/loan-view.js';
import { unappliedFromLoanEvents } from '../../domain/unapplied-cash.js';
import { UnappliedCashRepository } from './unapplied-cash.repository.js';

export class LoanProjectionRepository {
  constructor(private readonly em: EntityManager) {}

  async apply({ snapshot: s, events, payments, lastEventSeq, previousVersion }: LoanProjection): Promise<ProjectionResult> {
    return this.em.transactional(async (em) => {
      const [stored] = await em.execute<{ version: string }[]>(`select version from loans where loan_id = ? for update`, [s.loanId]);
      const storedVersion = stored ? Number(stored.version) : undefined;
      const overtaken = storedVersion !== undefined && storedVersion > s.version;
      const scheduleStale = storedVersion !== undefined && s.schedule === undefined && previousVersion !== undefined && storedVersion !== previousVersion;
      if (overtaken || scheduleStale) return { applied: false, storedVersion };

      // Someone else wrote since this workflow's last write (a discarded task): what it left must go.
      const foreign = storedVersion !== undefined && lastEventSeq !== undefined && storedVersion !== previousVersion;
      if (events.length > 0) {
        await em.execute(
          `insert into loan_events (loan_id, seq, type, data, occurred_at) values ${events.map(() => '(?, ?, ?, ?, ?)').join(', ')}
           on conflict (loan_id, seq) do update set type = excluded.type, data = excluded.data, occurred_at = excluded.occurred_at`,
          events.flatMap((e) => [s.loanId, e.seq, e.type, JSON.stringify(e.data), e.occurredAt]),
        );
      }
      if (payments.length > 0) {
        await em.execute(
          `insert into payments (loan_id, external_id, amount, currency, source, allocation, received_on, applied_at)
           values ${payments.map(() => '(?, ?, ?, ?, ?, ?, ?, now())').join(', ')}
           on conflict (loan_id, external_id) do update set amount = excluded.amount, currency = excluded.currency, source = excluded.source,
             allocation = excluded.allocation, received_on = excluded.received_on`,
          payments.flatMap((p) => [s.loanId, p.externalId, p.amount, p.currency, p.source, JSON.stringify(p.allocation), p.receivedOn]),
        );
      }
      const unapplied = new UnappliedCashRepository(em);
      if (foreign) {
        await em.execute(`delete from loan_events where loan_id = ? and seq > ?`, [s.loanId, lastEventSeq]);
        await em.execute(
          `delete from payments p where p.loan_id = ? and not exists (
             select 1 from loan_events e where e.loan_id = p.loan_id and e.type = 'payment.applied' and e.data->>'externalId' = p.external_id)`,
          [s.loanId],
        );
        await unapplied.reconcileLoanItems(s.loanId, s.currency);
      } else {
        await unapplied.holdFromLoan(unappliedFromLoanEvents(s.loanId, s.currency, events));
      }
      const json = (v: unknown) => (v === null ? null : JSON.stringify(v));
      await em.execute(
        `insert into loans (loan_id, status, bucket, product, currency, requested_principal, principal, decision, offer, schedule,
           outstanding_principal, outstanding_total, days_past_due, review, credit_limit, closed_reason, arrangement, version, created_at, updated_at)
         values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
         on conflict (loan_id) do update set
           status = excluded.status, bucket = excluded.bucket, principal = excluded.principal, decision = excluded.decision,
           offer = excluded.offer, schedule = coalesce(excluded.schedule, loans.schedule), outstanding_principal = excluded.outstanding_principal,
           outstanding_total = excluded.outstanding_total, days_past_due = excluded.days_past_due, review = excluded.review,
           credit_limit = excluded.credit_limit, closed_reason = excluded.closed_reason, arrangement = excluded.arrangement, version = excluded.version, updated_at = excluded.updated_at`,
        [
          s.loanId, s.status, s.bucket, s.product, s.currency, s.requestedPrincipal, s.principal, json(s.decision), json(s.offer),
          json(s.schedule ?? null), s.outstandingPrincipal, s.outstandingTotal, s.daysPastDue, json(s.review), s.creditLimit ?? null, s.closedReason, json(s.arrangement ?? null), s.version,
          s.createdAt, s.updatedAt,
        ],
      );
      return { applied: true };
    });
  }
}
