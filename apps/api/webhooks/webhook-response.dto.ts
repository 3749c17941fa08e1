import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { WebhookOutcome } from './handle-gateway-webhook.usecase.js';

export class WebhookAckDto {
  @ApiProperty({ type: String, enum: ['signalled', 'ignored'] satisfies WebhookOutcome['action'][] })
  action!: WebhookOutcome['action'];

  @ApiPropertyOptional({ type: String })
  eventId?: string;

  @ApiPropertyOptional({ type: String, format: 'uuid', description: 'The loan the payment was passed to' })
  loanId?: string;

  @ApiPropertyOptional({ type: String, description: 'Why the event needs nothing from us' })
  reason?: string;
}
