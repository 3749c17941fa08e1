// The opt-out list's keyset pages against the real PostgreSQL where it is easiest to get wrong:
// many changes at one instant to the microsecond (a STOP to a phone writes its SMS and WhatsApp
// opt-outs in one transaction, at one `at`). Paged two at a time through the API's own cursor
// (encoded and decoded as GET /v1/compliance/opt-outs does), every row comes once, in order, and a
// reader scoped to cases sees none of a loan it holds no case of.
import { describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { decodeStandingCursor, encodeStandingCursor } from '../../apps/api/compliance/standing-cursor.js';
import { useTestOrm } from '../../apps/testkit/test-orm.js';
import { ComplianceListsRepository, type StandingPosition } from './compliance-lists.repository.js';
import { ALL_CASES } from './case-scope.js';

const db = useTestOrm(1);

describe('the opt-out list, a page at a time', () => {
  it('returns every change at one instant once, newest ID first, across pages of two', async () => {
    const loanId = randomUUID();
    const at = '2026-11-03T10:00:00.123456Z';
    const em = db.orm.em.fork();
    for (const channel of ['sms', 'whatsapp', 'email', 'voice', 'letter']) {
      await em.execute(`insert into contact_standing_changes (loan_id, change, channel, source, at) values (?, 'opt_out', ?, 'inbound', ?)`, [loanId, channel, at]);
    }
    // A change a microsecond earlier and one later: neither may be skipped by the instant's pages.
    await em.execute(`insert into contact_standing_changes (loan_id, change, channel, source, at) values (?, 'opt_out_all', null, 'api', '2026-11-03T10:00:00.123455Z'), (?, 'opt_out', 'sms', 'api', '2026-11-03T10:00:00.123457Z')`, [loanId, loanId]);
    const all = (await em.execute<{ id: string }[]>(`select id from contact_standing_changes where loan_id = ? order by at desc, id desc`, [loanId])).map((r) => String(r.id));

    const repository = new ComplianceListsRepository(db.orm.em.fork());
    const seen: string[] = [];
    let after: StandingPosition | null = null;
    for (let pages = 0; pages < 10; pages++) {
      const page = await repository.optOuts({}, ALL_CASES, after, 2);
      seen.push(...page.items.map((o) => o.id));
      if (!page.next) break;
      after = decodeStandingCursor(encodeStandingCursor(page.next)) ?? null;
      expect(after).toEqual(page.next);
    }
    expect(seen).toEqual(all);
    expect(seen).toHaveLength(7);

    const agency = await repository.optOuts({}, { kind: 'agency', agencyId: 'agy-none' }, null, 100);
    expect(agency.items).toEqual([]);
  });
});
