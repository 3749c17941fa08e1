// Answers in the gateway's documented shapes, shared by the /v1 routes and the test controls.
import type { SandboxResponse } from '../http-server.js';
import { apiError, type Collection, type FieldError, type IncomingPayment, type Payout, type Refund } from './resources.js';
import type { Validated } from './validation.js';

export function withValid<T>(result: Validated<T>, next: (value: T) => SandboxResponse | Promise<SandboxResponse>): SandboxResponse | Promise<SandboxResponse> {
  return result.ok ? next(result.value) : invalid(result.fieldErrors);
}

export function invalid(fieldErrors: FieldError[]): SandboxResponse {
  const message = fieldErrors.map((e) => `${e.field}: ${e.message}`).join('; ');
  return { status: 400, body: apiError('invalid_request_error', 'parameter_invalid', message, fieldErrors) };
}

export function found(object: Payout | Collection | IncomingPayment | Refund | undefined, kind: string): SandboxResponse {
  return object ? { status: 200, body: object } : { status: 404, body: apiError('invalid_request_error', 'resource_missing', `No such ${kind}.`) };
}

export function list(objects: (Payout | Collection)[], reference: string | null): SandboxResponse {
  return { status: 200, body: { object: 'list', data: objects.filter((o) => reference === null || o.reference === reference) } };
}

export function refundsOf(refunds: Refund[], payment: string | null): SandboxResponse {
  return { status: 200, body: { object: 'list', data: refunds.filter((r) => payment === null || r.payment === payment) } };
}
