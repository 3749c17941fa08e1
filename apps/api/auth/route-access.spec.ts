// No route is public by accident: a route that declares nothing, or one Express serves that no
// controller declares, stops the API from starting.
import { describe, expect, it } from '@jest/globals';
import { Controller, Get, Post } from '@nestjs/common';
import { CONTROLLERS } from '../api.module.js';
import { Public, Requires } from './access.decorator.js';
import { declaredRoutes, RouteAccess, UndeclaredRoutesError, undeclared } from './route-access.js';

@Requires('loans:read')
@Controller('v1/things')
class Declared {
  @Get(':id')
  one(): void {}

  @Public('a test')
  @Post(':id/ping')
  ping(): void {}
}

@Controller('v1/forgotten')
class Forgotten {
  @Get()
  list(): void {}
}

/** Express route layers as the router holds them, matching like Express (any case, a trailing slash). */
function layers(routes: [string, string][]) {
  return () =>
    routes.map(([method, path]) => {
      const pattern = new RegExp(`^${path.replace(/:[A-Za-z]+/g, '[^/]+')}/?$`, 'i');
      return { route: { path, methods: { [method]: true } }, match: (p: string) => pattern.test(p) };
    });
}

describe('route access', () => {
  it('every route of the API declares its access', () => {
    const routes = declaredRoutes(CONTROLLERS);
    expect(routes.length).toBeGreaterThan(60);
    expect(undeclared(routes)).toEqual([]);
  });

  it('reads a route\'s declaration, its own over its controller\'s, as Express will match it', () => {
    const access = new RouteAccess();
    access.bind([Declared], layers([['get', '/v1/things/:id'], ['post', '/v1/things/:id/ping'], ['get', '/docs']]));
    expect(access.find('GET', '/v1/things/42')).toEqual({ permission: 'loans:read' });
    expect(access.find('HEAD', '/V1/Things/42/')).toEqual({ permission: 'loans:read' });
    expect(access.find('POST', '/v1/things/42/ping')).toEqual({ public: 'a test' });
    expect(access.find('GET', '/docs')).toEqual({ public: 'the OpenAPI document and its UI' });
    expect(access.find('DELETE', '/v1/things/42')).toBeUndefined();
    expect(access.find('GET', '/nowhere')).toBeUndefined();
  });

  it('refuses to bind a route that declares nothing', () => {
    const access = new RouteAccess();
    expect(() => access.bind([Declared, Forgotten], layers([['get', '/v1/things/:id'], ['post', '/v1/things/:id/ping'], ['get', '/v1/forgotten']]))).toThrow(
      new UndeclaredRoutesError('every route must declare who may call it:\nGET /v1/forgotten (Forgotten_list): declare @Requires(<permission>) or @Public(<why>)'),
    );
  });

  it('refuses to bind a route Express serves that no controller declares', () => {
    const access = new RouteAccess();
    expect(() => access.bind([Declared], layers([['get', '/v1/things/:id'], ['post', '/v1/things/:id/ping'], ['get', '/v1/backdoor']]))).toThrow('GET /v1/backdoor: served by Express but declared by no controller');
  });
});
