import { describe, expect, it } from '@jest/globals';
import type { ApiRequest } from '../http/request-context.js';
import { actorOf } from './actor.js';

const request = (principal?: unknown) => ({ principal }) as unknown as ApiRequest;

describe('the actor the audit trail records', () => {
  it('is the person behind a token, with their roles sorted and their agency', () => {
    expect(actorOf(request({ kind: 'person', subject: 'agent.maya', roles: ['collector', 'agency'], agencyId: 'agency-north', permissions: new Set() }))).toEqual({
      id: 'agent.maya',
      kind: 'person',
      roles: ['agency', 'collector'],
      agencyId: 'agency-north',
    });
  });

  it('is an API key for a machine', () => {
    expect(actorOf(request({ kind: 'machine', subject: 'api-key:ck_3f9a', roles: ['ops'], permissions: new Set() }))).toEqual({ id: 'api-key:ck_3f9a', kind: 'api-key', roles: ['ops'] });
  });

  it('is anonymous on a route anyone may call', () => {
    expect(actorOf(request())).toEqual({ id: 'anonymous', kind: 'anonymous', roles: [] });
  });
});
