// Adapter for the account aggregator's statements API (apps/sandboxes/aggregator/README.md).
// Down or slow is transient (AggregatorUnavailableError, retried by Temporal); a refused request
// is not (AggregatorRejectedError).
import type { IsoDate } from '../../domain/calendar.js';
import type { BankStatement } from '../../domain/credit-data.js';
import { postJson, ProviderRejectedError, ProviderUnavailableError } from '../shared/provider-json-client.js';

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

/** 5xx, 429, a network fault or a timeout: try again later. */
export class AggregatorUnavailableError extends ProviderUnavailableError {
  override readonly name = 'AggregatorUnavailableError';
}

/** The aggregator answered and refused the request (4xx). */
export class AggregatorRejectedError extends ProviderRejectedError {
  override readonly name = 'AggregatorRejectedError';
}

export class AggregatorClient {
  private readonly timeoutMs: number;

  constructor(private readonly options: AggregatorClientOptions) {
    this.timeoutMs = options.timeoutMs ?? 15_000;
  }

  fetchStatement(request: StatementRequest, idempotencyKey: string): Promise<BankStatement> {
    const { baseUrl, apiKey } = this.options;
    return postJson<BankStatement>(
      { provider: 'aggregator', baseUrl, path: '/v1/statements', apiKey, idempotencyKey, body: request, timeoutMs: this.timeoutMs },
      { unavailable: (m, status) => new AggregatorUnavailableError(m, status), rejected: (m, status, code, fields) => new AggregatorRejectedError(m, status, code, fields) },
    );
  }
}
