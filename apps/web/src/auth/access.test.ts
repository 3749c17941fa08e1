import { describe, expect, it } from 'vitest';
import { mayCall, screensFor } from './access.ts';

const titles = (roles: string[]) => screensFor(roles).filter((s) => s.nav).map((s) => s.title);

describe('screens by role, from the API access matrix', () => {
  it('gives an agency its desk only: it reads no loans, cases or figures', () => {
    expect(titles(['agency'])).toEqual(['Collector desk']);
  });

  it('gives compliance every read screen but not the desk, where work is done', () => {
    expect(titles(['compliance'])).toEqual(['Command centre', 'Loans', 'Recovery cases', 'Policy studio', 'Compliance', 'Models']);
  });

  it('gives a borrower nothing: no staff route is theirs', () => {
    expect(titles(['borrower'])).toEqual([]);
  });

  it('lets ops write and activate policies but not read the audit trail', () => {
    expect(mayCall(['ops'], 'POST /v1/policies/recovery/{version}/activate')).toBe(true);
    expect(mayCall(['ops'], 'GET /v1/audit')).toBe(false);
    expect(titles(['ops'])).not.toContain('Compliance');
  });

  it('treats public operations as anyone’s', () => {
    expect(mayCall([], 'GET /health')).toBe(true);
  });
});
