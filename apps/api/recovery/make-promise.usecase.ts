// A promise to pay taken through the API: it goes to the loan's running recovery episode, whose
// validator is the authority (one open promise, a day within the policy's horizon). A loan with no
// episode running is not in recovery: there is nothing to promise against.
import { Injectable } from '@nestjs/common';
import { EpisodeNotRunning, RecoveryClient, RecoveryCommandRefused } from '../../shared/temporal/recovery-client.js';
import type { PromiseView } from '../../../workflows/recovery/definitions.js';
import { INVALID_PROMISE } from '../../../workflows/recovery/promises.js';
import { Database } from '../database.js';
import { LoanNotFoundError, UnprocessableFieldsError } from '../errors.js';
import { ProblemException } from '../http/problem.js';

export interface MakePromiseCommand {
  loanId: string;
  amountMinor: number;
  dueOn: string;
  takenBy: string | null;
}

@Injectable()
export class MakePromiseUseCase {
  constructor(
    private readonly db: Database,
    private readonly recovery: RecoveryClient,
  ) {}

  async execute({ loanId, amountMinor, dueOn, takenBy }: MakePromiseCommand): Promise<PromiseView> {
    const episode = await this.db.recoveryEpisodes().running(loanId);
    if (!episode) {
      if (!(await this.db.loans().find(loanId))) throw new LoanNotFoundError(loanId);
      throw new ProblemException('notInRecovery', `loan ${loanId} has no recovery episode running: it is not delinquent`);
    }
    try {
      return await this.recovery.makePromise(episode.workflowId, { amountMinor, dueOn, source: takenBy ? 'collector' : 'api', ...(takenBy ? { takenBy } : {}) });
    } catch (err) {
      if (err instanceof RecoveryCommandRefused && err.type === INVALID_PROMISE) throw new UnprocessableFieldsError(err.problems);
      if (err instanceof RecoveryCommandRefused) throw new ProblemException('promiseRefused', err.message);
      if (err instanceof EpisodeNotRunning) throw new ProblemException('notInRecovery', `loan ${loanId}'s recovery episode has just ended`);
      throw err;
    }
  }
}
