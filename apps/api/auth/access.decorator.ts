// Every route says who may call it: `@Requires('loans:read')` names the permission it needs, or
// `@Public('why')` says why anyone may (a provider's signed webhook, a borrower's signed page, the
// health check). On a controller it covers each of its routes; on a route it overrides the
// controller's. A route that says neither stops the API from starting (route-access.ts), so no
// route is ever public by accident.
import { SetMetadata } from '@nestjs/common';
import type { Permission } from './permissions.js';

export type Access = { public: string } | { permission: Permission };

export const ACCESS_METADATA = 'credence:access';

export function Requires(permission: Permission): MethodDecorator & ClassDecorator {
  return SetMetadata(ACCESS_METADATA, { permission } satisfies Access);
}

export function Public(why: string): MethodDecorator & ClassDecorator {
  return SetMetadata(ACCESS_METADATA, { public: why } satisfies Access);
}

/** What a route declares: its own declaration, else its controller's; undefined when neither says. */
export function accessOf(controller: abstract new (...args: never[]) => unknown, handler: object): Access | undefined {
  return (Reflect.getMetadata(ACCESS_METADATA, handler) ?? Reflect.getMetadata(ACCESS_METADATA, controller)) as Access | undefined;
}
