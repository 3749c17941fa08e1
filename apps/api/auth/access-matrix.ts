// apps/api/auth/ACCESS.md: the roles, the permissions each holds, and every route with the
// permission it needs and which roles may call it. Written from the code by
// `npm run openapi:export`, and held to it by a spec, so it cannot drift.
import { PERMISSIONS, ALL_PERMISSIONS } from './permissions.js';
import { DOCUMENT_PUBLIC_BECAUSE, WEB_APP_PUBLIC_BECAUSE, type DeclaredRoute } from './route-access.js';
import { ROLE_DESCRIPTIONS, ROLE_PERMISSIONS, ROLES, rolesWith } from './roles.js';

const YES = '✓';

export function accessMatrixMarkdown(routes: readonly DeclaredRoute[]): string {
  const sorted = [...routes].sort((a, b) => a.path.localeCompare(b.path) || a.method.localeCompare(b.method));
  const rows = sorted.map((route) => {
    const access = route.access;
    if (!access) throw new Error(`${route.method} ${route.path} declares no access`);
    if ('public' in access) return `| \`${route.method} ${route.path}\` | public: ${access.public} | ${ROLES.map(() => YES).join(' | ')} |`;
    const holders = new Set(rolesWith(access.permission));
    return `| \`${route.method} ${route.path}\` | \`${access.permission}\` | ${ROLES.map((r) => (holders.has(r) ? YES : '')).join(' | ')} |`;
  });
  const document = `| \`GET /openapi.json\`, \`/openapi.yaml\`, \`/docs\` | public: ${DOCUMENT_PUBLIC_BECAUSE} | ${ROLES.map(() => YES).join(' | ')} |`;
  const webApp = `| \`GET /\` (and its files under \`/assets\`) | public: ${WEB_APP_PUBLIC_BECAUSE} | ${ROLES.map(() => YES).join(' | ')} |`;
  return [
    '# Who may call what',
    '',
    '<!-- Written by `npm run openapi:export` from apps/api/auth/roles.ts, permissions.ts and each route\'s',
    '     @Requires / @Public; apps/api/auth/access-matrix.spec.ts fails when this file is not what the code says. -->',
    '',
    'People sign in with an OpenID Connect issuer and call the API with its access token; their roles',
    'are the `roles` claim (`OIDC_ROLES_CLAIM`), and an agency user\'s agency the `agency_id` claim',
    '(`OIDC_AGENCY_CLAIM`). Machines use API keys, each granted roles and permissions by an admin',
    '(never `admin`, `borrower` or `api-keys:manage`). A route needs one permission; a caller without',
    'a credential gets `401`, one without the permission `403`. Public routes check their own',
    'signatures instead.',
    '',
    '## Roles',
    '',
    '| Role | Holds |',
    '| --- | --- |',
    ...ROLES.map((r) => `| \`${r}\` | ${ROLE_DESCRIPTIONS[r]} |`),
    '',
    '## Permissions',
    '',
    `| Permission | What | ${ROLES.join(' | ')} |`,
    `| --- | --- | ${ROLES.map(() => ':-:').join(' | ')} |`,
    ...ALL_PERMISSIONS.map((p) => `| \`${p}\` | ${PERMISSIONS[p].what} | ${ROLES.map((r) => (ROLE_PERMISSIONS[r].includes(p) ? YES : '')).join(' | ')} |`),
    '',
    '## Routes',
    '',
    `| Route | Needs | ${ROLES.join(' | ')} |`,
    `| --- | --- | ${ROLES.map(() => ':-:').join(' | ')} |`,
    ...rows,
    document,
    webApp,
    '',
  ].join('\n');
}
