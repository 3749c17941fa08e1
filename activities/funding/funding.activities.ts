// Capital reservation steps of the disbursement saga. Running out of capital is a business
// refusal (non-retryable): the saga compensates and the loan ends disbursement_failed.
import { ApplicationFailure } from '@temporalio/common';
import type { MikroORM } from '@mikro-orm/postgresql';
import { FundingRepository, InsufficientCapitalError } from '../../db/repositories/funding.repository.js';

export interface ReservationInput {
  reservationKey: string;
  loanId: string;
  currency: string;
  amount: number;
}

export function createFundingActivities(deps: { orm: MikroORM }) {
  const repo = () => new FundingRepository(deps.orm.em.fork());
  return {
    async reserveFunds(input: ReservationInput): Promise<{ status: string }> {
      try {
        return { status: await repo().reserve(input.reservationKey, input.loanId, input.currency, input.amount) };
      } catch (err) {
        if (err instanceof InsufficientCapitalError) throw ApplicationFailure.nonRetryable(err.message, 'InsufficientCapital');
        throw err;
      }
    },
    async releaseFunds(input: { reservationKey: string }): Promise<{ status: string }> {
      return { status: await repo().release(input.reservationKey) };
    },
    async consumeReservation(input: { reservationKey: string }): Promise<{ status: string }> {
      return { status: await repo().consume(input.reservationKey) };
    },
  };
}

export type FundingActivities = ReturnType<typeof createFundingActivities>;
