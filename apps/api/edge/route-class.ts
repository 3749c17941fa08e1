// Which class of request this is, from the method and path alone: decided before the body is
// read or the router runs, so it must agree with Express's matching, which ignores case and a
// trailing slash (`POST /V1/Score/` is scoring too, and must not slip into another class's limits).
import type { RouteClass } from '../../shared/config.js';

const OPS = new Set(['/health', '/metrics', '/openapi.json', '/openapi.yaml', '/docs']);
const READ_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export function routeClassOf(method: string | undefined, path: string): RouteClass {
  const p = path.toLowerCase().replace(/\/+$/, '');
  if (OPS.has(p) || p.startsWith('/docs/')) return 'ops';
  // Providers' callbacks, and borrowers' one-click unsubscribes (from their mail clients): calls
  // from outside that must not queue behind ops' own commands.
  if (p.startsWith('/v1/webhooks/') || p.startsWith('/unsubscribe/')) return 'webhook';
  if (p === '/v1/score') return 'score';
  return READ_METHODS.has(method ?? 'GET') ? 'read' : 'command';
}
