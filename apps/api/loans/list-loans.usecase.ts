// A page of loans, newest first, and the cursor for the next page (null on the last).
import { Injectable } from '@nestjs/common';
import { Database } from '../database.js';
import { encodeCursor } from './cursor.js';
import type { ListLoansCommand } from './list-loans.command.js';
import { loanSummary, type LoanSummary } from './loan-view.js';

export interface LoanList {
  items: LoanSummary[];
  nextCursor: string | null;
}

@Injectable()
export class ListLoansUseCase {
  constructor(private readonly db: Database) {}

  async execute({ filter, after, limit, scope }: ListLoansCommand): Promise<LoanList> {
    const page = await this.db.loans().list(filter, after, limit, scope);
    return { items: page.items.map(loanSummary), nextCursor: page.next ? encodeCursor(page.next) : null };
  }
}
