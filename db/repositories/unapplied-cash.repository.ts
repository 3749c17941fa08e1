// The unapplied-cash store. Holding is idempotent on the item's origin key and posts the receipt
// into suspense in the same transaction; an action claims the item under a row lock
// (decideClaim says whether it may), and completing it moves the status and posts the journal
// that takes the money out of suspense, again in one transaction.
import type { EntityManager } from '@mikro-orm/postgresql';
import { randomUUID } from 'node:crypto';
import { refundJournal, unappliedApplicationJournal, unappliedReceiptJournal } from '../../domain/ledger.js';
import {
  applicationJournalKey,
  applicationPaymentId,
  decideClaim,
  itemIdOfApplication,
  receiptJournalKey,
  refundIdempotencyKey,
  refundJournalKey,
  suspenseAccount,
  unappliedFromLoanEvents,
  type ClaimDecision,
  type NewUnappliedCash,
  type UnappliedAction,
  type UnappliedCashItem,
  type UnappliedReason,
  type UnappliedStatus,
} from '../../domain/unapplied-cash.js';
import { LedgerRepository } from './ledger.repository.js';

export interface UnappliedCashFilter {
  status?: UnappliedStatus;
  reason?: UnappliedReason;
  currency?: string;
}

export interface UnappliedCashPosition {
  createdAt: string;
  id: string;
}

export interface UnappliedCashPage {
  items: UnappliedCashItem[];
  next: UnappliedCashPosition | null;
}

export interface Claim {
  decision: ClaimDecision;
  /** the item after the claim (unchanged unless the decision was to claim) */
  item: UnappliedCashItem;
}

type Row = Record<string, unknown>;

