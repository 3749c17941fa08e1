// Conventions the credit-data sandboxes (bureau, aggregator) share, as their READMEs document:
// bearer API keys, a JSON error envelope with per-field errors, Idempotency-Key on every POST,
// a health check, and a test switch that puts the whole API into a simulated outage.
import { createHash, timingSafeEqual } from 'node:crypto';
import { isIsoDate } from '../../domain/calendar.js';
import type { Handler, SandboxRequest, SandboxResponse, SandboxRouter } from './http-server.js';

export interface FieldError {
  field: string;
  message: string;
}

export interface ApiError {
  error: { type: string; code: string; message: string; fieldErrors?: FieldError[] };
}

export function apiError(type: string, code: string, message: string, fieldErrors?: FieldError[]): ApiError {
  return { error: { type, code, message, ...(fieldErrors ? { fieldErrors } : {}) } };
}

export function invalidRequest(fieldErrors: FieldError[]): SandboxResponse {
  const message = `${fieldErrors.length} invalid field${fieldErrors.length === 1 ? '' : 's'}: ${fieldErrors.map((e) => e.field).join(', ')}`;
  return { status: 400, body: apiError('invalid_request_error', 'invalid_fields', message, fieldErrors) };
}

export function serviceUnavailable(message: string): SandboxResponse {
  return { status: 503, body: apiError('api_error', 'service_unavailable', message), headers: { 'Retry-After': '1' } };
}

/** Wraps a handler so it answers 401 unless `Authorization: Bearer <apiKey>` is sent. */
export function bearerAuth(apiKey: string): (handler: Handler) => Handler {
  const expected = digest(apiKey);
  return (handler) => (req) => {
    const token = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
    if (token === undefined || !timingSafeEqual(digest(token), expected)) {
      return { status: 401, body: apiError('authentication_error', 'unauthorized', 'Missing or invalid API key: send Authorization: Bearer <api key>.'), headers: { 'WWW-Authenticate': 'Bearer' } };
    }
    return handler(req);
  };
}

// Hashing first gives both sides the same length, which timingSafeEqual requires.
function digest(text: string): Buffer {
  return createHash('sha256').update(text).digest();
}

/** The simulated-outage switch, flipped by POST /_sandbox/outage. */
export class OutageSwitch {
  enabled = false;
}

/** GET /health and POST /_sandbox/outage { enabled }. Neither needs the API key: they are test plumbing. */
export function mountSandboxControls(router: SandboxRouter, service: string, outage: OutageSwitch): void {
  router.on('GET', '/health', () => ({ status: 200, body: { status: 'ok', service, outage: outage.enabled } }));
  router.on('POST', '/_sandbox/outage', (req) => {
    const enabled = (req.body as { enabled?: unknown } | undefined)?.enabled;
    if (typeof enabled !== 'boolean') return invalidRequest([{ field: 'enabled', message: 'must be true or false' }]);
    outage.enabled = enabled;
    return { status: 200, body: { outage: enabled } };
  });
}

/**
 * Stripe-style idempotency: the first answer under a key is kept; the same key with the same
 * body replays it (Idempotent-Replayed: true), with another body is refused with 422. Only
 * answers that executed are kept, so a 503 or a 400 can be retried under the same key.
 */
export class IdempotencyCache {
  private readonly answers = new Map<string, { fingerprint: string; response: SandboxResponse }>();

  constructor(private readonly capacity = 100_000) {}

  async handle(req: SandboxRequest, execute: () => SandboxResponse | Promise<SandboxResponse>): Promise<SandboxResponse> {
    const header = req.headers['idempotency-key'];
    const key = Array.isArray(header) ? header[0] : header;
    if (!key || key.length > 255) {
      return invalidRequest([{ field: 'Idempotency-Key', message: 'header required, 1 to 255 characters' }]);
    }
    const fingerprint = createHash('sha256').update(`${req.method} ${req.path}\n${req.rawBody}`).digest('hex');
    const prior = this.answers.get(key);
    if (prior) {
      if (prior.fingerprint !== fingerprint) {
        return { status: 422, body: apiError('idempotency_error', 'idempotency_key_reused', `Idempotency-Key ${key} was already used with a different request.`) };
      }
      return { ...prior.response, headers: { ...prior.response.headers, 'Idempotent-Replayed': 'true' } };
    }
    const response = await execute();
    if (response.status < 300) {
      // Oldest first out: the sandbox must not grow without bound under a load test.
      if (this.answers.size >= this.capacity) this.answers.delete(this.answers.keys().next().value as string);
      this.answers.set(key, { fingerprint, response });
    }
    return response;
  }
}

/** Reads fields out of an untrusted JSON body, collecting one error per bad field. */
export class FieldReader {
  readonly errors: FieldError[] = [];

  constructor(private readonly body: unknown) {
    if (typeof body !== 'object' || body === null || Array.isArray(body)) this.errors.push({ field: '(body)', message: 'must be a JSON object' });
  }

  private raw(path: string): unknown {
    let value: unknown = this.body;
    for (const part of path.split('.')) {
      value = typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[part] : undefined;
    }
    return value;
  }

  private fail(field: string, message: string): void {
    this.errors.push({ field, message });
  }

  string(path: string, options: { max?: number; pattern?: RegExp; describe?: string; optional?: boolean } = {}): string {
    const value = this.raw(path);
    if (value === undefined && options.optional) return '';
    if (typeof value !== 'string' || value.trim().length === 0) {
      this.fail(path, 'required: a non-empty string');
      return '';
    }
    if (value.length > (options.max ?? 200)) this.fail(path, `at most ${options.max ?? 200} characters`);
    else if (options.pattern && !options.pattern.test(value)) this.fail(path, `must be ${options.describe ?? `like ${options.pattern.source}`}`);
    return value;
  }

  isoDate(path: string): string {
    const value = this.raw(path);
    if (!isIsoDate(value)) {
      this.fail(path, 'required: a calendar date as YYYY-MM-DD');
      return '';
    }
    return value;
  }

  integer(path: string, min: number, max: number): number {
    const value = this.raw(path);
    if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
      this.fail(path, `required: a whole number from ${min} to ${max}`);
      return min;
    }
    return value;
  }

  oneOf<T extends string>(path: string, allowed: readonly T[]): T {
    const value = this.raw(path);
    if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) {
      this.fail(path, `must be one of ${allowed.join(', ')}`);
      return allowed[0] as T;
    }
    return value as T;
  }

  object(path: string): boolean {
    const value = this.raw(path);
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      this.fail(path, 'required: an object');
      return false;
    }
    return true;
  }
}
