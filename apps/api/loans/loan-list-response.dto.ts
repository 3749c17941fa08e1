// Schemas of the loan list for the OpenAPI spec; each implements the type the API returns.
import { ApiProperty } from '@nestjs/swagger';
import type { DecisionView } from '../../../domain/loan-view.js';
import { LOAN_STATUSES, type LoanStatus } from '../../../domain/loan-status.js';
import { MINOR_UNITS } from '../http/schema.js';
import type { LoanList } from './list-loans.usecase.js';
import type { LoanSummary } from './loan-view.js';

export class LoanSummaryDto implements LoanSummary {
  @ApiProperty({ type: String, format: 'uuid' })
  loanId!: string;

  @ApiProperty({ type: String, enum: LOAN_STATUSES })
  status!: LoanStatus;

  @ApiProperty({ type: String, example: 'personal' })
  product!: string;

  @ApiProperty({ type: String, example: 'INR' })
  currency!: string;

  @ApiProperty(MINOR_UNITS)
  requestedPrincipal!: number;

  @ApiProperty({ ...MINOR_UNITS, nullable: true, description: 'The principal lent, once the loan is active' })
  principal!: number | null;

  @ApiProperty(MINOR_UNITS)
  outstandingPrincipal!: number;

  @ApiProperty({ ...MINOR_UNITS, description: 'Everything still owed on the schedule' })
  outstandingBalance!: number;

  @ApiProperty({ type: Number, format: 'int32' })
  daysPastDue!: number;

  @ApiProperty({ type: String, nullable: true, example: 'current' })
  bucket!: string | null;

  @ApiProperty({ ...MINOR_UNITS, nullable: true, description: 'The most we would lend the borrower in all (balance plus what they may still draw), re-assessed on each due date; null when no limit is tracked' })
  creditLimit!: number | null;

  @ApiProperty({ type: String, nullable: true, enum: ['approved', 'declined', 'manual_review'] })
  decisionOutcome!: DecisionView['outcome'] | null;

  @ApiProperty({ type: String, nullable: true, example: null })
  closedReason!: string | null;

  @ApiProperty({ type: String, format: 'date-time' })
  createdAt!: string;

  @ApiProperty({ type: String, format: 'date-time' })
  updatedAt!: string;
}

export class LoanListDto implements LoanList {
  @ApiProperty({ type: [LoanSummaryDto] })
  items!: LoanSummaryDto[];

  @ApiProperty({ type: String, nullable: true, description: 'Pass as `cursor` for the next page; null on the last page' })
  nextCursor!: string | null;
}
