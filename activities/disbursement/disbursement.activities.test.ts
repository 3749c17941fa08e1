// The saga's combined money steps on a real PostgreSQL: reserve-and-post is all or nothing and a
// retry changes nothing twice; unwinding reverses the journal and returns the capital together.
import { describe, expect, it } from '@jest/globals';
import { ApplicationFailure } from '@temporalio/common';
import { randomUUID } from 'node:crypto';
import { useTestOrm } from '../../apps/testkit/test-orm.js';
import { capitalPool, journals, ledgerBalances, reservation } from '../../apps/testkit/read-model.js';
import { disbursementJournal } from '../../domain/ledger.js';
import { createDisbursementActivities } from './disbursement.activities.js';

const db = useTestOrm(2);

function input(amount: number) {
  const loanId = randomUUID();
  const reservation = { reservationKey: `loan-${loanId}-funding`, loanId, currency: 'INR', amount };
  return { loanId, reservation, journal: disbursementJournal(`loan-${loanId}-disbursement`, loanId, 'INR', amount, 1_000) };
}

describe('disbursement money steps', () => {
  it('reserve and post together, once however often retried, and unwind together', async () => {
    const steps = createDisbursementActivities({ orm: db.orm });
    const before = (await capitalPool(db.orm, 'INR'))!;
    const { loanId, reservation, journal } = input(500_000);
    expect(await steps.commitDisbursement({ reservation, journal })).toEqual({ status: 'held' });
    expect(await steps.commitDisbursement({ reservation, journal })).toEqual({ status: 'held' });
    expect(await journals(db.orm, loanId)).toHaveLength(1);
    expect(await capitalPool(db.orm, 'INR')).toEqual({ available: before.available - 500_000, reserved: before.reserved + 500_000 });

    expect(await steps.unwindDisbursement({ reservationKey: reservation.reservationKey, journalKey: journal.journalKey, reversalKey: `${journal.journalKey}-reversal` })).toEqual({ reversed: true, released: 'released' });
    expect(await capitalPool(db.orm, 'INR')).toEqual(before);
    expect(Object.values(await ledgerBalances(db.orm, loanId)).every((b) => b === 0)).toBe(true);
    expect(await reservation_(loanId)).toMatchObject({ status: 'released' });
  });

  it('leaves neither a reservation nor a journal when the capital is not there', async () => {
    const steps = createDisbursementActivities({ orm: db.orm });
    const { loanId, reservation, journal } = input(Number.MAX_SAFE_INTEGER - 10);
    const refused = await steps.commitDisbursement({ reservation, journal }).catch((err: unknown) => err);
    expect(refused).toBeInstanceOf(ApplicationFailure);
    expect(refused).toMatchObject({ type: 'InsufficientCapital', nonRetryable: true });
    expect(await journals(db.orm, loanId)).toEqual([]);
    expect(await reservation_(loanId)).toBeUndefined();
  });
});

const reservation_ = (loanId: string) => reservation(db.orm, loanId);
