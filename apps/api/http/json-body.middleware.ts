// Reads JSON request bodies (and, on Twilio's webhooks and the one-click unsubscribe only, the forms
// Twilio and mail clients post) itself instead of Express's body-parser, so that every failure
// (wrong media type 415, too large 413, malformed 400) is thrown into the one problem filter,
// and the exact bytes stay on the request for webhook signatures. What a body may contain is
// checked where it is used: by the validation pipe for a DTO (validation.ts), and by the webhook
// once its signature is verified. The one route that takes YAML (a policy draft, ops' own text)
// gets it as `{ source: <text> }`: the same DTO then checks it as it checks a JSON body's source.
import { Injectable, type NestMiddleware, PayloadTooLargeException, UnsupportedMediaTypeException } from '@nestjs/common';
import { routeClassOf } from '../edge/route-class.js';
import { ProblemException } from './problem.js';
import { pathOf, type ApiRequest, type ApiResponse } from './request-context.js';

/** Applications are a few kilobytes; anything near this is not one. */
export const MAX_BODY_BYTES = 64 * 1024;
/**
 * A scoring batch is up to 1,000 records (MAX_RECORDS) of a few hundred bytes each, a kilobyte or
 * two with long numbers: 64 KB held about a hundred, less than the documented batch.
 */
export const MAX_SCORE_BODY_BYTES = 2 * 1024 * 1024;

/** SendGrid batches events into one POST: a busy minute is hundreds of them. */
export const MAX_EVENT_BATCH_BYTES = 1024 * 1024;

/** An escalation policy with many rules, pretty-printed, with ops' comments: larger than an application. */
export const MAX_POLICY_BODY_BYTES = 256 * 1024;

export const YAML_MEDIA_TYPES = ['application/yaml', 'text/yaml', 'application/x-yaml'];

/** POST /v1/policies/recovery, as Express matches it (any case, a trailing slash). */
function takesYaml(req: ApiRequest): boolean {
  return req.method === 'POST' && /^\/v1\/policies\/recovery\/?$/i.test(pathOf(req));
}

/** Twilio posts application/x-www-form-urlencoded, and so does a mail client's one-click unsubscribe (RFC 8058): only to these routes. */
function takesForms(req: ApiRequest): boolean {
  const path = pathOf(req).toLowerCase();
  return path.startsWith('/v1/webhooks/twilio/') || path.startsWith('/unsubscribe/');
}

function maxBodyBytes(req: ApiRequest): number {
  if (takesYaml(req)) return MAX_POLICY_BODY_BYTES;
  if (pathOf(req).toLowerCase().startsWith('/v1/webhooks/sendgrid/')) return MAX_EVENT_BATCH_BYTES;
  return routeClassOf(req.method, pathOf(req)) === 'score' ? MAX_SCORE_BODY_BYTES : MAX_BODY_BYTES;
}

@Injectable()
export class JsonBodyMiddleware implements NestMiddleware<ApiRequest, ApiResponse> {
  async use(req: ApiRequest, _res: ApiResponse, next: (error?: unknown) => void): Promise<void> {
    if (!hasBody(req)) return next();
    const form = takesForms(req);
    const yaml = form ? (assertFormMediaType(req), false) : assertMediaType(req);
    const limit = maxBodyBytes(req);
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > limit) throw tooLarge(limit);
    const raw = await readBody(req, limit);
    req.rawBody = raw;
    if (raw.length === 0) return next();
    if (form) {
      req.body = parseForm(raw);
      return next();
    }
    try {
      const text = new TextDecoder('utf-8', { fatal: true }).decode(raw);
      req.body = yaml ? { source: text } : JSON.parse(text);
    } catch (err) {
      throw new ProblemException('malformedJson', `the body could not be parsed as ${yaml ? 'UTF-8 text' : 'JSON'}: ${(err as Error).message}`);
    }
    next();
  }
}

function hasBody(req: ApiRequest): boolean {
  return req.headers['transfer-encoding'] !== undefined || Number(req.headers['content-length'] ?? 0) > 0;
}

/** True when the body is YAML text (only where the route takes it); throws 415 for anything else but JSON. */
function assertMediaType(req: ApiRequest): boolean {
  const [mediaType = '', ...params] = (req.headers['content-type'] ?? '').split(';').map((p) => p.trim().toLowerCase());
  const json = mediaType === 'application/json' || /^application\/[\w.+-]+\+json$/.test(mediaType);
  const yaml = takesYaml(req) && YAML_MEDIA_TYPES.includes(mediaType);
  const charset = params.find((p) => p.startsWith('charset='))?.slice('charset='.length).replace(/"/g, '');
  if (!json && !yaml) throw new UnsupportedMediaTypeException(`send the body as application/json${takesYaml(req) ? ' or application/yaml' : ''}${mediaType ? `, not ${mediaType}` : ''}`);
  if (charset !== undefined && charset !== 'utf-8' && charset !== 'utf8') throw new UnsupportedMediaTypeException(`the body must be UTF-8, not ${charset}`);
  const encoding = req.headers['content-encoding'];
  if (encoding !== undefined && encoding !== 'identity') throw new UnsupportedMediaTypeException(`Content-Encoding ${encoding} is not accepted`);
  return yaml;
}

function assertFormMediaType(req: ApiRequest): void {
  const expected = 'application/x-www-form-urlencoded';
  const mediaType = (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  if (mediaType !== expected) throw new UnsupportedMediaTypeException(`send the body as ${expected}${mediaType ? `, not ${mediaType}` : ''}`);
  const encoding = req.headers['content-encoding'];
  if (encoding !== undefined && encoding !== 'identity') throw new UnsupportedMediaTypeException(`Content-Encoding ${encoding} is not accepted`);
}

/** Form fields as Twilio sends them, each once (a repeated name keeps its last value); UTF-8 or a 400. */
function parseForm(raw: Buffer): Record<string, string> {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(raw);
  } catch (err) {
    throw new ProblemException('validation', `the form is not UTF-8: ${(err as Error).message}`);
  }
  return Object.fromEntries(new URLSearchParams(text));
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
