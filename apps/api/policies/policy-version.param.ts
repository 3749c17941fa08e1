// A policy version in a path: a whole number from 1 written plainly, or a 400 naming the parameter
// before anything is looked up ("1.5", "abc", "-1", "01", "1e3" and "0x10" are not versions). A
// custom parameter decorator, not a pipe after the global ValidationPipe: that one turns a path
// parameter typed number into one by JavaScript's rules first ("0x10" is 16), too late to refuse.
import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { ApiRequest } from '../http/request-context.js';
import { ProblemException } from '../http/problem.js';

export const POLICY_VERSION_SCHEMA = { type: 'integer' as const, format: 'int32', minimum: 1, maximum: 2_147_483_647, example: 2 };

export function parsePolicyVersion(value: unknown): number {
  const version = typeof value === 'string' && /^[1-9]\d{0,9}$/.test(value) ? Number(value) : NaN;
  if (!(version <= POLICY_VERSION_SCHEMA.maximum)) throw ProblemException.validation([{ field: 'version', message: 'must be a whole number from 1 (a policy version)' }]);
  return version;
}

/** The `version` path parameter, parsed as parsePolicyVersion says. */
export const PolicyVersionParam = createParamDecorator((_data: unknown, context: ExecutionContext): number =>
  parsePolicyVersion((context.switchToHttp().getRequest<ApiRequest & { params?: Record<string, string> }>().params ?? {}).version),
);
