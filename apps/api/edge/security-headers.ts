// The headers every answer carries, set before anything else runs so that refusals (429, 503),
// problem documents and the router's 404 have them too. The API answers JSON to programs, so its
// policy forbids everything a browser could do with a response; only the Swagger UI at /docs is
// a page, and gets a policy that lets it load its own script, styles and the spec, and nothing
// from elsewhere; and the borrower's pages (unsubscribe, the validation notice, the pay page),
// whose forms (unsubscribe, dispute) may post back to where they came from.
// Written here rather than with helmet: eight fixed headers, chosen per path.
import type { ServerResponse } from 'node:http';
import { isBorrowerPage } from './route-class.js';

const COMMON: [string, string][] = [
  ['X-Content-Type-Options', 'nosniff'],
  ['Referrer-Policy', 'no-referrer'],
  ['X-Frame-Options', 'DENY'],
  ['Cross-Origin-Resource-Policy', 'same-origin'],
  ['Cross-Origin-Opener-Policy', 'same-origin'],
  ['X-Permitted-Cross-Domain-Policies', 'none'],
];

export const API_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";
// Swagger UI's page has one inline <style> block and draws icons from data: URIs; its script is
// served from /docs, and it fetches /openapi.json and (Try it out) the API itself.
export const DOCS_CSP = "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

// The web app (apps/web): its own scripts only; inline styles because the charts draw their
// tooltips with them; it calls the API on its own origin and nothing else.
export const WEB_APP_CSP = "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self'; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

// The borrower's pages: plain HTML, no script or style, their forms posting to themselves.
export const UNSUBSCRIBE_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

const API: [string, string][] = [...COMMON, ['Content-Security-Policy', API_CSP], ['Cache-Control', 'no-store']];
const BORROWER_PAGE: [string, string][] = [...COMMON, ['Content-Security-Policy', UNSUBSCRIBE_CSP], ['Cache-Control', 'no-store']];
const DOCS: [string, string][] = [...COMMON, ['Content-Security-Policy', DOCS_CSP]];
// Cache-Control is the static server's: the page no-store, its content-hashed files for good.
const WEB_APP: [string, string][] = [...COMMON, ['Content-Security-Policy', WEB_APP_CSP]];

export interface SecurityHeaderOptions {
  hstsMaxAgeSeconds: number;
  /** whether this request came over TLS (directly, or to a trusted proxy) */
  secure: boolean;
}

export function setSecurityHeaders(res: ServerResponse, path: string, options: SecurityHeaderOptions): void {
  // Every answer but the docs' is about loans or people, or could be: none may be cached.
  for (const [name, value] of isDocs(path) ? DOCS : isWebApp(path) ? WEB_APP : isBorrowerPage(path) ? BORROWER_PAGE : API) res.setHeader(name, value);
  // Browsers ignore HSTS received over plain HTTP (RFC 6797 8.1), and a local http:// API must
  // not teach a browser to refuse http://localhost afterwards.
  if (options.secure && options.hstsMaxAgeSeconds > 0) res.setHeader('Strict-Transport-Security', `max-age=${options.hstsMaxAgeSeconds}; includeSubDomains`);
}

function isDocs(path: string): boolean {
  const p = path.toLowerCase();
  return p === '/docs' || p.startsWith('/docs/');
}

/** The web app's page and its built files (api/web/web-app.module.ts). */
function isWebApp(path: string): boolean {
  return path === '/' || path.startsWith('/assets/');
}
