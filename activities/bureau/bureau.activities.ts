// The bureau pull as a Temporal activity. Outcomes the workflow routes on:
//   report returned                         -> continue
//   BureauUnavailableError (plain Error)    -> Temporal retries; each failure also counts against the breaker
//   ApplicationFailure 'BureauUnavailable'  -> the breaker is open: no retry, the workflow sends the
//                                              application to manual review
//   ApplicationFailure 'BureauRequestRejected' -> our request was refused (4xx): a bug or bad data
import { ApplicationFailure } from '@temporalio/common';
import type { Applicant } from '../../domain/application.js';
import type { IsoDate } from '../../domain/calendar.js';
import type { BureauReport } from '../../domain/credit-data.js';
import { CircuitBreaker, CircuitOpenError } from '../shared/circuit-breaker.js';
import { BureauRejectedError, BureauUnavailableError, type BureauClient } from './bureau-client.js';

export interface BureauActivitiesDeps {
  client: Pick<BureauClient, 'pullReport'>;
  breaker: CircuitBreaker;
}

export interface PullCreditReportInput {
  loanId: string;
  applicant: Applicant;
  consentReference: string;
  idempotencyKey: string;
  asOf: IsoDate;
}

/** The breaker the worker should build for the bureau: five failures in a row, a minute's rest. */
export function createBureauBreaker(now?: () => number): CircuitBreaker {
  return new CircuitBreaker('bureau', { failureThreshold: 5, coolDownMs: 60_000, isFailure: (err) => err instanceof BureauUnavailableError, ...(now ? { now } : {}) });
}

export function createBureauActivities({ client, breaker }: BureauActivitiesDeps) {
  return {
    async pullCreditReport(input: PullCreditReportInput): Promise<BureauReport> {
      const { applicant } = input;
      try {
        return await breaker.execute(() =>
          client.pullReport(
            {
              firstName: applicant.firstName,
              lastName: applicant.lastName,
              dateOfBirth: applicant.dateOfBirth,
              nationalId: applicant.nationalId,
              address: applicant.address,
              consentReference: input.consentReference,
              purpose: 'credit_application',
              asOf: input.asOf,
            },
            input.idempotencyKey,
          ),
        );
      } catch (err) {
        if (err instanceof CircuitOpenError) {
          throw ApplicationFailure.nonRetryable(`Credit bureau unavailable (circuit open until ${new Date(err.retryAt).toISOString()}) for loan ${input.loanId}`, 'BureauUnavailable');
        }
        if (err instanceof BureauRejectedError) {
          throw ApplicationFailure.nonRetryable(err.message, 'BureauRequestRejected', { status: err.status, code: err.code, fieldErrors: err.fieldErrors });
        }
        throw err;
      }
    },
  };
}

export type BureauActivities = ReturnType<typeof createBureauActivities>;
