import type { ApiResponse } from './request-context.js';

/** For handlers whose status depends on the outcome (Nest applies the route's fixed status otherwise). */
export function sendJson(res: ApiResponse, status: number, body: unknown): void {
  res.statusCode = status;
  res.setHeader('Content-Type', 'application/json; charset=utf-8');
  res.end(JSON.stringify(body));
}
