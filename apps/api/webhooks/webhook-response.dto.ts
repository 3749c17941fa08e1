import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { UNAPPLIED_REASONS } from '../../../domain/unapplied-cash.js';
import type { WebhookOutcome } from './handle-gateway-webhook.usecase.js';

export class WebhookAckDto {
  @ApiProperty({ type: String, enum: ['applied', 'held', 'ignored'] satisfies WebhookOutcome['action'][], description: 'applied: the loan took the payment; held: kept as unapplied cash; ignored: nothing for us' })
  action!: WebhookOutcome['action'];

  @ApiPropertyOptional({ type: String })
  eventId?: string;

  @ApiPropertyOptional({ type: String, format: 'uuid', description: 'The loan that took the payment' })
  loanId?: string;

  @ApiPropertyOptional({ type: String, format: 'uuid', description: 'The unapplied-cash item the payment is held as' })
  unappliedCashId?: string;

  @ApiPropertyOptional({ type: String, description: `Why it was held (${UNAPPLIED_REASONS.join(', ')}), or why the event needs nothing from us` })
  reason?: string;
}
