// The opt-out and dispute lists' filters: a period [from, to) of when each was recorded, a channel,
// and for disputes whether they are still open; then the page (PageQuery).
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import { DISPUTE_STATUSES, type DisputeStatus } from '../../../db/repositories/compliance-lists.repository.js';
import { CHANNELS, type Channel } from '../../../policies/compliance/rules.js';
import { INSTANT_PATTERN } from '../http/instant-pattern.js';
import { PageQuery } from '../http/page-query.js';
import { IsInstant, Omittable } from '../http/validators.js';

/** A dispute may also come from the validation notice's form, on our own page. */
export const DISPUTE_CHANNELS = [...CHANNELS, 'web'] as const;
export type DisputeChannel = (typeof DISPUTE_CHANNELS)[number];

class PeriodQuery extends PageQuery {
  @ApiPropertyOptional({ type: String, pattern: INSTANT_PATTERN, example: '2026-11-01', description: 'From this instant (a date: its start, UTC), inclusive' })
  @Omittable() @IsInstant()
  from?: string;

  @ApiPropertyOptional({ type: String, pattern: INSTANT_PATTERN, example: '2026-12-01', description: 'Until this instant, exclusive; after from' })
  @Omittable() @IsInstant()
  to?: string;
}

export class ListOptOutsQueryDto extends PeriodQuery {
  @ApiPropertyOptional({ type: String, enum: CHANNELS, description: 'Opt-outs that stop this channel: those from it, and those from all contact' })
  @Omittable() @IsIn(CHANNELS)
  channel?: Channel;
}

export class ListDisputesQueryDto extends PeriodQuery {
  @ApiPropertyOptional({ type: String, enum: DISPUTE_CHANNELS, description: 'The channel of the reply or key press that raised it (web: the validation notice\'s form)' })
  @Omittable() @IsIn(DISPUTE_CHANNELS)
  channel?: DisputeChannel;

  @ApiPropertyOptional({ type: String, enum: DISPUTE_STATUSES, description: 'open: no verification recorded since; verified: collection may resume' })
  @Omittable() @IsIn(DISPUTE_STATUSES)
  status?: DisputeStatus;
}
