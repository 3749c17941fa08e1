// API-key check for every route but /health, compared in constant time.
import { createHash, timingSafeEqual } from 'node:crypto';
import type { Handler } from '../http-server.js';
import { apiError } from './resources.js';

export function bearerAuth(secretKey: string): (handler: Handler) => Handler {
  const expected = digest(secretKey);
  return (handler) => (req) => {
    const token = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
    if (token === undefined || !timingSafeEqual(digest(token), expected)) {
      return { status: 401, body: apiError('authentication_error', 'unauthorized', 'Missing or invalid API key: send Authorization: Bearer <secret key>.'), headers: { 'WWW-Authenticate': 'Bearer' } };
    }
    return handler(req);
  };
}

// Hashing first gives both sides the same length, which timingSafeEqual requires.
function digest(text: string): Buffer {
  return createHash('sha256').update(text).digest();
}
