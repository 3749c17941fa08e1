// Adapter for the credit bureau's JSON API (apps/sandboxes/bureau/README.md documents it).
// It sorts failures the way Temporal needs them: the bureau being down or slow is transient
// (BureauUnavailableError, retried), the bureau refusing our request is not (BureauRejectedError).
import type { Address } from '../../domain/application.js';
import type { IsoDate } from '../../domain/calendar.js';
import type { BureauReport } from '../../domain/credit-data.js';

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
export class BureauUnavailableError extends Error {
  override readonly name = 'BureauUnavailableError';
  constructor(
    message: string,
    readonly status?: number,
  ) {
    super(message);
  }
}

/** The bureau answered and refused the request (4xx): retrying the same request cannot help. */
export class BureauRejectedError extends Error {
  override readonly name = 'BureauRejectedError';
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

export class BureauClient {
  private readonly timeoutMs: number;

  constructor(private readonly options: BureauClientOptions) {
    this.timeoutMs = options.timeoutMs ?? 10_000;
  }

  async pullReport(request: CreditReportRequest, idempotencyKey: string): Promise<BureauReport> {
    let response: Response;
    try {
      response = await fetch(new URL('/v1/credit-reports', this.options.baseUrl), {
        method: 'POST',
        headers: { authorization: `Bearer ${this.options.apiKey}`, 'content-type': 'application/json', 'idempotency-key': idempotencyKey },
        body: JSON.stringify(request),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (err) {
      const timedOut = err instanceof DOMException && err.name === 'TimeoutError';
      throw new BureauUnavailableError(timedOut ? `bureau did not answer within ${this.timeoutMs} ms` : `bureau unreachable: ${(err as Error).message}`);
    }
    const text = await response.text().catch(() => '');
    if (response.ok) return JSON.parse(text) as BureauReport;
    const body = safeJson(text);
    const message = `bureau answered ${response.status}: ${body.error?.message ?? (text.slice(0, 200) || response.statusText)}`;
    if (response.status >= 500 || response.status === 429) throw new BureauUnavailableError(message, response.status);
    throw new BureauRejectedError(message, response.status, body.error?.code ?? 'rejected', body.error?.fieldErrors);
  }
}

function safeJson(text: string): ErrorBody {
  try {
    return JSON.parse(text) as ErrorBody;
  } catch {
    return {};
  }
}
