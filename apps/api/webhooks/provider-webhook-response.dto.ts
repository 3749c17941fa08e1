import { ApiProperty } from '@nestjs/swagger';

export class TwilioStatusAckDto {
  @ApiProperty({ type: String, description: "Twilio's I-Twilio-Idempotency-Token, or the SID and status" })
  eventId!: string;

  @ApiProperty({ type: Boolean, description: 'false: a replay of a callback already handed on, acknowledged and dropped' })
  handedOn!: boolean;
}

export class SendGridEventsAckDto {
  @ApiProperty({ type: Number, description: 'events in the batch' })
  received!: number;

  @ApiProperty({ type: Number, description: 'handed to the recovery inbox now' })
  handedOn!: number;

  @ApiProperty({ type: Number, description: 'already handed on before (same sg_event_id): dropped' })
  replayed!: number;

  @ApiProperty({ type: Number, description: 'event types recovery does not track (group_resubscribe, …)' })
  ignored!: number;
}

export class LobEventAckDto {
  @ApiProperty({ type: String, description: "Lob's event ID (evt_…)" })
  eventId!: string;

  @ApiProperty({ type: String, description: 'the event type, as Lob named it (letter.mailed, …)' })
  type!: string;

  @ApiProperty({ type: Boolean, description: 'false: a replay of an event already handed on, or an event type recovery does not track' })
  handedOn!: boolean;
}
