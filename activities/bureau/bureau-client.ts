// Adapter for the credit bureau's JSON API (apps/sandboxes/bureau/README.md documents it).
// It sorts failures the way Temporal needs them: the bureau being down or slow is transient
// (BureauUnavailableError, retried), the bureau refusing our request is not (BureauRejectedError).
import type { Address } from '../../domain/application.js';
import type { IsoDate } from '../../domain/calendar.js';
import type { BureauReport } from '../../domain/credit-data.js';
import { postJson, ProviderRejectedError, ProviderUnavailableError } from '../shared/provider-json-client.js';

export interface BureauClientOptions {
  baseUrl: string;
  apiKey: string;
  /** per request; default 10 s */
  timeoutMs?: number;
}

export interface CreditReportRequest {
  firstName: string;
  lastName: string;
  dateOfBirth: IsoDate;
  nationalId: string;
  address: Address;
  consentReference: string;
  purpose: 'credit_application' | 'account_review' | 'collections';
  asOf: IsoDate;
}

/** 5xx, 429, a network fault or a timeout: try again later. */
export class BureauUnavailableError extends ProviderUnavailableError {
  override readonly name = 'BureauUnavailableError';
}

/** The bureau answered and refused the request (4xx): retrying the same request cannot help. */
export class BureauRejectedError extends ProviderRejectedError {
  override readonly name = 'BureauRejectedError';
}

export class BureauClient {
  private readonly timeoutMs: number;

  constructor(private readonly options: BureauClientOptions) {
    this.timeoutMs = options.timeoutMs ?? 10_000;
  }

  pullReport(request: CreditReportRequest, idempotencyKey: string): Promise<BureauReport> {
    const { baseUrl, apiKey } = this.options;
    return postJson<BureauReport>(
      { provider: 'bureau', baseUrl, path: '/v1/credit-reports', apiKey, idempotencyKey, body: request, timeoutMs: this.timeoutMs },
      { unavailable: (m, status) => new BureauUnavailableError(m, status), rejected: (m, status, code, fields) => new BureauRejectedError(m, status, code, fields) },
    );
  }
}
