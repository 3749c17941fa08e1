// The only writer of the loan read model: the loan's workflow calls this after its state
// changes. Idempotent, and converging on the workflow (see LoanProjectionRepository).
import type { MikroORM } from '@mikro-orm/postgresql';
import type { LoanProjection, ProjectionResult } from '../../domain/loan-view.js';
import { LoanProjectionRepository } from '../../db/repositories/loan-projection.repository.js';

export function createProjectionActivities(deps: { orm: MikroORM }) {
  return {
    async projectLoan(projection: LoanProjection): Promise<ProjectionResult> {
      return new LoanProjectionRepository(deps.orm.em.fork()).apply(projection);
    },
  };
}

export type ProjectionActivities = ReturnType<typeof createProjectionActivities>;
