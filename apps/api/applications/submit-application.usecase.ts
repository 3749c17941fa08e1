// Submitting an application starts the loan's workflow. With an Idempotency-Key the loan ID is
// claimed in Postgres before the workflow starts, so a client retrying after a crash between the
// two finds its loan ID and starts the workflow then. Starting is itself idempotent
// (LoanClient.start: one run per loan ID, running or finished), so a retry never starts twice.
// A retry answers with the loan as it is now, which may be long past "submitted".
// A date of birth after today is a mistake, not a minor. Which day is today depends on when the
// request arrives, which the OpenAPI document cannot state, so this is a 422 here and not a 400
// from the DTO's shape; and it is checked before anything is claimed or started.
import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { compareIsoDates, toIsoDate } from '../../../domain/calendar.js';
import type { DecisionResult } from '../../../workflows/loan/definitions.js';
import { getProduct } from '../../../policies/products.js';
import type { CredenceConfig } from '../../shared/config.js';
import { LoanClient, type StartLoan } from '../../shared/temporal/loan-client.js';
import { Database } from '../database.js';
import { IdempotencyKeyReusedError, UnprocessableFieldsError } from '../errors.js';
import { CONFIG } from '../tokens.js';
import { requestHash } from './request-hash.js';
import type { SubmitApplicationCommand } from './submit-application.command.js';
import { TIMED_OUT, within } from '../within.js';

export const IDEMPOTENCY_SCOPE = 'POST /v1/applications';
/** Today somewhere on Earth runs at most 14 hours ahead of UTC (Kiribati's Line Islands). */
const MOST_AHEAD_OF_UTC_MS = 14 * 3_600_000;

/** Statuses before the decision: the answer is 202 with the status alone. */
export type UndecidedStatus = 'submitted' | 'under_review';

export type SubmissionResult = { loanId: string; replayed: boolean } & ({ decided: false; status: UndecidedStatus } | { decided: true; decision: DecisionResult });

@Injectable()
export class SubmitApplicationUseCase {
  constructor(
    private readonly loans: LoanClient,
    private readonly db: Database,
    @Inject(CONFIG) private readonly config: CredenceConfig,
  ) {}

  async execute({ application, idempotencyKey, waitForDecision }: SubmitApplicationCommand): Promise<SubmissionResult> {
    refuseFutureBirth(application.applicant.dateOfBirth);
    const { loanId, replayed } = await this.claimLoanId(idempotencyKey, application);
    const loan: StartLoan = { loanId, application, product: getProduct(application.loan.product), submittedAt: new Date().toISOString() };
    if (!waitForDecision) {
      await this.loans.start(loan);
      return replayed ? this.asItIsNow(loanId) : { loanId, replayed, decided: false, status: 'submitted' };
    }
    const decision = await within(this.loans.startAndAwaitDecision(loan), this.config.api.decisionWaitMs);
    if (decision !== TIMED_OUT) return { loanId, replayed, decided: true, decision };
    // The update-with-start may not have reached the server yet: make sure the loan exists.
    await this.loans.start(loan);
    return { loanId, replayed, decided: false, status: 'submitted' };
  }

  /** A replayed application: the loan's current state, from its workflow (closed or running). */
  private async asItIsNow(loanId: string): Promise<SubmissionResult> {
    const { status, decision, offer } = await this.loans.state(loanId);
    if (status === 'submitted' || status === 'under_review') return { loanId, replayed: true, decided: false, status };
    return { loanId, replayed: true, decided: true, decision: { loanId, status, decision, offer } };
  }

  private async claimLoanId(key: string | undefined, application: SubmitApplicationCommand['application']): Promise<{ loanId: string; replayed: boolean }> {
    const fresh = randomUUID();
    if (key === undefined) return { loanId: fresh, replayed: false };
    const hash = requestHash(application);
    const claim = await this.db.idempotencyKeys().claim(IDEMPOTENCY_SCOPE, key, hash, fresh);
    if (claim.requestHash !== hash) throw new IdempotencyKeyReusedError(key);
    return { loanId: claim.resourceId, replayed: !claim.created };
  }
}

/** Today where it is latest on Earth: a date after it is in the future for everyone. */
export function latestTodayAnywhere(): string {
  return toIsoDate(Date.now() + MOST_AHEAD_OF_UTC_MS);
}

/** After the date anywhere on Earth has reached: no applicant's own today is called the future. */
function refuseFutureBirth(dateOfBirth: string): void {
  const latestToday = latestTodayAnywhere();
  if (compareIsoDates(dateOfBirth, latestToday) > 0) throw new UnprocessableFieldsError([{ field: 'applicant.dateOfBirth', message: `${dateOfBirth} is after today (${latestToday} at the latest anywhere)` }]);
}
