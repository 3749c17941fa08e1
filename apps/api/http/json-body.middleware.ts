// Reads request bodies itself instead of Express's body-parser, so that every failure (wrong
// media type 415, too large 413, malformed 400) is thrown into the one problem filter, and the
// exact bytes stay on the request for webhook signatures. Bodies are JSON, except on the few
// routes that take something else, listed once below: Twilio's forms on its webhooks, a mail client's one-click unsubscribe (RFC 8058) and the validation notice's dispute form, a policy
// draft's YAML (handed on as `{ source: <text> }`, which the same DTO then checks as it checks a
// JSON body's source), and a lender's book as CSV (left raw for the import, read row by row).
// What a body may contain is checked where it is used: by the validation pipe for a DTO
// (validation.ts), by a webhook once its signature is verified, by the import row by row.
import { Injectable, type NestMiddleware, PayloadTooLargeException, UnsupportedMediaTypeException } from '@nestjs/common';
import { routeClassOf } from '../edge/route-class.js';
import { MAX_IMPORT_BODY_BYTES } from '../portfolio/import-limits.js';
import { ProblemException } from './problem.js';
import { pathOf, type ApiRequest, type ApiResponse } from './request-context.js';

/** Most bodies are a few KiB: an application with its applicant is under 4 KiB. */
export const MAX_BODY_BYTES = 64 * 1024;

/**
 * POST /v1/score takes up to 100 records, each of up to 100 fields whose values the model card
 * allows (a string may be up to 256 characters): a full batch is about 1.6 MiB as JSON.
 */
export const MAX_SCORE_BODY_BYTES = 2 * 1024 * 1024;

/** SendGrid batches events into one POST: a busy minute is hundreds of them. */
export const MAX_EVENT_BATCH_BYTES = 1024 * 1024;

/** An escalation policy with many rules, pretty-printed, with ops' comments: larger than an application. */
export const MAX_POLICY_BODY_BYTES = 256 * 1024;

export const YAML_MEDIA_TYPES = ['application/yaml', 'text/yaml', 'application/x-yaml'];

type BodyKind = 'json' | 'form' | 'yaml' | 'csv';

/** A route that takes more (or other) than JSON, and how much. Matched on the path as Express matches it (any case, a trailing slash). */
interface BodyRoute {
  matches(method: string, path: string): boolean;
  /** media type -> what the body is */
  accepts: Record<string, BodyKind>;
  /** in words, for a 415 */
  described: string;
  maxBytes?: number;
}

const JSON_BODY: BodyRoute['accepts'] = { 'application/json': 'json' };

const BODY_ROUTES: BodyRoute[] = [
  // Twilio posts application/x-www-form-urlencoded, and only to its webhooks.
  { matches: (_m, p) => p.startsWith('/v1/webhooks/twilio/'), accepts: { 'application/x-www-form-urlencoded': 'form' }, described: 'application/x-www-form-urlencoded' },
  { matches: (m, p) => m === 'POST' && p.startsWith('/unsubscribe/'), accepts: { 'application/x-www-form-urlencoded': 'form' }, described: 'application/x-www-form-urlencoded' },
  // The form on the borrower's validation notice: a dispute.
  { matches: (m, p) => m === 'POST' && p.startsWith('/validation/'), accepts: { 'application/x-www-form-urlencoded': 'form' }, described: 'application/x-www-form-urlencoded' },
  { matches: (_m, p) => p.startsWith('/v1/webhooks/sendgrid/'), accepts: JSON_BODY, described: 'application/json', maxBytes: MAX_EVENT_BATCH_BYTES },
  {
    matches: (m, p) => m === 'POST' && /^\/v1\/policies\/recovery\/?$/.test(p),
    accepts: { ...JSON_BODY, ...Object.fromEntries(YAML_MEDIA_TYPES.map((t) => [t, 'yaml' as const])) },
    described: 'application/json or application/yaml',
    maxBytes: MAX_POLICY_BODY_BYTES,
  },
  { matches: (m, p) => m === 'POST' && p.replace(/\/+$/, '') === '/v1/portfolio/imports', accepts: { ...JSON_BODY, 'text/csv': 'csv' }, described: 'text/csv or application/json', maxBytes: MAX_IMPORT_BODY_BYTES },
];

