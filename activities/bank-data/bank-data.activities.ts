// The bank-statement fetch as a Temporal activity: transient failures are thrown as they are so
// Temporal retries them; a refused request is a non-retryable 'BankDataRequestRejected'.
import { ApplicationFailure } from '@temporalio/common';
import type { Applicant } from '../../domain/application.js';
import type { IsoDate } from '../../domain/calendar.js';
import { summariseStatement, type StatementSummary } from '../../models/scorecard/index.js';
import { AggregatorRejectedError, type AggregatorClient } from './aggregator-client.js';

export interface BankDataActivitiesDeps {
  client: Pick<AggregatorClient, 'fetchStatement'>;
}

export interface FetchBankStatementInput {
  loanId: string;
  applicant: Applicant;
  consentReference: string;
  /** 1-24; the thin-file scorecard wants 12 (models/scorecard RECOMMENDED_STATEMENT_MONTHS) */
  months: number;
  asOf: IsoDate;
  currency: string;
  idempotencyKey: string;
}

export function createBankDataActivities({ client }: BankDataActivitiesDeps) {
  return {
    /** The statement is summarised here: months of transactions would bloat the loan's history. */
    async fetchBankStatement(input: FetchBankStatementInput): Promise<StatementSummary> {
      try {
        const statement = await client.fetchStatement(
          { phone: input.applicant.phone, nationalId: input.applicant.nationalId, consentReference: input.consentReference, months: input.months, asOf: input.asOf, currency: input.currency },
          input.idempotencyKey,
        );
        return summariseStatement(statement, input.currency, input.asOf);
      } catch (err) {
        if (err instanceof AggregatorRejectedError) {
          throw ApplicationFailure.nonRetryable(`${err.message} (loan ${input.loanId})`, 'BankDataRequestRejected', { status: err.status, code: err.code, fieldErrors: err.fieldErrors });
        }
        throw err;
      }
    },
  };
}

export type BankDataActivities = ReturnType<typeof createBankDataActivities>;
