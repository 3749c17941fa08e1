// A page of the audit trail, newest first, by the filters given.
import { Injectable } from '@nestjs/common';
import type { AuditFilter, AuditRow } from '../../../db/repositories/audit-log.repository.js';
import { Database } from '../database.js';
import { decodeKeyset, encodeKeyset } from '../loans/cursor.js';

export interface AuditList {
  items: AuditRow[];
  nextCursor: string | null;
}

@Injectable()
export class SearchAuditUseCase {
  constructor(private readonly db: Database) {}

  async execute(command: { filter: AuditFilter; cursor: string | null; limit: number }): Promise<AuditList> {
    const after = (command.cursor ? decodeKeyset(command.cursor) : undefined) ?? null;
    const page = await this.db.auditLog().search(command.filter, after, command.limit);
    return { items: page.items, nextCursor: page.next ? encodeKeyset(page.next) : null };
  }
}
