import { expect, it } from '@jest/globals';
import type { Principal } from '../auth/principal.js';
import { permissionsOf } from '../auth/roles.js';
import { mayAssist } from './call-scope.js';

const person = (subject: string, roles: Principal['roles'], agencyId?: string): Principal => ({ kind: 'person', subject, roles, permissions: permissionsOf(roles), ...(agencyId ? { agencyId } : {}) });

it('ops and admin may assist any case; a collector or an agency only the cases assigned to it', () => {
  expect(mayAssist(person('ops', ['ops']), 'col-anita')).toBe(true);
  expect(mayAssist(person('admin', ['admin']), null)).toBe(true);
  expect(mayAssist(person('col-asha', ['collector']), 'col-asha')).toBe(true);
  expect(mayAssist(person('col-asha', ['collector']), 'col-anita')).toBe(false);
  expect(mayAssist(person('col-asha', ['collector']), null)).toBe(false);
  expect(mayAssist(person('agency-northstar', ['agency'], 'agy-northstar'), 'agy-northstar')).toBe(true);
  expect(mayAssist(person('agency-northstar', ['agency'], 'agy-northstar'), 'agy-southgate')).toBe(false);
  expect(mayAssist({ kind: 'machine', subject: 'api-key:ck_abc', roles: ['agency'], permissions: permissionsOf(['agency']), agencyId: 'agy-southgate' }, 'agy-southgate')).toBe(true);
});
