// The proposals a checker works through (pending by default), oldest first.
import { Injectable } from '@nestjs/common';
import type { ApprovalKind, ApprovalRecord, ApprovalStatus } from '../../../db/repositories/approval.repository.js';
import { Database } from '../database.js';

@Injectable()
export class ListApprovalsUseCase {
  constructor(private readonly db: Database) {}

  /** `proposedBy`: a collector or agency reads only its own proposals (the query says so). */
  async execute(filter: { status: ApprovalStatus; kind?: ApprovalKind; limit: number; proposedBy?: string }): Promise<{ items: ApprovalRecord[] }> {
    return { items: await this.db.approvals().list({ status: filter.status, ...(filter.kind ? { kind: filter.kind } : {}), ...(filter.proposedBy !== undefined ? { proposedBy: filter.proposedBy } : {}) }, filter.limit) };
  }
}
