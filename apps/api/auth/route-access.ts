// Every route's declared access, read from the controllers and tied to the routes Express serves.
// Two uses: the API refuses to start while any route declares nothing (or Express serves a route
// no controller declares, beyond the OpenAPI document and its UI), and a request's access is
// known from its method and path before its body is read, so a caller without the right
// credential is refused without the API reading, parsing or validating what they sent.
import { Injectable, RequestMethod, type Type } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants.js';
import type { RouterStack } from '../edge/allowed-methods.js';
import { accessOf, type Access } from './access.decorator.js';

export interface DeclaredRoute {
  /** upper case */
  method: string;
  /** as Express registers it: /v1/loans/:loanId */
  path: string;
  /** Controller_method, as the OpenAPI document's operationId */
  operationId: string;
  access: Access | undefined;
  /** the handler, for what else a route declares on it (whether its calls are audited, audit/audited-read.decorator.ts) */
  handler: object;
}

/** What Express serves besides the controllers: the OpenAPI document and its UI, which anyone may read. */
const DOCUMENT_PATHS = /^\/(?:docs(?:\/.*)?|openapi\.json|openapi\.yaml)$/;
export const DOCUMENT_PUBLIC_BECAUSE = 'the OpenAPI document and its UI';
const DOCUMENT_ACCESS: Access = { public: DOCUMENT_PUBLIC_BECAUSE };
/** The web app's page (api/web/web-app.module.ts): code anyone may load; everything it shows comes from the API behind logins. */
const WEB_APP_PATHS = /^\/$/;
export const WEB_APP_PUBLIC_BECAUSE = "the web app's page: its code, no data (every screen reads the API with the signed-in person's token)";
const WEB_APP_ACCESS: Access = { public: WEB_APP_PUBLIC_BECAUSE };

/** Each route handler of the controllers, with its method, path and declaration. */
export function declaredRoutes(controllers: readonly Type[]): DeclaredRoute[] {
  const routes: DeclaredRoute[] = [];
  for (const controller of controllers) {
    const base = pathsOf(Reflect.getMetadata(PATH_METADATA, controller));
    const proto = controller.prototype as Record<string, unknown>;
    for (const name of Object.getOwnPropertyNames(proto)) {
      const handler = proto[name];
      if (name === 'constructor' || typeof handler !== 'function') continue;
      const method = Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod | undefined;
      if (method === undefined) continue;
      for (const ctrl of base) {
        for (const own of pathsOf(Reflect.getMetadata(PATH_METADATA, handler))) {
          routes.push({ method: RequestMethod[method], path: joinPath(ctrl, own), operationId: `${controller.name}_${name}`, access: accessOf(controller, handler), handler });
        }
      }
    }
  }
  return routes;
}

/** Nest's own joining (RoutePathFactory, without a global prefix or versions): leading slash, no trailing one. */
function joinPath(controllerPath: string, methodPath: string): string {
  const leading = (p: string) => (p && !p.startsWith('/') ? `/${p}` : p);
  const stripEnd = (p: string) => (p.endsWith('/') ? p.slice(0, -1) : p);
  const joined = leading(stripEnd(leading(controllerPath)) + leading(methodPath)) || '/';
  return joined !== '/' ? stripEnd(joined) : joined;
}

function pathsOf(metadata: unknown): string[] {
  if (Array.isArray(metadata)) return metadata.map(String);
  return [typeof metadata === 'string' ? metadata : ''];
}

export class UndeclaredRoutesError extends Error {
  override readonly name = 'UndeclaredRoutesError';
}

/** Routes that declare no access, by operation; none is the only acceptable answer. */
export function undeclared(routes: readonly DeclaredRoute[]): string[] {
  return routes.filter((r) => r.access === undefined).map((r) => `${r.method} ${r.path} (${r.operationId}): declare @Requires(<permission>) or @Public(<why>)`);
}

/** What is read of an Express 5 route layer. */
interface RouteLayer {
  route: { path: string; methods: Record<string, boolean | undefined> };
  match(path: string): unknown;
}

function isRouteLayer(layer: unknown): layer is RouteLayer {
  const l = layer as Partial<RouteLayer> | null;
  return typeof l === 'object' && l !== null && typeof l.match === 'function' && typeof l.route === 'object' && l.route !== null && typeof l.route.path === 'string';
}

@Injectable()
export class RouteAccess {
  private table: { layer: RouteLayer; method: string; access: Access }[] = [];
  private bound = false;

  /** Ties the declarations to Express's routes; throws naming every route that declares nothing. */
  bind(controllers: readonly Type[], stack: RouterStack): void {
    const routes = declaredRoutes(controllers);
    const faults = undeclared(routes);
    const byRoute = new Map(routes.map((r) => [`${r.method} ${r.path}`, r]));
    const table: { layer: RouteLayer; method: string; access: Access }[] = [];
    for (const layer of stack().filter(isRouteLayer)) {
      for (const [method, on] of Object.entries(layer.route.methods)) {
        if (on !== true) continue;
        const declared = byRoute.get(`${method.toUpperCase()} ${layer.route.path}`);
        if (declared?.access) table.push({ layer, method, access: declared.access });
        else if (DOCUMENT_PATHS.test(layer.route.path)) table.push({ layer, method, access: DOCUMENT_ACCESS });
        else if (WEB_APP_PATHS.test(layer.route.path) && method === 'get') table.push({ layer, method, access: WEB_APP_ACCESS });
        else if (!declared) faults.push(`${method.toUpperCase()} ${layer.route.path}: served by Express but declared by no controller`);
      }
    }
    if (faults.length > 0) throw new UndeclaredRoutesError(`every route must declare who may call it:\n${faults.join('\n')}`);
    this.table = table;
    this.bound = true;
  }

  /** The access the route Express will pick declares; undefined when no route takes the request (the router answers it). */
  find(method: string | undefined, path: string): Access | undefined {
    if (!this.bound) return undefined;
    const asked = method === 'HEAD' ? 'get' : (method ?? 'GET').toLowerCase();
    for (const { layer, method: takes, access } of this.table) if ((takes === asked || takes === '_all') && layer.match(path)) return access;
    return undefined;
  }
}
