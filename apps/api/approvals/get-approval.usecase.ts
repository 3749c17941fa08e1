// One proposal, as it stands: who proposed it and why it needs a second person, who decided it, what applying it did.
import { Injectable } from '@nestjs/common';
import type { ApprovalRecord } from '../../../db/repositories/approval.repository.js';
import { Database } from '../database.js';
import { ProblemException } from '../http/problem.js';

@Injectable()
export class GetApprovalUseCase {
  constructor(private readonly db: Database) {}

  async execute({ id, proposedBy }: { id: string; proposedBy?: string }): Promise<ApprovalRecord> {
    const approval = await this.db.approvals().get(id, proposedBy);
    if (!approval) throw new ProblemException('approvalNotFound', `there is no approval ${id}`);
    return approval;
  }
}
