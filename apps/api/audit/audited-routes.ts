// Which requests the audit trail records, and what it says they were about: every command on a
// route a controller declares, and every call of a read marked @AuditedRead(). Read from the
// controllers once (the routes their access is declared on, auth/route-access.ts) and tied to the
// routes Express serves, so a request refused before it reached its handler (401, 403, a body that
// would not parse) is still known by its route; the loan and the recovery case come from the
// route's parameters (a work item is its episode's hand-off case).
import type { Type } from '@nestjs/common';
import { isLoanId } from '../../../domain/loan-id.js';
import type { AuditKind } from '../../../db/repositories/audit-log.repository.js';
import { declaredRoutes } from '../auth/route-access.js';
import type { RouterStack } from '../edge/allowed-methods.js';
import type { ApiRequest } from '../http/request-context.js';
import { pathOf } from '../http/request-context.js';
import { isAuditedRead } from './audited-read.decorator.js';

export interface AuditedRoute {
  kind: AuditKind;
  /** Controller_method, as the OpenAPI document's operationId */
  action: string;
  method: string;
  /** as Express registers it: /v1/loans/:loanId */
  path: string;
}

export interface AuditSubject {
  route: AuditedRoute;
  loanId: string | null;
  caseId: string | null;
}

interface RouteLayer {
  route: { path: string; methods: Record<string, boolean | undefined> };
  match(path: string): false | { params: Record<string, unknown> };
}

const COMMANDS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const EPISODE = 'recovery-([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})-[1-9][0-9]{0,5}';
/** A case (its episode's workflow ID), a work item (`case-` and the episode), or a delivery key (the episode, then its step). */
const CASE_IN = { caseId: new RegExp(`^(${EPISODE})$`), id: new RegExp(`^case-(${EPISODE})$`), deliveryKey: new RegExp(`^(${EPISODE})-`) } as const;

export class AuditedRoutes {
  private byRoute = new Map<string, AuditedRoute>();
  private layers: { layer: RouteLayer; method: string; route: AuditedRoute }[] = [];

  /** What each controller route records, tied to the layers Express matches requests with. */
  bind(controllers: readonly Type[], stack: RouterStack): void {
    const declared = new Map<string, AuditedRoute>();
    for (const { method, path, operationId, handler } of declaredRoutes(controllers)) {
      const kind: AuditKind | null = COMMANDS.has(method) ? 'command' : method === 'GET' && isAuditedRead(handler) ? 'read' : null;
      if (kind) declared.set(`${method} ${path}`, { kind, action: operationId, method, path });
    }
    const byRoute = new Map<string, AuditedRoute>();
    const layers: { layer: RouteLayer; method: string; route: AuditedRoute }[] = [];
    for (const layer of stack().filter(isRouteLayer)) {
      for (const [method, on] of Object.entries(layer.route.methods)) {
        const key = `${method.toUpperCase()} ${layer.route.path}`;
        const route = on === true ? declared.get(key) : undefined;
        if (!route) continue;
        layers.push({ layer, method: method.toUpperCase(), route });
        byRoute.set(key, route);
      }
    }
    // A route recorded nowhere would be a command nobody can account for: the API does not start.
    const unserved = [...declared.keys()].filter((key) => !byRoute.has(key));
    if (unserved.length > 0) throw new Error(`audited routes Express does not serve as declared: ${unserved.join(', ')}`);
    this.byRoute = byRoute;
    this.layers = layers;
  }

  /** The audited route the request is for, and the loan and case it concerns; undefined when it is not recorded. */
  subjectOf(req: ApiRequest): AuditSubject | undefined {
    const method = req.method === 'HEAD' ? 'GET' : (req.method ?? 'GET');
    const taken = (req as ApiRequest & { route?: { path?: unknown }; params?: Record<string, unknown> }).route;
    let route: AuditedRoute | undefined;
    let params: Record<string, unknown> = {};
    if (typeof taken?.path === 'string') {
      route = this.byRoute.get(`${method} ${taken.path}`);
      params = (req as ApiRequest & { params?: Record<string, unknown> }).params ?? {};
    } else {
      // Refused before the router took it: found the way the router would have.
      const path = pathOf(req);
      for (const { layer, method: takes, route: candidate } of this.layers) {
        if (takes !== method) continue;
        const match = layer.match(path);
        if (!match) continue;
        route = candidate;
        params = match.params;
        break;
      }
    }
    if (!route) return undefined;
    const caseMatch = Object.entries(CASE_IN)
      .map(([name, pattern]) => (typeof params[name] === 'string' ? pattern.exec(params[name].toLowerCase()) : null))
      .find(Boolean);
    const loanParam = typeof params.loanId === 'string' ? params.loanId.toLowerCase() : undefined;
    const loanId = [loanParam, caseMatch?.[2], req.loanId].find((id): id is string => id !== undefined && isLoanId(id)) ?? null;
    return { route, loanId, caseId: caseMatch?.[1] ?? null };
  }
}

function isRouteLayer(layer: unknown): layer is RouteLayer {
  const l = layer as Partial<RouteLayer> | null;
  return typeof l === 'object' && l !== null && typeof l.match === 'function' && typeof l.route === 'object' && l.route !== null && typeof l.route.path === 'string';
}
