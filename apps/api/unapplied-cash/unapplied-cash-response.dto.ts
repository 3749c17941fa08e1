// Schemas of unapplied cash for the OpenAPI spec; each implements the type the API returns.
import { ApiProperty } from '@nestjs/swagger';
import { UNAPPLIED_REASONS, UNAPPLIED_SOURCES, UNAPPLIED_STATUSES, type UnappliedCashItem, type UnappliedReason, type UnappliedSource, type UnappliedStatus } from '../../../domain/unapplied-cash.js';
import { MINOR_UNITS } from '../http/schema.js';
import type { UnappliedCashList } from './list-unapplied-cash.usecase.js';

const nullableText = (description: string, example?: string) => ({ type: String, nullable: true, description, ...(example ? { example } : {}) });
const nullableInstant = (description: string) => ({ type: String, format: 'date-time', nullable: true, description });

export class UnappliedCashDto implements UnappliedCashItem {
  @ApiProperty({ type: String, format: 'uuid' })
  id!: string;

  @ApiProperty({ ...MINOR_UNITS, description: 'Minor units of `currency`', example: 999_999_999 })
  amount!: number;

  @ApiProperty({ type: String, example: 'INR' })
  currency!: string;

  @ApiProperty({ type: String, enum: UNAPPLIED_SOURCES, description: 'gateway_webhook: a payment the gateway reported; loan_workflow: money a loan recorded but could not keep' })
  source!: UnappliedSource;

  @ApiProperty({ type: String, enum: UNAPPLIED_REASONS })
  reason!: UnappliedReason;

  @ApiProperty(nullableText("The refusal in the loan's own words", 'loan_withdrawn'))
  reasonDetail!: string | null;

  @ApiProperty({ type: String, description: 'The id the money arrived under: the gateway payment, or the loan payment externalId', example: 'pay_8d41e0' })
  paymentReference!: string;

  @ApiProperty(nullableText('The gateway payment or collection a refund goes back through; null when the money did not come through the gateway', 'pay_8d41e0'))
  gatewayPaymentId!: string | null;

  @ApiProperty(nullableText('The loan the payer named, as written'))
  loanReference!: string | null;

  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'The item whose application to a loan paid beyond its payoff, when this is that overpayment' })
  parentId!: string | null;

  @ApiProperty({ type: String, format: 'date-time' })
  receivedAt!: string;

  @ApiProperty({ type: String, enum: UNAPPLIED_STATUSES, description: 'open until someone acts; applying/refunding while the action is under way; applied/refunded for good' })
  status!: UnappliedStatus;

  @ApiProperty({ type: Number, format: 'int32', description: 'Actions claimed so far' })
  attempt!: number;

  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'The loan it is being, or was, applied to' })
  targetLoanId!: string | null;

  @ApiProperty(nullableText('Who asked for the current or last action'))
  requestedBy!: string | null;

  @ApiProperty(nullableInstant('When the current or last action was asked for'))
  requestedAt!: string | null;

  @ApiProperty(nullableInstant('When it was applied or refunded'))
  resolvedAt!: string | null;

  @ApiProperty(nullableText('The externalId of its payment to the target loan'))
  applicationPaymentId!: string | null;

  @ApiProperty(nullableText("The Idempotency-Key of its refund at the gateway"))
  refundIdempotencyKey!: string | null;

  @ApiProperty(nullableText("The gateway's refund id", 're_7b20'))
  refundId!: string | null;

  @ApiProperty(nullableText('Why the last action did not happen (the loan or the gateway refused it)'))
  lastProblem!: string | null;

  @ApiProperty({ type: String, format: 'date-time' })
  createdAt!: string;

  @ApiProperty({ type: String, format: 'date-time' })
  updatedAt!: string;
}

export class UnappliedCashListDto implements UnappliedCashList {
  @ApiProperty({ type: [UnappliedCashDto] })
  items!: UnappliedCashDto[];

  @ApiProperty({ type: String, nullable: true, description: 'Pass as `cursor` for the next page; null on the last page' })
  nextCursor!: string | null;
}
