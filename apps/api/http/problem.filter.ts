// The one place errors become HTTP answers: every exception, from a pipe, a middleware, a use
// case or the router's not-found handler, is written as application/problem+json.
import { type ArgumentsHost, Catch, type ExceptionFilter, Inject } from '@nestjs/common';
import type { Logger } from '../../shared/logger.js';
import { LOGGER } from '../tokens.js';
import { PROBLEM_CONTENT_TYPE } from './problem.js';
import { toProblem } from './problem-mapping.js';
import { pathOf, requestIdOf, type ApiRequest, type ApiResponse } from './request-context.js';

@Catch()
export class ProblemFilter implements ExceptionFilter {
  constructor(@Inject(LOGGER) private readonly logger: Logger) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const req = http.getRequest<ApiRequest>();
    const res = http.getResponse<ApiResponse>();
    const { problem, unexpected, retryAfterSeconds, headers } = toProblem(exception, { instance: pathOf(req), requestId: requestIdOf(req) });
    if (unexpected) this.logger.error({ err: exception, requestId: problem.requestId, method: req.method, path: problem.instance }, 'unexpected error');
    if (retryAfterSeconds !== undefined) this.logger.warn({ err: exception, requestId: problem.requestId, method: req.method, path: problem.instance }, problem.detail);
    if (res.headersSent) {
      res.destroy();
      return;
    }
    res.statusCode = problem.status;
    res.setHeader('Content-Type', `${PROBLEM_CONTENT_TYPE}; charset=utf-8`);
    if (retryAfterSeconds !== undefined) res.setHeader('Retry-After', String(retryAfterSeconds));
    for (const [name, value] of Object.entries(headers ?? {})) res.setHeader(name, value);
    res.end(JSON.stringify(problem));
  }
}
