// A loan's arrangements and write-offs, proposed, decided and applied, oldest first.
import { Injectable } from '@nestjs/common';
import type { ApprovalRecord } from '../../../db/repositories/approval.repository.js';
import { Database } from '../database.js';
import { LoanNotFoundError } from '../errors.js';

const MOST = 500;

@Injectable()
export class ListArrangementsUseCase {
  constructor(private readonly db: Database) {}

  async execute({ loanId }: { loanId: string }): Promise<{ items: ApprovalRecord[] }> {
    if (!(await this.db.loans().summary(loanId))) throw new LoanNotFoundError(loanId);
    const items = await this.db.approvals().list({ loanId }, MOST);
    return { items: items.filter((a) => a.kind !== 'policy_activation') };
  }
}