const MICROSECOND_ISO = `to_char(created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;
const IN_FLIGHT: UnappliedStatus[] = ['applying', 'refunding'];

export class UnappliedCashRepository {
  constructor(private readonly em: EntityManager) {}

  /** Holds the money once per origin key; answers the item, new or as first held. */
  async hold(item: NewUnappliedCash): Promise<{ item: UnappliedCashItem; created: boolean }> {
    return this.em.transactional((em) => insert(em, item, null));
  }

  /**
   * Holds what a loan's events call for, inside the caller's transaction (the projection's). An
   * overpayment by an application of unapplied cash inherits that item's gateway payment, so it
   * can be refunded the way the money first came in.
   */
  async holdFromLoan(items: NewUnappliedCash[]): Promise<void> {
    for (const item of items) {
      const parentId = itemIdOfApplication(item.paymentReference);
      const parent = parentId ? await this.find(parentId) : null;
      await insert(this.em, parent ? { ...item, gatewayPaymentId: parent.gatewayPaymentId } : item, parent?.id ?? null);
    }
  }

  /**
   * Makes the loan's open items what its stored events call for. A discarded workflow task may have
   * projected an unapplied payment or an overpayment the loan's history never recorded, or another
   * amount under the same origin; such an item is voided (its receipt reversed, its origin key
   * freed) and what the events call for is held. Only open items: once someone acted, the money moved.
   */
  async reconcileLoanItems(loanId: string, loanCurrency: string): Promise<void> {
    const events = await this.em.execute<Row[]>(
      `select seq, type, data, occurred_at from loan_events where loan_id = ? and type in ('payment.unapplied', 'payment.applied') order by seq`,
      [loanId],
    );
    const expected = unappliedFromLoanEvents(
      loanId,
      loanCurrency,
      events.map((e) => ({ seq: Number(e.seq), type: String(e.type), data: (typeof e.data === 'string' ? JSON.parse(e.data) : e.data) as Record<string, unknown>, occurredAt: iso(e.occurred_at) })),
    );
    const open = await this.em.execute<Row[]>(`select * from unapplied_cash where origin_key like ? and status = 'open'`, [`loan:${loanId}:%`]);
    for (const row of open) {
      const wanted = expected.find((e) => e.originKey === row.origin_key);
      if (wanted && wanted.amount === Number(row.amount) && wanted.currency === row.currency) continue;
      await this.em.execute(`update unapplied_cash set status = 'void', origin_key = origin_key || '#void-' || id, updated_at = now() where id = ?`, [row.id]);
      await new LedgerRepository(this.em).reverse(receiptJournalKey(String(row.id)), `${receiptJournalKey(String(row.id))}-void`);
    }
    await this.holdFromLoan(expected);
  }

  async find(id: string): Promise<UnappliedCashItem | null> {
    const [row] = await this.em.execute<Row[]>(`select * from unapplied_cash where id = ?`, [id]);
    return row ? toItem(row) : null;
  }

  /** The item a loan held a payment as when it could not take it (closed with the payment queued). */
  async findHeldByLoan(loanId: string, externalId: string): Promise<UnappliedCashItem | null> {
    const [row] = await this.em.execute<Row[]>(
      `select * from unapplied_cash where origin_key like ? and payment_reference = ? and reason <> 'overpayment' and status <> 'void' order by created_at limit 1`,
      [`loan:${loanId}:%`, externalId],
    );
    return row ? toItem(row) : null;
  }

  /** The item a gateway payment was held as (its overpayments, which are separate money, aside). */
  async findHeldPayment(gatewayPaymentId: string): Promise<UnappliedCashItem | null> {
    const [row] = await this.em.execute<Row[]>(`select * from unapplied_cash where gateway_payment_id = ? and reason <> 'overpayment' order by created_at limit 1`, [gatewayPaymentId]);
    return row ? toItem(row) : null;
  }

  /** Newest first, by keyset on (created_at, id). */
  async list(filter: UnappliedCashFilter, after: UnappliedCashPosition | null, limit: number): Promise<UnappliedCashPage> {
    const where: string[] = [];
    const params: unknown[] = [];
    for (const [column, value] of [['status', filter.status], ['reason', filter.reason], ['currency', filter.currency]] as const) {
      if (value === undefined) continue;
      where.push(`${column} = ?`);
      params.push(value);
    }
    if (after) {
      where.push(`(created_at, id) < (?::timestamptz, ?::uuid)`);
      params.push(after.createdAt, after.id);
    }
    const rows = await this.em.execute<Row[]>(
      `select *, ${MICROSECOND_ISO} as position from unapplied_cash ${where.length > 0 ? `where ${where.join(' and ')}` : ''}
       order by created_at desc, id desc limit ?`,
      [...params, limit + 1],
    );
    const page = rows.slice(0, limit);
    const last = page.at(-1);
    return { items: page.map(toItem), next: rows.length > limit && last ? { createdAt: String(last.position), id: String(last.id) } : null };
  }

  /** Claims the item for `action` on behalf of `token` (the workflow run carrying it out), if decideClaim allows. */
  async claim(id: string, action: UnappliedAction, requestedBy: string | null, token: string): Promise<Claim | null> {
    return this.em.transactional(async (em) => {
      const [row] = await em.execute<Row[]>(`select * from unapplied_cash where id = ? for update`, [id]);
      if (!row) return null;
      const current = toItem(row);
      const decision = decideClaim(current, action);
      if (decision.kind !== 'claim') return { decision, item: current };
      const attempt = decision.resume ? current.attempt : current.attempt + 1;
      const apply = action.kind === 'apply';
      const [claimed] = await em.execute<Row[]>(
        `update unapplied_cash set status = ?, attempt = ?, claim_token = ?, target_loan_id = ?, requested_by = ?, requested_at = case when ? then coalesce(requested_at, now()) else now() end,
           application_payment_id = ?, refund_idempotency_key = ?, last_problem = null, updated_at = now()
         where id = ? returning *`,
        [
          apply ? 'applying' : 'refunding',
          attempt,
          token,
          apply ? action.loanId : null,
          // A request joining the action under way keeps its requester unless it names one.
          decision.resume ? (requestedBy ?? current.requestedBy) : requestedBy,
          decision.resume,
          apply ? applicationPaymentId(id, attempt) : null,
          apply ? null : refundIdempotencyKey(id, attempt),
          id,
        ],
      );
      return { decision, item: toItem(claimed!) };
    });
  }

  /** The action did not happen (the loan or the gateway refused it): the item is open again. */
  async release(id: string, token: string, problem: string): Promise<UnappliedCashItem | null> {
    const [row] = await this.em.execute<Row[]>(
      `update unapplied_cash set status = 'open', claim_token = null, target_loan_id = null, application_payment_id = null, refund_idempotency_key = null,
         last_problem = ?, updated_at = now()
       where id = ? and claim_token = ? and status in (?, ?) returning *`,
      [problem, id, token, ...IN_FLIGHT],
    );
    return row ? toItem(row) : this.find(id);
  }

  /** The loan took the money: applied, and out of suspense. */
  async completeApplication(id: string, token: string): Promise<UnappliedCashItem | null> {
    return this.complete(id, token, 'applying', 'applied', null, (item) =>
      unappliedApplicationJournal(applicationJournalKey(item.id), item.id, suspenseOwner(item), suspenseAccount(item.reason), item.currency, item.amount),
    );
  }

  /** The gateway sent the money back: refunded, and out of suspense and out of cash. */
  async completeRefund(id: string, token: string, refundId: string): Promise<UnappliedCashItem | null> {
    return this.complete(id, token, 'refunding', 'refunded', refundId, (item) =>
      refundJournal(refundJournalKey(item.id), item.id, suspenseOwner(item), suspenseAccount(item.reason), item.currency, item.amount),
    );
  }

  private async complete(
    id: string,
    token: string,
    from: UnappliedStatus,
    to: UnappliedStatus,
    refundId: string | null,
    journal: (item: UnappliedCashItem) => Parameters<LedgerRepository['post']>[0],
  ): Promise<UnappliedCashItem | null> {
    return this.em.transactional(async (em) => {
      const [row] = await em.execute<Row[]>(
        `update unapplied_cash set status = ?, refund_id = coalesce(?, refund_id), resolved_at = now(), updated_at = now()
         where id = ? and claim_token = ? and status = ? returning *`,
        [to, refundId, id, token, from],
      );
      // Already completed (a retried activity), or taken over by a later run that completes it.
      if (!row) return new UnappliedCashRepository(em).find(id);
      const item = toItem(row);
      await new LedgerRepository(em).post(journal(item));
      return item;
    });
  }
}

async function insert(em: EntityManager, item: NewUnappliedCash, parentId: string | null): Promise<{ item: UnappliedCashItem; created: boolean }> {
  if (!Number.isSafeInteger(item.amount) || item.amount <= 0) throw new Error(`unapplied cash must be a positive whole number of minor units, got ${item.amount}`);
  const [row] = await em.execute<Row[]>(
    `insert into unapplied_cash (id, origin_key, amount, currency, source, reason, reason_detail, payment_reference, gateway_payment_id, loan_reference,
       parent_id, received_at, status, attempt, created_at, updated_at)
     values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'open', 0, now(), now())
     on conflict (origin_key) do nothing returning *`,
    [
      randomUUID(), item.originKey, item.amount, item.currency, item.source, item.reason, item.reasonDetail, item.paymentReference, item.gatewayPaymentId,
      item.loanReference, parentId, item.receivedAt,
    ],
  );
  if (!row) {
    const [first] = await em.execute<Row[]>(`select * from unapplied_cash where origin_key = ?`, [item.originKey]);
    return { item: toItem(first!), created: false };
  }
  const held = toItem(row);
  // An overpayment is already in refunds_payable (its loan's repayment journal put it there).
  if (suspenseAccount(held.reason) === 'unapplied_cash') await new LedgerRepository(em).post(unappliedReceiptJournal(receiptJournalKey(held.id), held.id, held.currency, held.amount));
  return { item: held, created: true };
}

/** An overpayment's suspense is its loan's refunds_payable; unapplied_cash belongs to no loan. */
function suspenseOwner(item: UnappliedCashItem): string | null {
  return item.reason === 'overpayment' ? item.loanReference : null;
}

function toItem(r: Row): UnappliedCashItem {
  const text = (v: unknown) => (typeof v === 'string' ? v : null);
  const instant = (v: unknown) => (v === null || v === undefined ? null : iso(v));
  return {
    id: String(r.id),
    amount: Number(r.amount),
    currency: String(r.currency),
    source: r.source as UnappliedCashItem['source'],
    reason: r.reason as UnappliedReason,
    reasonDetail: text(r.reason_detail),
    paymentReference: String(r.payment_reference),
    gatewayPaymentId: text(r.gateway_payment_id),
    loanReference: text(r.loan_reference),
    parentId: text(r.parent_id),
    receivedAt: iso(r.received_at),
    status: r.status as UnappliedStatus,
    attempt: Number(r.attempt),
    targetLoanId: text(r.target_loan_id),
    requestedBy: text(r.requested_by),
    requestedAt: instant(r.requested_at),
    resolvedAt: instant(r.resolved_at),
    applicationPaymentId: text(r.application_payment_id),
    refundIdempotencyKey: text(r.refund_idempotency_key),
    refundId: text(r.refund_id),
    lastProblem: text(r.last_problem),
    createdAt: iso(r.created_at),
    updatedAt: iso(r.updated_at),
  };
}

function iso(value: unknown): string {
  return (value instanceof Date ? value : new Date(String(value))).toISOString();
}
