// One structured line per request, written when the answer is finished: method, path, status,
// duration, request id and who asked, plus loanId and workflowId whenever the request is about a loan, so
// a loan can be followed from the API into its workflow's logs. Mounted on Express ahead of
// everything (the Swagger routes included); it never fails a request.
import { randomUUID } from 'node:crypto';
import { isLoanId } from '../../../domain/loan-id.js';
import { loanLogBindings, type Logger } from '../../shared/logger.js';
import { pathOf, type ApiRequest, type ApiResponse } from './request-context.js';

export const REQUEST_ID_HEADER = 'x-request-id';
/** A caller's id is kept when it looks like an id; anything else could forge log lines. */
export const ACCEPTABLE_REQUEST_ID = /^[A-Za-z0-9_.:-]{1,128}$/;
const LOAN_PATH = /^\/v1\/loans\/([^/]+)/;

/** The caller's X-Request-Id when it looks like an id, a new one otherwise. */
export function requestIdFrom(req: ApiRequest): string {
  const given = req.headers[REQUEST_ID_HEADER];
  return typeof given === 'string' && ACCEPTABLE_REQUEST_ID.test(given) ? given : randomUUID();
}

export function requestLog(logger: Logger): (req: ApiRequest, res: ApiResponse, next: () => void) => void {
  return (req, res, next) => {
    const started = process.hrtime.bigint();
    req.id = requestIdFrom(req);
    res.setHeader('X-Request-Id', req.id);
    const path = pathOf(req);
    const fromPath = LOAN_PATH.exec(path)?.[1]?.toLowerCase();
    if (fromPath && isLoanId(fromPath)) req.loanId = fromPath;

    let logged = false;
    const log = () => {
      if (logged) return;
      logged = true;
      const line = {
        requestId: req.id,
        method: req.method,
        path,
        status: res.statusCode,
        durationMs: Number((process.hrtime.bigint() - started) / 1000n) / 1000,
        ...(req.loanId ? loanLogBindings(req.loanId) : {}),
        // Who asked: a person's subject, or api-key:<prefix>.
        ...(req.principal ? { by: req.principal.subject } : {}),
        ...(res.writableFinished ? {} : { aborted: true }),
      };
      // 503 is the health check reporting a dependency down: worth a warning, not an alert per poll.
      if (res.statusCode === 503) logger.warn(line, 'request');
      else if (res.statusCode >= 500) logger.error(line, 'request failed');
      else logger.info(line, 'request');
    };
    res.on('finish', log);
    res.on('close', log);
    next();
  };
}
