// The loan's state inside its workflow, the events it records and how they reach Postgres.
//
// Projection runs beside the workflow rather than in line with it: state changes mark the record
// dirty, and publish() starts one projection loop (at most one at a time) that writes the newest
// snapshot plus the events not yet written. The workflow publishes whenever it is about to wait
// for time or people, so a burst of steps costs one write, not one per step. Snapshots carry a
// revision so the read model only ever moves forward; flush() publishes and waits, and is
// awaited wherever a caller must read its own write (decisions, commands) and before the
// workflow ends or continues as new.
import { condition, log, patched, upsertSearchAttributes, workflowInfo } from '@temporalio/workflow';
import { toIsoDate, type IsoDate } from '../../domain/calendar.js';
import type { CreditLimit } from '../../domain/credit.js';
import type { DecisionView, LoanEventRecord, LoanSnapshot, OfferView, PaymentView, ReviewView } from '../../domain/loan-view.js';
import { isTerminal, type LoanStatus } from '../../domain/loan-status.js';
import { dueAsOf, outstandingPrincipal, type LoanAccount } from '../../domain/servicing.js';
import { daysPastDue } from '../../domain/delinquency.js';
import type { Product } from '../../domain/product.js';
import { arrangementView, type ArrangementState } from './arrangement-state.js';
import { projections } from './activities.js';
import { LOAN_BUCKET, LOAN_PRODUCT, LOAN_STATUS } from './search-attributes.js';
import { scheduleLines } from './schedule-lines.js';

/** Patch IDs: each names a change made while loans were in flight (see workflows/README.md). */
export const CLOSED_LOANS_LEAVE_BUCKETS = 'closed-loans-leave-buckets';
/** The delinquency-roll model and the limit policy re-assess the credit limit on each due date. */
export const CREDIT_LIMIT_REVIEW = 'credit-limit-review';
/** A loan falling into a delinquent bucket is scored and segmented for recovery. */
export const RECOVERY_SEGMENTS = 'recovery-segments';
/** A projection refused because a discarded workflow task wrote ahead of it is written again, above that. */
export const PROJECTION_CONVERGES = 'projection-converges';

export interface LoanRecordState {
  loanId: string;
  product: Product;
  currency: string;
  requestedPrincipal: number;
  createdAt: string;
  status: LoanStatus;
  bucket: string | null;
  decision: DecisionView | null;
  offer: OfferView | null;
  principal: number | null;
  account: LoanAccount | null;
  review: ReviewView | null;
  closedReason: string | null;
  /** set at activation from the origination score; absent for loans activated before limits were tracked */
  creditLimit?: CreditLimit;
  /** the latest arrangement (absent from loans that never had one) */
  arrangement?: ArrangementState;
  /** every arrangement applied, by ID: applying one again changes nothing */
  arrangementIds?: string[];
  /** events recorded so far (the next event gets seq + 1) */
  seq: number;
  /** state changes so far: the snapshot version */
  revision: number;
}

export class LoanRecord {
  private unprojectedEvents: LoanEventRecord[] = [];
  private unprojectedPayments: PaymentView[] = [];
  private projectedRevision: number;
  private projecting = false;
  /** the schedule as last written, so an unchanged one is not sent (and stored in history) again */
  private projectedSchedule: string | undefined;

  constructor(readonly state: LoanRecordState) {
    this.projectedRevision = state.revision;
  }

  get loanId(): string {
    return this.state.loanId;
  }

  get status(): LoanStatus {
    return this.state.status;
  }

  /** Records a business event; `data` must hold no personal data (it is shown to ops). */
  emit(type: string, data: Record<string, unknown> = {}): void {
    this.state.seq += 1;
    this.unprojectedEvents.push({ seq: this.state.seq, type, data, occurredAt: new Date().toISOString() });
    log.info(type, { loanId: this.loanId, ...data });
    this.touch();
  }

  recordPayment(payment: PaymentView): void {
    this.unprojectedPayments.push(payment);
    this.touch();
  }

  setStatus(status: LoanStatus, closedReason?: string): void {
    if (this.state.status === status) return;
    const from = this.state.status;
    this.state.status = status;
    // A closed loan is in no collections bucket (the charge-off event keeps the last one). Added
    // after loans were already running: patched() keeps their recorded histories replaying.
    if (isTerminal(status) && patched(CLOSED_LOANS_LEAVE_BUCKETS)) this.state.bucket = null;
    if (closedReason !== undefined) this.state.closedReason = closedReason;
    this.emit('status.changed', { from, to: status, ...(closedReason ? { reason: closedReason } : {}) });
    this.upsertSearchAttributes();
  }

