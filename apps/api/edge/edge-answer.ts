// How the edge writes an answer of its own, before Express runs: the problem document the
// problem filter would write, with the request's id (the client's, when usable), and whatever
// headers the answer needs (Retry-After, Allow).
import type { ServerResponse } from 'node:http';
import { PROBLEM_CONTENT_TYPE, type Problem } from '../http/problem.js';
import type { ApiRequest } from '../http/request-context.js';
import { requestIdFrom } from '../http/request-log.js';

export function writeEdgeProblem(req: ApiRequest, res: ServerResponse, problem: Omit<Problem, 'requestId'>, headers: Record<string, string> = {}): void {
  if (res.destroyed) return;
  const requestId = requestIdFrom(req);
  res.statusCode = problem.status;
  for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
  res.setHeader('X-Request-Id', requestId);
  res.setHeader('Content-Type', `${PROBLEM_CONTENT_TYPE}; charset=utf-8`);
  res.end(JSON.stringify({ ...problem, requestId } satisfies Problem));
}
