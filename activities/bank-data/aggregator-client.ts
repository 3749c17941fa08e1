// Adapter for the account aggregator's statements API (apps/sandboxes/aggregator/README.md).
// Down or slow is transient (AggregatorUnavailableError, retried by Temporal); a refused request
// is not (AggregatorRejectedError).
import type { IsoDate } from '../../domain/calendar.js';
import type { BankStatement } from '../../domain/credit-data.js';

export interface AggregatorClientOptions {
  baseUrl: string;
  apiKey: string;
  /** per request; default 15 s (statements are larger than credit reports) */
  timeoutMs?: number;
}

export interface StatementRequest {
  phone: string;
  nationalId: string;
  consentReference: string;
  months: number;
  asOf: IsoDate;
  currency: string;
}

export class AggregatorUnavailableError extends Error {
  override readonly name = 'AggregatorUnavailableError';
  constructor(
    message: string,
    readonly status?: number,
  ) {
    super(message);
  }
}

export class AggregatorRejectedError extends Error {
  override readonly name = 'AggregatorRejectedError';
  constructor(
    message: string,
    readonly status: number,
    readonly code: string,
    readonly fieldErrors: Array<{ field: string; message: string }> = [],
  ) {
    super(message);
  }
}

interface ErrorBody {
  error?: { code?: string; message?: string; fieldErrors?: Array<{ field: string; message: string }> };
}

export class AggregatorClient {
  private readonly timeoutMs: number;

  constructor(private readonly options: AggregatorClientOptions) {
    this.timeoutMs = options.timeoutMs ?? 15_000;
  }

  async fetchStatement(request: StatementRequest, idempotencyKey: string): Promise<BankStatement> {
    let response: Response;
    try {
      response = await fetch(new URL('/v1/statements', this.options.baseUrl), {
        method: 'POST',
        headers: { authorization: `Bearer ${this.options.apiKey}`, 'content-type': 'application/json', 'idempotency-key': idempotencyKey },
        body: JSON.stringify(request),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (err) {
      const timedOut = err instanceof DOMException && err.name === 'TimeoutError';
      throw new AggregatorUnavailableError(timedOut ? `aggregator did not answer within ${this.timeoutMs} ms` : `aggregator unreachable: ${(err as Error).message}`);
    }
    const text = await response.text().catch(() => '');
    if (response.ok) return JSON.parse(text) as BankStatement;
    let body: ErrorBody = {};
    try {
      body = JSON.parse(text) as ErrorBody;
    } catch {
      // not JSON: the status alone decides
    }
    const message = `aggregator answered ${response.status}: ${body.error?.message ?? (text.slice(0, 200) || response.statusText)}`;
    if (response.status >= 500 || response.status === 429) throw new AggregatorUnavailableError(message, response.status);
    throw new AggregatorRejectedError(message, response.status, body.error?.code ?? 'rejected', body.error?.fieldErrors);
  }
}
