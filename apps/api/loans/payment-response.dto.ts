// Schemas of payments and payoff quotes for the OpenAPI spec. Each class implements the type the API actually
// returns, so the compiler keeps the documentation and the answers in step.
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { LOAN_STATUSES, type LoanStatus } from '../../../domain/loan-status.js';
import type { PaymentReceipt, PaymentResult, PayoffQuoteView } from '../../../workflows/loan/definitions.js';
import { MINOR_UNITS } from '../http/schema.js';

export class AllocationDto {
  @ApiProperty(MINOR_UNITS)
  fees!: number;

  @ApiProperty(MINOR_UNITS)
  interest!: number;

  @ApiProperty(MINOR_UNITS)
  principal!: number;

  @ApiProperty(MINOR_UNITS)
  toCredit!: number;

  @ApiProperty(MINOR_UNITS)
  fromCredit!: number;

  @ApiProperty(MINOR_UNITS)
  overpayment!: number;

  @ApiProperty(MINOR_UNITS)
  interestWaived!: number;
}

export class PaymentReceiptDto implements PaymentReceipt {
  @ApiProperty(MINOR_UNITS)
  amount!: number;

  @ApiProperty({ type: String, example: 'INR' })
  currency!: string;

  @ApiProperty({ type: String, enum: ['api', 'webhook', 'autopay', 'import'], description: 'import: paid before the loan was imported, as its lender reported it' })
  source!: PaymentReceipt['source'];

  @ApiProperty({ type: String, format: 'date' })
  receivedOn!: string;

  @ApiPropertyOptional({ type: String, description: "The original request's Idempotency-Key or X-Request-Id" })
  requestId?: string;
}

export class PaymentResultDto implements PaymentResult {
  @ApiProperty({ type: String })
  externalId!: string;

  @ApiProperty({ type: Boolean, description: 'true when this externalId was already posted: nothing was allocated this time' })
  duplicate!: boolean;

  @ApiPropertyOptional({ type: () => PaymentReceiptDto, description: 'For a duplicate: the payment first posted under this externalId' })
  original?: PaymentReceiptDto;

  @ApiPropertyOptional({ type: String, description: 'Why the money was not applied to the loan (it is held as unapplied cash), e.g. loan_paid_off' })
  unapplied?: string;

  @ApiProperty({ type: () => AllocationDto })
  allocation!: AllocationDto;

  @ApiProperty({ type: String, enum: LOAN_STATUSES })
  status!: LoanStatus;

  @ApiProperty(MINOR_UNITS)
  outstandingTotal!: number;
}

export class PayoffQuoteDto implements PayoffQuoteView {
  @ApiProperty(MINOR_UNITS)
  fees!: number;

  @ApiProperty(MINOR_UNITS)
  interest!: number;

  @ApiProperty(MINOR_UNITS)
  principal!: number;

  @ApiProperty({ ...MINOR_UNITS, description: 'What to pay to close the loan, credit already deducted' })
  total!: number;

  @ApiProperty(MINOR_UNITS)
  credit!: number;

  @ApiProperty({ type: String, format: 'date' })
  asOf!: string;

  @ApiProperty({ type: String, example: 'INR' })
  currency!: string;
}
