// Decision and offer schemas for the OpenAPI spec. Each class implements the type the API actually
// returns, so the compiler keeps the documentation and the answers in step.
import { ApiProperty } from '@nestjs/swagger';
import type { AdverseActionReason } from '../../../domain/credit.js';
import type { DecisionView, OfferView, ReviewView } from '../../../domain/loan-view.js';
import { MINOR_UNITS } from '../http/schema.js';

export class ReasonDto implements AdverseActionReason {
  @ApiProperty({ type: String, example: 'DELINQUENCY' })
  code!: string;

  @ApiProperty({ type: String, example: 'Delinquent past or present credit obligations with others' })
  text!: string;
}

export class DecisionDto implements DecisionView {
  @ApiProperty({ type: String, enum: ['approved', 'declined', 'manual_review'] })
  outcome!: DecisionView['outcome'];

  @ApiProperty({ type: Number, nullable: true, example: 695 })
  score!: number | null;

  @ApiProperty({ type: Number, nullable: true, description: 'Probability of default, 0 to 1' })
  pd!: number | null;

  @ApiProperty({ type: String, nullable: true, example: 'A' })
  grade!: string | null;

  @ApiProperty({ ...MINOR_UNITS, nullable: true })
  creditLimit!: number | null;

  @ApiProperty({ type: Boolean, nullable: true })
  thinFile!: boolean | null;

  @ApiProperty({ type: [ReasonDto], description: 'Adverse-action reasons (declines)' })
  reasons!: ReasonDto[];

  @ApiProperty({ type: [String], description: 'Why a person has to look at it (manual review)' })
  reviewReasons!: string[];

  @ApiProperty({ type: String, format: 'date-time' })
  decidedAt!: string;

  @ApiProperty({ type: String, description: 'The policy version, or reviewer:<name>', example: 'credit-policy@1' })
  decidedBy!: string;
}

export class OfferDto implements OfferView {
  @ApiProperty(MINOR_UNITS)
  principal!: number;

  @ApiProperty({ type: String, example: 'INR' })
  currency!: string;

  @ApiProperty({ type: Number, format: 'int32', example: 24 })
  termMonths!: number;

  @ApiProperty({ type: Number, format: 'int32', description: 'APR in basis points', example: 1199 })
  aprBps!: number;

  @ApiProperty({ ...MINOR_UNITS, description: 'Deducted from the payout' })
  originationFee!: number;

  @ApiProperty(MINOR_UNITS)
  installmentAmount!: number;

  @ApiProperty({ type: String, format: 'date-time' })
  expiresAt!: string;
}

export class ReviewDto implements ReviewView {
  @ApiProperty({ type: String, example: 'underwriting' })
  queue!: string;

  @ApiProperty({ type: Number, format: 'int32', example: 1 })
  level!: number;

  @ApiProperty({ type: [String] })
  reasons!: string[];

  @ApiProperty({ type: String, format: 'date-time' })
  dueBy!: string;
}
