import { describe, expect, it } from 'vitest';
import { rolesWith } from '../../../api/auth/roles.ts';
import { CALL_ASSIST_ROLES, mayAssistCalls, mayCall, screensFor } from './access.ts';

const titles = (roles: string[]) => screensFor(roles).filter((s) => s.nav).map((s) => s.title);

describe('screens by role, from the API access matrix', () => {
  it('gives an agency its own cases and its desk, and no loans: its reads are scoped to its placements by the API', () => {
    expect(titles(['agency'])).toEqual(['Command centre', 'Recovery cases', 'Collector desk']);
  });

  it('gives compliance every read screen but not the desk, where work is done', () => {
    expect(titles(['compliance'])).toEqual(['Command centre', 'Loans', 'Recovery cases', 'Policy studio', 'Experiments', 'Compliance', 'Models']);
  });

  it('gives a borrower nothing: no staff route is theirs', () => {
    expect(titles(['borrower'])).toEqual([]);
  });

  it('shows the command centre\'s analytics to ops, admins and compliance, not to collectors', () => {
    expect(mayCall(['ops'], 'GET /v1/analytics/watchlist')).toBe(true);
    expect(mayCall(['collector'], 'GET /v1/analytics/origination')).toBe(false);
  });

  it('lets ops write and activate policies but not read the audit trail', () => {
    expect(mayCall(['ops'], 'POST /v1/policies/recovery/{version}/activate')).toBe(true);
    expect(mayCall(['ops'], 'GET /v1/audit')).toBe(false);
    expect(titles(['ops'])).not.toContain('Compliance');
  });

  it('treats public operations as anyone’s', () => {
    expect(mayCall([], 'GET /health')).toBe(true);
  });

  it('opens the live-call assist to the roles the API gives calls:assist, and to no one else', () => {
    expect([...CALL_ASSIST_ROLES].sort()).toEqual([...rolesWith('calls:assist')].sort());
    expect(mayAssistCalls(['collector'])).toBe(true);
    expect(mayAssistCalls(['compliance'])).toBe(false);
  });
});
