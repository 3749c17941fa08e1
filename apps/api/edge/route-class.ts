// Which class of request this is, from the method and path alone: decided before the body is
// read or the router runs, so it must agree with Express's matching, which ignores case and a
// trailing slash (`POST /V1/Score/` is scoring too, and must not slip into another class's limits).
import type { RouteClass } from '../../shared/config.js';

const OPS = new Set(['/health', '/metrics', '/openapi.json', '/openapi.yaml', '/docs']);
const READ_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
// The pages our messages link borrowers to, and what their forms post: the validation notice and
// its dispute, the pay page, the unsubscribe page and the one-click unsubscribe mail clients post.
const BORROWER_PAGES = ['/validation/', '/pay/', '/unsubscribe/'];
const borrowerPage = (p: string) => BORROWER_PAGES.some((prefix) => p.startsWith(prefix));

export function routeClassOf(method: string | undefined, path: string): RouteClass {
  const p = normalized(path);
  if (OPS.has(p) || p.startsWith('/docs/')) return 'ops';
  // Providers' callbacks: calls from outside that must not queue behind ops' own commands.
  if (p.startsWith('/v1/webhooks/')) return 'webhook';
  // Anonymous, and in bursts after a mass send: a flood of clicks must not starve ops' reads and
  // commands, nor a busy ops day keep borrowers from their pages (or from unsubscribing).
  if (borrowerPage(p)) return 'borrower';
  if (p === '/v1/score') return 'score';
  return READ_METHODS.has(method ?? 'GET') ? 'read' : 'command';
}

/** Whether the path is one of the borrower's pages (security-headers.ts gives them their own policy). */
export function isBorrowerPage(path: string): boolean {
  return borrowerPage(normalized(path));
}

function normalized(path: string): string {
  return path.toLowerCase().replace(/\/+$/, '');
}