  setBucket(bucket: string | null): void {
    this.state.bucket = bucket;
    this.upsertSearchAttributes();
    this.touch();
  }

  /** Marks the snapshot changed; it reaches Postgres at the next publish() or flush(). */
  touch(): void {
    this.state.revision += 1;
  }

  /** Starts writing what changed, without waiting for it. */
  publish(): void {
    if (!this.projecting && this.projectedRevision < this.state.revision) this.startProjection();
  }

  /** Resolves once everything recorded so far is in Postgres. */
  async flush(): Promise<void> {
    const target = this.state.revision;
    this.publish();
    await condition(() => this.projectedRevision >= target);
  }

  snapshot(asOf: IsoDate = toIsoDate(Date.now())): LoanSnapshot {
    const s = this.state;
    const account = s.account;
    const closed = isTerminal(s.status);
    return {
      loanId: s.loanId,
      status: s.status,
      bucket: s.bucket,
      product: s.product.code,
      currency: s.currency,
      requestedPrincipal: s.requestedPrincipal,
      principal: s.principal,
      decision: s.decision,
      offer: s.offer,
      schedule: account ? scheduleLines(account, asOf) : null,
      outstandingPrincipal: account && !closed ? outstandingPrincipal(account) : 0,
      outstandingTotal: account && !closed ? outstandingTotal(account) : 0,
      daysPastDue: account && !closed ? daysPastDue(account, asOf, s.product.dpdToleranceMinor) : 0,
      review: s.review,
      creditLimit: s.creditLimit?.amount ?? null,
      closedReason: s.closedReason,
      ...(s.arrangement && account ? { arrangement: arrangementView(s.arrangement, account) } : {}),
      version: s.revision,
      createdAt: s.createdAt,
      updatedAt: new Date().toISOString(),
    };
  }

  upsertSearchAttributes(): void {
    upsertSearchAttributes([
      { key: LOAN_STATUS, value: this.state.status },
      { key: LOAN_PRODUCT, value: this.state.product.code },
      ...(this.state.bucket ? [{ key: LOAN_BUCKET, value: this.state.bucket }] : []),
    ]);
    if (!this.state.bucket && workflowInfo().typedSearchAttributes.get(LOAN_BUCKET) !== undefined) {
      upsertSearchAttributes([{ key: LOAN_BUCKET, value: null }]);
    }
  }

  private startProjection(): void {
    this.project().catch((err: unknown) => log.warn('projection stopped', { loanId: this.loanId, error: String(err) }));
  }

  private async project(): Promise<void> {
    this.projecting = true;
    try {
      while (this.projectedRevision < this.state.revision) {
        const events = this.unprojectedEvents.splice(0);
        const payments = this.unprojectedPayments.splice(0);
        const snapshot = this.snapshot();
        const schedule = JSON.stringify(snapshot.schedule);
        const { schedule: _unchanged, ...withoutSchedule } = snapshot;
        let result;
        try {
          result = await projections.projectLoan({
            snapshot: schedule === this.projectedSchedule ? withoutSchedule : snapshot,
            events,
            payments,
            lastEventSeq: this.state.seq,
            previousVersion: this.projectedRevision,
          });
        } catch (err) {
          // Only cancellation ends the retries; keep what was not written for the next attempt.
          this.unprojectedEvents.unshift(...events);
          this.unprojectedPayments.unshift(...payments);
          throw err;
        }
        if (!result.applied && patched(PROJECTION_CONVERGES)) {
          // A discarded task wrote ahead of this one: write everything again, above it.
          this.unprojectedEvents.unshift(...events);
          this.unprojectedPayments.unshift(...payments);
          this.projectedSchedule = undefined;
          this.state.revision = Math.max(this.state.revision, (result.storedVersion ?? 0) + 1);
          continue;
        }
        this.projectedRevision = snapshot.version;
        this.projectedSchedule = schedule;
      }
    } finally {
      this.projecting = false;
    }
  }
}

/** Everything still owed on the schedule (due or not), before any early-payoff waiver. */
function outstandingTotal(account: LoanAccount): number {
  const last = account.installments.at(-1);
  if (!last) return 0;
  const all = dueAsOf(account, last.dueDate);
  return Math.max(0, all.total - account.creditBalance);
}
