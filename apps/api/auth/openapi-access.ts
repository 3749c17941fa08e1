// Who may call each operation, in the OpenAPI document, from the routes' own declarations: the
// two ways to authenticate (a bearer token, which is a person's OIDC access token or an API key,
// or an API key in X-Api-Key), each operation's security (empty for a public one), its 401 and
// 403 answers, and the permission it needs (`x-permission`) with the roles that hold it (`x-roles`).
import type { OpenAPIObject, OperationObject, ResponseObject, SecurityRequirementObject } from '@nestjs/swagger';
import { STATUS_CODES } from 'node:http';
import { PROBLEM_CONTENT_TYPE } from '../http/problem.js';
import type { DeclaredRoute } from './route-access.js';
import { rolesWith } from './roles.js';

export const SECURITY: SecurityRequirementObject[] = [{ bearer: [] }, { apiKey: [] }];

const problem = (description: string): ResponseObject => ({
  description,
  headers: { 'WWW-Authenticate': { description: 'RFC 6750: Bearer realm="credence", with error and error_description when a credential was refused', schema: { type: 'string' } } },
  content: { [PROBLEM_CONTENT_TYPE]: { schema: { $ref: '#/components/schemas/ProblemDto' } } },
});

export function describeAccess(document: OpenAPIObject, routes: readonly DeclaredRoute[]): void {
  document.components ??= {};
  document.components.securitySchemes = {
    bearer: {
      type: 'http',
      scheme: 'bearer',
      bearerFormat: 'JWT or API key',
      description:
        "A person's OpenID Connect access token (a JWT) from the configured issuer (OIDC_ISSUER) for this API's audience (OIDC_AUDIENCE), their roles in its `roles` claim; or a machine's API key (`ck_...`). " +
        'In development, `npm run -s dev:token -- --role <role>` prints one from the local issuer.',
    },
    apiKey: { type: 'apiKey', in: 'header', name: 'X-Api-Key', description: "A machine's API key (`ck_...`), created by an admin at POST /v1/api-keys" },
  };
  document.components.responses = {
    ...document.components.responses,
    Unauthenticated: problem(
      `${STATUS_CODES[401]}: no credential, or one refused (expired, not yet valid, for another audience or issuer, a bad signature, an algorithm or key not accepted, malformed; an unknown or revoked API key). WWW-Authenticate says which.`,
    ),
    Forbidden: problem(`${STATUS_CODES[403]}: the caller lacks the permission the operation needs (its x-permission)`),
  };
  document.security = SECURITY;
  const byOperation = new Map(routes.map((r) => [r.operationId, r]));
  for (const [path, item] of Object.entries(document.paths)) {
    for (const [method, operation] of Object.entries(item) as [string, OperationObject][]) {
      const route = byOperation.get(operation.operationId ?? '');
      if (!route?.access) throw new Error(`${method.toUpperCase()} ${path} (${operation.operationId}) declares no access`);
      const access = route.access;
      const says = (line: string) => (operation.description = operation.description ? `${operation.description}\n\n${line}` : line);
      if ('public' in access) {
        operation.security = [];
        says(`No login: ${access.public}.`);
        continue;
      }
      operation.security = SECURITY;
      (operation as OperationObject & { 'x-permission'?: string })['x-permission'] = access.permission;
      // The roles too, so a client (the web app, apps/web/scripts/generate-api.ts) shows each person only what the API would let them do.
      (operation as OperationObject & { 'x-roles'?: string[] })['x-roles'] = rolesWith(access.permission);
      says(`Needs the permission \`${access.permission}\` (roles: ${rolesWith(access.permission).join(', ')}; or an API key granted it).`);
      operation.responses = { ...operation.responses, 401: { $ref: '#/components/responses/Unauthenticated' }, 403: { $ref: '#/components/responses/Forbidden' } };
    }
  }
}
