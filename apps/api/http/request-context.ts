// What the API keeps on each request beside Express's own fields: its id (for logs and problem
// documents), the raw body (webhook signatures are over the exact bytes) and the loan it is
// about, once known, so its log line carries loanId and workflowId.
import type { IncomingMessage, ServerResponse } from 'node:http';

export interface ApiRequest extends IncomingMessage {
  id?: string;
  rawBody?: Buffer;
  body?: unknown;
  loanId?: string;
  originalUrl?: string;
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
