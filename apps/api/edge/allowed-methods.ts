// Which methods a path takes, read from the routes Express has registered (Nest's controllers and
// the OpenAPI document's own routes alike), never from a list kept by hand. A known path asked
// with a method it does not take is answered 405 with Allow, as HTTP requires (RFC 9110 15.5.6),
// instead of the router's 404, and OPTIONS is answered with Allow; an unknown path stays the
// router's 404. Paths are matched by Express's own route layers, so the answer agrees with its
// routing: case, a trailing slash and parameters alike.
//
// It runs on every request, so a request a route takes returns at the first route that takes
// it, and the route layers are picked out of the router's stack once (again if routes are added).
import type { INestApplication } from '@nestjs/common';

/** What is read of an Express 5 router's route layer: its methods and its matcher. */
interface RouteLayer {
  route: { methods: Record<string, boolean | undefined> };
  match(path: string): unknown;
}

export type RouterStack = () => readonly unknown[];

/** The router's stack, read at each call: routes are registered when the app initialises, after the edge is installed. */
export function expressRouterStack(app: INestApplication): RouterStack {
  const express = app.getHttpAdapter().getInstance() as { router?: { stack?: unknown } };
  return () => {
    const stack = express.router?.stack;
    if (!Array.isArray(stack)) throw new Error('the Express app has no router stack to read its routes from');
    return stack as unknown[];
  };
}

function isRouteLayer(layer: unknown): layer is RouteLayer {
  const l = layer as Partial<RouteLayer> | null;
  return typeof l === 'object' && l !== null && typeof l.match === 'function' && typeof l.route === 'object' && l.route !== null && typeof l.route.methods === 'object';
}

export class AllowedMethods {
  private layers: RouteLayer[] = [];
  private stackLength = -1;

  constructor(private readonly stack: RouterStack) {}

  /**
   * Undefined when a route takes `method` on `path`, or none matches the path (the router answers
   * either way); otherwise what the path takes, upper case and sorted, for an Allow header: HEAD
   * wherever GET is (Express answers it from the GET route) and OPTIONS (the edge answers it).
   */
  refusing(method: string, path: string): string[] | undefined {
    const asked = method === 'HEAD' ? 'get' : method.toLowerCase();
    const methods = new Set<string>();
    for (const layer of this.routeLayers()) {
      if (!layer.match(path)) continue;
      const { methods: takes } = layer.route;
      if (takes[asked] === true || takes._all === true) return undefined;
      for (const [name, on] of Object.entries(takes)) if (on === true) methods.add(name.toUpperCase());
    }
    if (methods.size === 0) return undefined;
    if (methods.has('GET')) methods.add('HEAD');
    methods.add('OPTIONS');
    return [...methods].sort();
  }

  private routeLayers(): RouteLayer[] {
    const stack = this.stack();
    if (stack.length !== this.stackLength) {
      this.layers = stack.filter(isRouteLayer);
      this.stackLength = stack.length;
    }
    return this.layers;
  }
}
