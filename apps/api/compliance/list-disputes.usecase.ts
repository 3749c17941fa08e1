// Disputes newest first, each with its verification if one followed, in the caller's scope.
import { Injectable } from '@nestjs/common';
import type { CaseScope } from '../../../db/repositories/case-scope.js';
import type { DisputeRow, DisputeStatus, PeriodFilter } from '../../../db/repositories/compliance-lists.repository.js';
import { Database } from '../database.js';
import { decodeStandingCursor, encodeStandingCursor } from './standing-cursor.js';

export interface DisputeList {
  items: DisputeRow[];
  nextCursor: string | null;
}

@Injectable()
export class ListDisputesUseCase {
  constructor(private readonly db: Database) {}

  async execute(command: { filter: PeriodFilter & { channel?: string; status?: DisputeStatus }; scope: CaseScope; cursor: string | null; limit: number }): Promise<DisputeList> {
    const after = (command.cursor ? decodeStandingCursor(command.cursor) : undefined) ?? null;
    const page = await this.db.complianceLists().disputes(command.filter, command.scope, after, command.limit);
    return { items: page.items, nextCursor: page.next ? encodeStandingCursor(page.next) : null };
  }
}
