// The one way our adapters POST JSON to a provider (the bureau, the account aggregator), and the
// one place their failures are sorted the way Temporal needs: down, slow or throttling is
// transient (retried); a request the provider refuses is not (retrying the same one cannot help).

export interface FieldError {
  field: string;
  message: string;
}

/** 5xx, 429, a network fault or a timeout: try again later. */
export class ProviderUnavailableError extends Error {
  constructor(
    message: string,
    readonly status?: number,
  ) {
    super(message);
  }
}

/** The provider answered and refused the request (4xx). */
export class ProviderRejectedError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly code: string,
    readonly fieldErrors: FieldError[] = [],
  ) {
    super(message);
  }
}

export interface ProviderRequest {
  /** for messages: 'bureau', 'aggregator' */
  provider: string;
  baseUrl: string;
  path: string;
  apiKey: string;
  idempotencyKey: string;
  body: unknown;
  timeoutMs: number;
}

/** Each adapter's own error classes, so callers (and Temporal's retry rules) can tell providers apart. */
export interface ProviderErrors {
  unavailable: (message: string, status?: number) => ProviderUnavailableError;
  rejected: (message: string, status: number, code: string, fieldErrors?: FieldError[]) => ProviderRejectedError;
}

interface ErrorBody {
  error?: { code?: string; message?: string; fieldErrors?: FieldError[] };
}

export async function postJson<T>(req: ProviderRequest, errors: ProviderErrors): Promise<T> {
  let response: Response;
  try {
    response = await fetch(new URL(req.path, req.baseUrl), {
      method: 'POST',
      headers: { authorization: `Bearer ${req.apiKey}`, 'content-type': 'application/json', 'idempotency-key': req.idempotencyKey },
      body: JSON.stringify(req.body),
      signal: AbortSignal.timeout(req.timeoutMs),
    });
  } catch (err) {
    const timedOut = err instanceof DOMException && err.name === 'TimeoutError';
    throw errors.unavailable(timedOut ? `${req.provider} did not answer within ${req.timeoutMs} ms` : `${req.provider} unreachable: ${(err as Error).message}`);
  }
  const text = await response.text().catch(() => '');
  if (response.ok) return JSON.parse(text) as T;
  const body = safeJson(text);
  const message = `${req.provider} answered ${response.status}: ${body.error?.message ?? (text.slice(0, 200) || response.statusText)}`;
  if (response.status >= 500 || response.status === 429) throw errors.unavailable(message, response.status);
  throw errors.rejected(message, response.status, body.error?.code ?? 'rejected', body.error?.fieldErrors);
}

function safeJson(text: string): ErrorBody {
  try {
    return JSON.parse(text) as ErrorBody;
  } catch {
    return {};
  }
}
