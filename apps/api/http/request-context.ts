// What the API keeps on each request beside Express's own fields: its id (for logs and problem
// documents), the raw body (webhook signatures are over the exact bytes), who sent it, and the
// loan it is about, once known, so its log line carries loanId and workflowId.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Principal } from '../auth/principal.js';

export interface ApiRequest extends IncomingMessage {
  id?: string;
  rawBody?: Buffer;
  body?: unknown;
  loanId?: string;
  originalUrl?: string;
  /** who sent it, once authenticated (auth/authenticator.ts) */
  principal?: Principal;
  /** the authentication under way or done, shared by the early check and the guard */
  authentication?: Promise<Principal>;
}

export type ApiResponse = ServerResponse;

export function requestIdOf(req: ApiRequest): string {
  return req.id ?? 'unknown';
}

/** The request's path without its query string. */
export function pathOf(req: ApiRequest): string {
  return (req.originalUrl ?? req.url ?? '/').split('?')[0] ?? '/';
}

export function bindLoan(req: ApiRequest, loanId: string): void {
  req.loanId = loanId;
}
