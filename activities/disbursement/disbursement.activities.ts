// The disbursement saga's money steps, each one database transaction. Reserving the capital and
// posting the disbursement journal go together (one activity, one round trip through Temporal
// instead of two): a reservation without its journal, or the other way round, is never seen.
// Unwinding after a refused payout reverses both in one transaction too.
import { ApplicationFailure } from '@temporalio/common';
import type { MikroORM } from '@mikro-orm/postgresql';
import type { Journal } from '../../domain/ledger.js';
import { FundingRepository, InsufficientCapitalError } from '../../db/repositories/funding.repository.js';
import { LedgerRepository } from '../../db/repositories/ledger.repository.js';
import type { ReservationInput } from '../funding/funding.activities.js';

export interface CommitDisbursementInput {
  reservation: ReservationInput;
  journal: Journal;
}

export function createDisbursementActivities(deps: { orm: MikroORM }) {
  return {
    /** Holds the capital and posts the journal, or neither; retried, it changes nothing twice (both are keyed). */
    async commitDisbursement({ reservation, journal }: CommitDisbursementInput): Promise<{ status: string }> {
      try {
        return await deps.orm.em.fork().transactional(async (em) => {
          const status = await new FundingRepository(em).reserve(reservation.reservationKey, reservation.loanId, reservation.currency, reservation.amount);
          await new LedgerRepository(em).post(journal);
          return { status };
        });
      } catch (err) {
        if (err instanceof InsufficientCapitalError) throw ApplicationFailure.nonRetryable(err.message, 'InsufficientCapital');
        throw err;
      }
    },
    /** The payout was refused: the journal is reversed and the capital goes back, together. */
    async unwindDisbursement(input: { reservationKey: string; journalKey: string; reversalKey: string }): Promise<{ reversed: boolean; released: string }> {
      return deps.orm.em.fork().transactional(async (em) => {
        const { reversed } = await new LedgerRepository(em).reverse(input.journalKey, input.reversalKey);
        const released = await new FundingRepository(em).release(input.reservationKey);
        return { reversed, released };
      });
    },
  };
}

export type DisbursementActivities = ReturnType<typeof createDisbursementActivities>;
