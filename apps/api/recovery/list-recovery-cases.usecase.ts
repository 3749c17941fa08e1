// The recovery cases (episodes) ops and collectors work from, newest first, from the read model.
import { Injectable } from '@nestjs/common';
import type { CaseScope } from '../../../db/repositories/case-scope.js';
import type { EpisodeFilter, EpisodeView } from '../../../db/repositories/recovery-episode.repository.js';
import { Database } from '../database.js';
import { decodeKeyset, encodeKeyset } from '../loans/cursor.js';

export interface RecoveryCaseList {
  items: EpisodeView[];
  nextCursor: string | null;
}

@Injectable()
export class ListRecoveryCasesUseCase {
  constructor(private readonly db: Database) {}

  async execute(command: { filter: EpisodeFilter; cursor: string | null; limit: number; scope: CaseScope }): Promise<RecoveryCaseList> {
    const position = command.cursor ? decodeKeyset(command.cursor) : undefined;
    const after = position ? { startedAt: position.createdAt, loanId: position.id } : null;
    const page = await this.db.recoveryEpisodes().list(command.filter, after, command.limit, command.scope);
    return { items: page.items, nextCursor: page.next ? encodeKeyset({ createdAt: page.next.startedAt, id: page.next.loanId }) : null };
  }
}
