// Schemas of a loan for the OpenAPI spec. Each class implements the type the API actually
// returns, so the compiler keeps the documentation and the answers in step.
import { ApiProperty, OmitType } from '@nestjs/swagger';
import { ARRANGEMENT_KINDS, type ArrangementKind, type ArrangementTerms } from '../../../domain/arrangements.js';
import type { ArrangementView, LoanEventRecord, PaymentView, ScheduleLineView } from '../../../domain/loan-view.js';
import { MINOR_UNITS } from '../http/schema.js';
import { DecisionDto, OfferDto, ReviewDto } from './decision-response.dto.js';
import { LoanSummaryDto } from './loan-list-response.dto.js';
import type { LoanDetail, LoanState } from './loan-view.js';

export class ScheduleLineDto implements ScheduleLineView {
  @ApiProperty({ type: Number, format: 'int32', example: 1 })
  seq!: number;

  @ApiProperty({ type: String, format: 'date' })
  dueDate!: string;

  @ApiProperty(MINOR_UNITS)
  amountDue!: number;

  @ApiProperty(MINOR_UNITS)
  amountPaid!: number;

  @ApiProperty(MINOR_UNITS)
  principal!: number;

  @ApiProperty(MINOR_UNITS)
  interest!: number;

  @ApiProperty(MINOR_UNITS)
  fees!: number;

  @ApiProperty({ type: String, enum: ['paid', 'due', 'past_due', 'upcoming'] })
  status!: ScheduleLineView['status'];
}

export class LoanEventDto implements LoanEventRecord {
  @ApiProperty({ type: Number, format: 'int32' })
  seq!: number;

  @ApiProperty({ type: String, example: 'payment.applied' })
  type!: string;

  @ApiProperty({ type: 'object', additionalProperties: true })
  data!: Record<string, unknown>;

  @ApiProperty({ type: String, format: 'date-time' })
  occurredAt!: string;
}

export class PaymentDto implements PaymentView {
  @ApiProperty({ type: String, example: 'utr-2026-000123' })
  externalId!: string;

  @ApiProperty(MINOR_UNITS)
  amount!: number;

  @ApiProperty({ type: String, example: 'INR' })
  currency!: string;

  @ApiProperty({ type: String, enum: ['api', 'webhook', 'autopay', 'import'], description: 'import: paid before the loan was imported, as its lender reported it' })
  source!: PaymentView['source'];

  @ApiProperty({ type: String, format: 'date' })
  receivedOn!: string;

  @ApiProperty({ type: 'object', additionalProperties: { oneOf: [{ type: 'integer' }, { type: 'boolean' }] }, description: 'How the payment was allocated (minor units)' })
  allocation!: Record<string, number | boolean>;
}

export class ArrangementInstalmentDto {
  @ApiProperty({ type: Number, format: 'int32', description: 'the schedule line it is' })
  seq!: number;

  @ApiProperty({ type: String, format: 'date' })
  dueOn!: string;

  @ApiProperty({ ...MINOR_UNITS, description: 'what it charges, late fees included' })
  amountMinor!: number;

  @ApiProperty(MINOR_UNITS)
  paidMinor!: number;
}

export class ArrangementDto implements ArrangementView {
  @ApiProperty({ type: String })
  id!: string;

  @ApiProperty({ type: String, enum: ARRANGEMENT_KINDS })
  kind!: ArrangementKind;

  @ApiProperty({ type: 'object', additionalProperties: true, description: 'as agreed: a plan or settlement lists its instalments (dueOn, amountMinor); a restructure gives extraMonths, holidayMonths and aprBps' })
  terms!: ArrangementTerms;

  @ApiProperty({ type: String, enum: ['active', 'completed', 'broken'] })
  status!: ArrangementView['status'];

  @ApiProperty({ type: String, format: 'date' })
  appliedOn!: string;

  @ApiProperty({ type: String })
  proposedBy!: string;

  @ApiProperty({ type: String, nullable: true, description: 'the second person, when one was needed' })
  approvedBy!: string | null;

  @ApiProperty({ ...MINOR_UNITS, description: 'what was owed when it was applied' })
  owedMinor!: number;

  @ApiProperty({ ...MINOR_UNITS, description: "a settlement's forgiven part, written down once it is paid" })
  writeDownMinor!: number;

  @ApiProperty({ type: [ArrangementInstalmentDto] })
  instalments!: ArrangementInstalmentDto[];
}

/** The summary's fields (less the outcome, given whole as `decision`) and the loan's terms. */
export class LoanStateDto extends OmitType(LoanSummaryDto, ['decisionOutcome'] as const) implements LoanState {
  @ApiProperty({ type: () => DecisionDto, nullable: true })
  decision!: DecisionDto | null;

  @ApiProperty({ type: () => OfferDto, nullable: true })
  offer!: OfferDto | null;

  @ApiProperty({ type: [ScheduleLineDto], description: 'Empty until the loan is disbursed' })
  schedule!: ScheduleLineDto[];

  @ApiProperty({ type: () => ReviewDto, nullable: true })
  review!: ReviewDto | null;

  @ApiProperty({ type: () => ArrangementDto, nullable: true, description: 'the latest plan, restructure or settlement' })
  arrangement!: ArrangementDto | null;
}

export class LoanDetailDto extends LoanStateDto implements LoanDetail {
  @ApiProperty({ type: [LoanEventDto] })
  events!: LoanEventDto[];

  @ApiProperty({ type: [PaymentDto] })
  payments!: PaymentDto[];
}
