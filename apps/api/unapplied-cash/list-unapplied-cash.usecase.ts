// A page of unapplied cash, newest first, and the cursor for the next page (null on the last).
import { Injectable } from '@nestjs/common';
import type { UnappliedCashItem } from '../../../domain/unapplied-cash.js';
import { Database } from '../database.js';
import { encodeKeyset } from '../loans/cursor.js';
import type { ListUnappliedCashCommand } from './list-unapplied-cash.command.js';

export interface UnappliedCashList {
  items: UnappliedCashItem[];
  nextCursor: string | null;
}

@Injectable()
export class ListUnappliedCashUseCase {
  constructor(private readonly db: Database) {}

  async execute({ filter, after, limit }: ListUnappliedCashCommand): Promise<UnappliedCashList> {
    const page = await this.db.unappliedCash().list(filter, after, limit);
    return { items: page.items, nextCursor: page.next ? encodeKeyset(page.next) : null };
  }
}