function bodyRoute(req: ApiRequest): BodyRoute | undefined {
  const path = pathOf(req).toLowerCase();
  return BODY_ROUTES.find((r) => r.matches(req.method ?? '', path));
}

@Injectable()
export class JsonBodyMiddleware implements NestMiddleware<ApiRequest, ApiResponse> {
  async use(req: ApiRequest, _res: ApiResponse, next: (error?: unknown) => void): Promise<void> {
    if (!hasBody(req)) return next();
    const route = bodyRoute(req);
    const kind = bodyKind(req, route);
    const limit = route?.maxBytes ?? (routeClassOf(req.method, pathOf(req)) === 'score' ? MAX_SCORE_BODY_BYTES : MAX_BODY_BYTES);
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > limit) throw tooLarge(limit);
    const raw = await readBody(req, limit);
    req.rawBody = raw;
    if (raw.length === 0 || kind === 'csv') return next();
    let text: string;
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(raw);
    } catch (err) {
      throw kind === 'form' ? new ProblemException('validation', `the form is not UTF-8: ${(err as Error).message}`) : new ProblemException('malformedJson', `the body is not UTF-8: ${(err as Error).message}`);
    }
    if (kind === 'form') req.body = Object.fromEntries(new URLSearchParams(text));
    else if (kind === 'yaml') req.body = { source: text };
    else {
      try {
        req.body = JSON.parse(text);
      } catch (err) {
        throw new ProblemException('malformedJson', `the body could not be parsed as JSON: ${(err as Error).message}`);
      }
    }
    next();
  }
}

function hasBody(req: ApiRequest): boolean {
  return req.headers['transfer-encoding'] !== undefined || Number(req.headers['content-length'] ?? 0) > 0;
}

/** What the body is, from its media type and what the route accepts; 415 for anything else. */
function bodyKind(req: ApiRequest, route: BodyRoute | undefined): BodyKind {
  const [mediaType = '', ...params] = (req.headers['content-type'] ?? '').split(';').map((p) => p.trim().toLowerCase());
  const accepts = route?.accepts ?? JSON_BODY;
  const kind = accepts[mediaType] ?? (accepts['application/json'] && /^application\/[\w.+-]+\+json$/.test(mediaType) ? 'json' : undefined);
  if (!kind) throw new UnsupportedMediaTypeException(`send the body as ${route?.described ?? 'application/json'}${mediaType ? `, not ${mediaType}` : ''}`);
  const charset = params.find((p) => p.startsWith('charset='))?.slice('charset='.length).replace(/"/g, '');
  if (charset !== undefined && charset !== 'utf-8' && charset !== 'utf8') throw new UnsupportedMediaTypeException(`the body must be UTF-8, not ${charset}`);
  const encoding = req.headers['content-encoding'];
  if (encoding !== undefined && encoding !== 'identity') throw new UnsupportedMediaTypeException(`Content-Encoding ${encoding} is not accepted`);
  return kind;
}

function tooLarge(limit: number): PayloadTooLargeException {
  return new PayloadTooLargeException(`the body is larger than ${limit} bytes`);
}

function readBody(req: ApiRequest, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        cleanup();
        // Stop reading but let the answer go out; the rest of the upload is discarded.
        req.resume();
        reject(tooLarge(limit));
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = () => {
      cleanup();
      resolve(Buffer.concat(chunks));
    };
    const onError = (err: Error) => {
      cleanup();
      reject(new ProblemException('malformedJson', `the body could not be read: ${err.message}`));
    };
    const cleanup = () => {
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onError);
    };
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', onError);
  });
}
