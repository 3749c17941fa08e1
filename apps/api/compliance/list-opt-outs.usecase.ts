// Opt-outs newest first, in the caller's scope, a page at a time.
import { Injectable } from '@nestjs/common';
import type { CaseScope } from '../../../db/repositories/case-scope.js';
import type { OptOutRow, PeriodFilter } from '../../../db/repositories/compliance-lists.repository.js';
import { Database } from '../database.js';
import { decodeStandingCursor, encodeStandingCursor } from './standing-cursor.js';

export interface OptOutList {
  items: OptOutRow[];
  nextCursor: string | null;
}

@Injectable()
export class ListOptOutsUseCase {
  constructor(private readonly db: Database) {}

  async execute(command: { filter: PeriodFilter & { channel?: string }; scope: CaseScope; cursor: string | null; limit: number }): Promise<OptOutList> {
    const after = (command.cursor ? decodeStandingCursor(command.cursor) : undefined) ?? null;
    const page = await this.db.complianceLists().optOuts(command.filter, command.scope, after, command.limit);
    return { items: page.items, nextCursor: page.next ? encodeStandingCursor(page.next) : null };
  }
}
