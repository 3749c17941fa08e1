// ACCESS.md is what the code says, and the local issuer's demo users cover every role.
import { expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { DEFAULT_OIDC_AUDIENCE } from '../../shared/config.js';
import { DEMO_AGENCIES, DEMO_USERS, LOCAL_ISSUER_AUDIENCE } from '../../sandboxes/oidc/local-issuer.js';
import { ACCESS_FILE, exportAccessMatrix } from '../export-openapi.js';
import { PERMISSIONS } from './permissions.js';
import { KEY_PERMISSIONS, ROLE_PERMISSIONS, ROLES } from './roles.js';

it('the committed apps/api/auth/ACCESS.md is the matrix the code enforces (npm run openapi:export writes it)', () => {
  expect(readFileSync(ACCESS_FILE, 'utf8')).toBe(exportAccessMatrix());
});

it('compliance holds every read permission and nothing that changes anything', () => {
  const reads = Object.entries(PERMISSIONS).filter(([, p]) => p.reads).map(([name]) => name);
  expect([...ROLE_PERMISSIONS.compliance].sort()).toEqual(reads.sort());
});

it('no API key can be given the right to make API keys', () => {
  expect(KEY_PERMISSIONS).not.toContain('api-keys:manage');
});

it('the local issuer has a demo user for every role, one per demo agency, and the API\'s default audience', () => {
  expect([...new Set(DEMO_USERS.flatMap((u) => u.roles))].sort()).toEqual([...ROLES].sort());
  expect(DEMO_USERS.filter((u) => u.roles.includes('agency')).map((u) => u.agencyId)).toEqual(DEMO_AGENCIES.map((a) => a.id));
  expect(LOCAL_ISSUER_AUDIENCE).toBe(DEFAULT_OIDC_AUDIENCE);
});
