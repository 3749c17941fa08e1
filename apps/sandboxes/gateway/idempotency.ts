// Stripe's idempotency contract: a POST needs an Idempotency-Key; the first request that
// executes under a key has its response stored, later requests with the same key and the same
// parameters get that response back verbatim (Idempotent-Replayed: true), and the same key with
// other parameters is refused. Requests that never execute (validation errors, the 503 of the
// unavailable test account) store nothing, so the caller can fix and retry under the same key.
import { createHash } from 'node:crypto';
import type { SandboxRequest, SandboxResponse } from '../http-server.js';
import type { GatewayState, JournalRecord } from './gateway-state.js';
import { apiError } from './resources.js';

export interface IdempotencyClaim {
  key: string;
  fingerprint: string;
}

/** Runs one task at a time per key, in arrival order: concurrent retries queue, never race. */
export class KeyedLock {
  private readonly tails = new Map<string, Promise<void>>();

  async run<T>(key: string, task: () => Promise<T>): Promise<T> {
    const result = (this.tails.get(key) ?? Promise.resolve()).then(task);
    const tail = result.then(
      () => undefined,
      () => undefined,
    );
    this.tails.set(key, tail);
    try {
      return await result;
    } finally {
      if (this.tails.get(key) === tail) this.tails.delete(key);
    }
  }
}

export class IdempotencyGuard {
  private readonly locks = new KeyedLock();

  constructor(private readonly state: GatewayState) {}

  async handle(req: SandboxRequest, execute: (claim: IdempotencyClaim) => SandboxResponse | Promise<SandboxResponse>): Promise<SandboxResponse> {
    const header = req.headers['idempotency-key'];
    const key = Array.isArray(header) ? header[0] : header;
    if (!key || key.length > 255) {
      return { status: 400, body: apiError('invalid_request_error', 'idempotency_key_required', 'POST requests need an Idempotency-Key header of 1 to 255 characters.') };
    }
    const claim = { key, fingerprint: fingerprint(req) };
    return this.locks.run(key, async () => {
      const prior = this.state.idempotency.get(key);
      if (!prior) return execute(claim);
      if (prior.fingerprint !== claim.fingerprint) {
        return {
          status: 422,
          body: apiError('idempotency_error', 'idempotency_key_reused', `Idempotency-Key ${key} was already used with different parameters or on another endpoint.`),
        };
      }
      return { ...prior.response, headers: { 'Idempotent-Replayed': 'true' } };
    });
  }
}

/** The record that makes `response` the answer to every later request under `claim`. */
export function remember(claim: IdempotencyClaim, response: SandboxResponse): JournalRecord {
  return { t: 'idempotency', record: { key: claim.key, fingerprint: claim.fingerprint, response: { status: response.status, body: structuredClone(response.body) } } };
}

// Parameters, not bytes: a retry that serialises the same object with its keys in another order
// is the same request.
function fingerprint(req: SandboxRequest): string {
  return createHash('sha256').update(`${req.method} ${req.path.replace(/\/+$/, '')}\n${canonicalJson(req.body)}`).digest('hex');
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}
