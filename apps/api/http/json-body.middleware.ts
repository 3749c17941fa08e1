// Reads JSON request bodies itself instead of Express's body-parser, so that every failure
// (wrong media type 415, too large 413, malformed 400) is thrown into the one problem filter,
// and the exact bytes stay on the request for webhook signatures. One route also takes CSV (a
// lender's book, POST /v1/portfolio/imports, with a larger limit): its bytes are left raw for it.
// What a body may contain is checked where it is used: by the validation pipe for a DTO
// (validation.ts), by the webhook once its signature is verified, and by the import row by row.
import { Injectable, type NestMiddleware, PayloadTooLargeException, UnsupportedMediaTypeException } from '@nestjs/common';
import { routeClassOf } from '../edge/route-class.js';
import { MAX_IMPORT_BODY_BYTES } from '../portfolio/import-limits.js';
import { ProblemException } from './problem.js';
import { pathOf, type ApiRequest, type ApiResponse } from './request-context.js';

/** Applications are a few kilobytes; anything near this is not one. */
export const MAX_BODY_BYTES = 64 * 1024;
/**
 * A scoring batch is up to 1,000 records (MAX_RECORDS) of a few hundred bytes each, a kilobyte or
 * two with long numbers: 64 KB held about a hundred, less than the documented batch.
 */
export const MAX_SCORE_BODY_BYTES = 2 * 1024 * 1024;

/** The one route that also takes CSV: a lender's book (apps/api/portfolio), read raw by its controller. */
export function isPortfolioImport(req: ApiRequest): boolean {
  return req.method === 'POST' && pathOf(req).toLowerCase().replace(/\/+$/, '') === '/v1/portfolio/imports';
}

function maxBodyBytes(req: ApiRequest): number {
  if (isPortfolioImport(req)) return MAX_IMPORT_BODY_BYTES;
  return routeClassOf(req.method, pathOf(req)) === 'score' ? MAX_SCORE_BODY_BYTES : MAX_BODY_BYTES;
}

@Injectable()
export class JsonBodyMiddleware implements NestMiddleware<ApiRequest, ApiResponse> {
  async use(req: ApiRequest, _res: ApiResponse, next: (error?: unknown) => void): Promise<void> {
    if (!hasBody(req)) return next();
    assertMediaType(req);
    const csv = isPortfolioImport(req) && isCsv(req);
    const limit = maxBodyBytes(req);
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > limit) throw tooLarge(limit);
    const raw = await readBody(req, limit);
    req.rawBody = raw;
    if (raw.length === 0 || csv) return next();
    try {
      req.body = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(raw));
    } catch (err) {
      throw new ProblemException('malformedJson', `the body could not be parsed as JSON: ${(err as Error).message}`);
    }
    next();
  }
}

function hasBody(req: ApiRequest): boolean {
  return req.headers['transfer-encoding'] !== undefined || Number(req.headers['content-length'] ?? 0) > 0;
}

function isCsv(req: ApiRequest): boolean {
  return (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase() === 'text/csv';
}

function assertMediaType(req: ApiRequest): void {
  const [mediaType = '', ...params] = (req.headers['content-type'] ?? '').split(';').map((p) => p.trim().toLowerCase());
  const json = mediaType === 'application/json' || /^application\/[\w.+-]+\+json$/.test(mediaType);
  const csvImport = mediaType === 'text/csv' && isPortfolioImport(req);
  const charset = params.find((p) => p.startsWith('charset='))?.slice('charset='.length).replace(/"/g, '');
  const accepted = isPortfolioImport(req) ? 'text/csv or application/json' : 'application/json';
  if (!json && !csvImport) throw new UnsupportedMediaTypeException(`send the body as ${accepted}${mediaType ? `, not ${mediaType}` : ''}`);
  if (charset !== undefined && charset !== 'utf-8' && charset !== 'utf8') throw new UnsupportedMediaTypeException(`the body must be UTF-8, not ${charset}`);
  const encoding = req.headers['content-encoding'];
  if (encoding !== undefined && encoding !== 'identity') throw new UnsupportedMediaTypeException(`Content-Encoding ${encoding} is not accepted`);
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
