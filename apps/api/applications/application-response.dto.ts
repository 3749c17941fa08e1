import { ApiProperty } from '@nestjs/swagger';
import { LOAN_STATUSES, type LoanStatus } from '../../../domain/loan-status.js';
import { DecisionDto, OfferDto } from '../loans/decision-response.dto.js';
import type { UndecidedStatus } from './submit-application.usecase.js';

export class ApplicationAcceptedDto {
  @ApiProperty({ type: String, format: 'uuid' })
  loanId!: string;

  @ApiProperty({ type: String, enum: ['submitted', 'under_review'], description: 'submitted for a new application; a retry answers with the status it has reached' })
  status!: UndecidedStatus;
}

export class ApplicationDecidedDto {
  @ApiProperty({ type: String, format: 'uuid' })
  loanId!: string;

  @ApiProperty({ type: String, enum: LOAN_STATUSES, example: 'offered' })
  status!: LoanStatus;

  @ApiProperty({ type: () => DecisionDto, nullable: true, description: 'null only when the application was withdrawn before its decision' })
  decision!: DecisionDto | null;

  @ApiProperty({ type: () => OfferDto, nullable: true })
  offer!: OfferDto | null;
}
