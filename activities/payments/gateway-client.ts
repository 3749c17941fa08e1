// The adapter for the gateway's JSON API (the one apps/sandboxes/gateway stands in for). It is
// the only code that knows that API's paths, bodies and error shapes; callers see the
// PaymentGateway port. Classification follows the provider's retry guidance: 5xx, 429, 409
// (a concurrent request under the same key) and anything that never got an answer are worth
// retrying under the same Idempotency-Key; any other 4xx is a refusal of the request itself.
import {
  PaymentGatewayRequestError,
  PaymentGatewayUnavailableError,
  type CollectionReceipt,
  type CollectionRequest,
  type GatewayFieldError,
  type MoneyMovementReceipt,
  type PaymentGateway,
  type PayoutReceipt,
  type PayoutRequest,
  type RefundReceipt,
  type RefundRequest,
} from './payment-gateway.js';

export interface PaymentGatewayClientOptions {
  baseUrl: string;
  secretKey: string;
  /** per request, including reading the answer; default 10 s */
  timeoutMs?: number;
}

const RETRYABLE_4XX = new Set([408, 409, 429]);

export class PaymentGatewayClient implements PaymentGateway {
  private readonly baseUrl: string;
  private readonly timeoutMs: number;

  constructor(private readonly options: PaymentGatewayClientOptions) {
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
    this.timeoutMs = options.timeoutMs ?? 10_000;
  }

  async createPayout(request: PayoutRequest, idempotencyKey: string): Promise<PayoutReceipt> {
    const { amount, currency, destination, reference, metadata } = request;
    const body = { amount, currency, destination: bankAccount(destination), reference, ...(metadata ? { metadata } : {}) };
    return toReceipt(await this.call('POST', '/v1/payouts', body, idempotencyKey), 'payout', ['paid', 'failed']);
  }

  async createCollection(request: CollectionRequest, idempotencyKey: string): Promise<CollectionReceipt> {
    const { amount, currency, source, reference, mandate, metadata } = request;
    const body = { amount, currency, source: bankAccount(source), reference, ...(mandate ? { mandate } : {}), ...(metadata ? { metadata } : {}) };
    return toReceipt(await this.call('POST', '/v1/collections', body, idempotencyKey), 'collection', ['succeeded', 'failed']);
  }

  async refund(request: RefundRequest, idempotencyKey: string): Promise<RefundReceipt> {
    const { payment, amount, currency, reference, reason, metadata } = request;
    const body = { payment, amount, currency, reference, ...(reason ? { reason } : {}), ...(metadata ? { metadata } : {}) };
    return toRefundReceipt(await this.call('POST', '/v1/refunds', body, idempotencyKey));
  }

  async getPayout(externalId: string): Promise<PayoutReceipt> {
    return toReceipt(await this.call('GET', `/v1/payouts/${encodeURIComponent(externalId)}`), 'payout', ['paid', 'failed']);
  }

  async getCollection(externalId: string): Promise<CollectionReceipt> {
    return toReceipt(await this.call('GET', `/v1/collections/${encodeURIComponent(externalId)}`), 'collection', ['succeeded', 'failed']);
  }

  async getRefund(externalId: string): Promise<RefundReceipt> {
    return toRefundReceipt(await this.call('GET', `/v1/refunds/${encodeURIComponent(externalId)}`));
  }

  private async call(method: 'GET' | 'POST', path: string, body?: object, idempotencyKey?: string): Promise<unknown> {
    const headers: Record<string, string> = { authorization: `Bearer ${this.options.secretKey}`, accept: 'application/json' };
    if (body) headers['content-type'] = 'application/json';
    if (idempotencyKey !== undefined) headers['Idempotency-Key'] = idempotencyKey;
    let status: number;
    let text: string;
    try {
      const res = await fetch(this.baseUrl + path, { method, headers, body: body && JSON.stringify(body), signal: AbortSignal.timeout(this.timeoutMs) });
      status = res.status;
      text = await res.text();
    } catch (err) {
      const timedOut = (err as Error).name === 'TimeoutError';
      const why = timedOut ? `no answer within ${this.timeoutMs} ms` : (err as Error).message;
      throw new PaymentGatewayUnavailableError(`payment gateway ${method} ${path}: ${why}`, undefined, { cause: err });
    }
    const parsed = parseJson(text);
    if (status >= 200 && status < 300) return parsed;
    const error = readError(parsed);
    const message = `payment gateway ${method} ${path} answered ${status} ${error.code}: ${error.message}`;
    if (status >= 500 || RETRYABLE_4XX.has(status)) throw new PaymentGatewayUnavailableError(message, status);
    throw new PaymentGatewayRequestError(message, status, error.code, error.fieldErrors);
  }
}

// Only the three fields the provider takes, whatever else the caller's object carries.
function bankAccount(a: PayoutRequest['destination']): PayoutRequest['destination'] {
  return { accountNumber: a.accountNumber, routingCode: a.routingCode, holderName: a.holderName };
}

function parseJson(text: string): unknown {
  try {
    return text.length > 0 ? JSON.parse(text) : undefined;
  } catch {
    return undefined;
  }
}

function readError(body: unknown): { code: string; message: string; fieldErrors: GatewayFieldError[] } {
  const e = (body as { error?: { code?: unknown; message?: unknown; fieldErrors?: unknown } } | undefined)?.error;
  const fieldErrors = Array.isArray(e?.fieldErrors)
    ? (e.fieldErrors as unknown[]).filter((f): f is GatewayFieldError => typeof (f as GatewayFieldError | null)?.field === 'string' && typeof (f as GatewayFieldError).message === 'string')
    : [];
  return { code: typeof e?.code === 'string' ? e.code : 'unknown', message: typeof e?.message === 'string' ? e.message : 'no error message', fieldErrors };
}

interface WireMovement {
  id: string;
  object: string;
  status: string;
  failureCode?: string;
  failureMessage?: string;
  amount: number;
  currency: string;
  reference: string;
  createdAt: string;
}

// A 2xx we cannot read is a broken contract, not a refusal: a plain Error, so Temporal retries
// while someone looks, rather than failing the loan on our misunderstanding.
function toReceipt<S extends string>(body: unknown, object: 'payout' | 'collection' | 'refund', statuses: readonly S[]): MoneyMovementReceipt<S> {
  const w = body as Partial<WireMovement> | undefined;
  const status = statuses.find((s) => s === w?.status);
  if (!w || w.object !== object || typeof w.id !== 'string' || !status || !Number.isSafeInteger(w.amount) || typeof w.currency !== 'string' || typeof w.reference !== 'string' || typeof w.createdAt !== 'string') {
    throw new Error(`payment gateway returned an unreadable ${object}: ${JSON.stringify(body)?.slice(0, 300)}`);
  }
  return {
    externalId: w.id,
    status,
    ...(typeof w.failureCode === 'string' ? { failureCode: w.failureCode } : {}),
    ...(typeof w.failureMessage === 'string' ? { failureMessage: w.failureMessage } : {}),
    amount: w.amount as number,
    currency: w.currency,
    reference: w.reference,
    at: w.createdAt,
  };
}

function toRefundReceipt(body: unknown): RefundReceipt {
  const receipt = toReceipt(body, 'refund', ['succeeded', 'failed']);
  const payment = (body as { payment?: unknown }).payment;
  if (typeof payment !== 'string') throw new Error(`payment gateway returned a refund without its payment: ${JSON.stringify(body)?.slice(0, 300)}`);
  return { ...receipt, payment };
}
