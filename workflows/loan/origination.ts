// Origination: KYC, then the bureau and bank/UPI data in parallel, fraud screening, scoring and
// the decision. A source that fails does not fail the loan: without the bureau the decision
// goes to a person (manual review); without bank data the loan is scored on the bureau alone.
import { ActivityFailure, ApplicationFailure } from '@temporalio/common';
import { workflowInfo } from '@temporalio/workflow';
import type { BureauReport } from '../../domain/credit-data.js';
import type { StatementSummary } from '../../models/scorecard/index.js';
import type { CreditScore, Decision, FraudAssessment, KycResult } from '../../domain/credit.js';
import { bankData, bureauOn, checks } from './activities.js';
import type { LoanWorkflowInput } from './definitions.js';
import type { LoanRecord } from './loan-record.js';

export interface OriginationResult {
  decision: Decision;
  score?: CreditScore;
}

/** Months of statement the thin-file scorecard is built on. */
const STATEMENT_MONTHS = 12;

export async function originate(record: LoanRecord, input: LoanWorkflowInput, asOf: string): Promise<OriginationResult> {
  const { loanId, application } = input;
  const key = (step: string) => `${workflowInfo().workflowId}-${step}`;

  const kyc = await checks.verifyIdentity({ loanId, application, asOf });
  record.emit('kyc.completed', { outcome: kyc.outcome, failedChecks: kyc.checks.filter((c) => !c.passed).map((c) => c.code) });
  if (kyc.outcome === 'fail') return decide(record, input, kyc, { level: 'clear', score: 0, signals: [] }, undefined, true);

  const bureau = bureauOn(input.taskQueues.bureau);
  const [bureauResult, bankResult] = await Promise.allSettled([
    application.consents.bureauPull
      ? bureau.pullCreditReport({ loanId, applicant: application.applicant, consentReference: key('consent-bureau'), idempotencyKey: key('bureau'), asOf })
      : Promise.resolve(undefined),
    application.consents.bankData
      ? bankData.fetchBankStatement({
          loanId,
          applicant: application.applicant,
          consentReference: key('consent-bank'),
          months: STATEMENT_MONTHS,
          asOf,
          currency: application.loan.currency,
          idempotencyKey: key('bank-statement'),
        })
      : Promise.resolve(undefined),
  ]);
  const report: BureauReport | undefined = bureauResult.status === 'fulfilled' ? bureauResult.value : undefined;
  const statement: StatementSummary | undefined = bankResult.status === 'fulfilled' ? bankResult.value : undefined;
  // The bureau refusing our request (bad data) is not an outage, and reviewers are told which.
  const bureauRefusedFields = bureauResult.status === 'rejected' ? refusedFields(bureauResult.reason) : undefined;
  if (bureauRefusedFields) record.emit('bureau.refused', { fields: bureauRefusedFields });
  else if (bureauResult.status === 'rejected') record.emit('bureau.unavailable', { reason: failureType(bureauResult.reason) });
  else if (report) record.emit('bureau.report_received', { reportId: report.reportId, hit: report.hit });
  if (bankResult.status === 'rejected') record.emit('bank_data.unavailable', { reason: failureType(bankResult.reason) });
  else if (statement) record.emit('bank_data.received', { statementId: statement.statementId, accounts: statement.accounts, months: statement.features.statementMonths });

  const fraud = await checks.screenForFraud({ loanId, application, bureau: report, statement, submittedAt: input.submittedAt });
  record.emit('fraud.screened', { level: fraud.level, score: fraud.score, rules: fraud.signals.map((s) => s.rule) });

  const scorable = (report?.hit ?? false) || statement !== undefined;
  const score = scorable ? await checks.scoreApplication({ loanId, application, bureau: report, statement, asOf }) : undefined;
  if (score) record.emit('credit.scored', { model: score.model, score: score.score, pd: score.pd, grade: score.grade, thinFile: score.thinFile });

  return decide(record, input, kyc, fraud, score, bureauResult.status === 'fulfilled', bureauRefusedFields);
}

async function decide(
  record: LoanRecord,
  input: LoanWorkflowInput,
  kyc: KycResult,
  fraud: FraudAssessment,
  score: CreditScore | undefined,
  bureauAvailable: boolean,
  bureauRefusedFields?: string[],
): Promise<OriginationResult> {
  const decision = await checks.decideApplication({
    loanId: input.loanId,
    application: input.application,
    product: input.product,
    kyc,
    fraud,
    score,
    bureauAvailable,
    ...(bureauRefusedFields ? { bureauRefusedFields } : {}),
  });
  return { decision, ...(score ? { score } : {}) };
}

/** A failure's type for the event log (its message may quote the applicant, so it stays out). */
export function failureType(err: unknown): string {
  const cause = err instanceof ActivityFailure ? err.cause : err;
  if (cause instanceof ApplicationFailure) return cause.type ?? 'ApplicationFailure';
  return cause instanceof Error ? cause.name : 'unknown';
}

/** The fields the bureau named when it refused our request (BureauRequestRejected); undefined for any other failure. */
function refusedFields(err: unknown): string[] | undefined {
  const cause = err instanceof ActivityFailure ? err.cause : err;
  if (!(cause instanceof ApplicationFailure) || cause.type !== 'BureauRequestRejected') return undefined;
  const [details] = (cause.details ?? []) as { fieldErrors?: { field?: unknown }[] }[];
  return (details?.fieldErrors ?? []).map((f) => f.field).filter((f): f is string => typeof f === 'string');
}
