// Writes the 429 and 503 the edge answers before Express runs: the same problem document the
// problem filter writes, with Retry-After, in one write (under a flood this is most answers).
import type { ServerResponse } from 'node:http';
import { PROBLEM_CONTENT_TYPE, PROBLEM_TYPES, type Problem } from '../http/problem.js';
import { requestIdFrom } from '../http/request-log.js';
import type { ApiRequest } from '../http/request-context.js';

export function refuse(req: ApiRequest, res: ServerResponse, path: string, kind: 'rateLimited' | 'overloaded', detail: string, retryAfterSeconds: number): void {
  const requestId = requestIdFrom(req);
  const { type, title, status } = PROBLEM_TYPES[kind];
  const problem: Problem = { type, title, status, detail, instance: path, requestId };
  res.statusCode = status;
  res.setHeader('Retry-After', String(retryAfterSeconds));
  res.setHeader('X-Request-Id', requestId);
  res.setHeader('Content-Type', `${PROBLEM_CONTENT_TYPE}; charset=utf-8`);
  res.end(JSON.stringify(problem));
}
