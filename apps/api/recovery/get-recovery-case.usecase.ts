// One recovery case with its whole story: every step the episode took and why, each contact with
// its gate decision, replies, promises, hand-offs and what collectors did with them. Collectors'
// notes and reasons are stored sealed (sealed-note.ts) and opened here for the reader.
import { Inject, Injectable } from '@nestjs/common';
import type { CaseScope } from '../../../db/repositories/case-scope.js';
import type { EpisodeView, TimelineEntry } from '../../../db/repositories/recovery-episode.repository.js';
import { openNotes } from '../../shared/crypto/sealed-note.js';
import type { RecoveryContacts } from '../../shared/recovery-inbox-factory.js';
import { Database } from '../database.js';
import { ProblemException } from '../http/problem.js';
import { RECOVERY_CONTACTS } from '../tokens.js';

export type RecoveryCaseDetail = EpisodeView & {
  timeline: TimelineEntry[];
  caseEvents: { at: string; kind: string; assigneeId: string | null; by: string | null; data: Record<string, unknown> }[];
};

@Injectable()
export class GetRecoveryCaseUseCase {
  constructor(
    private readonly db: Database,
    @Inject(RECOVERY_CONTACTS) private readonly contacts: RecoveryContacts | null,
  ) {}

  /** Outside the caller's scope the case reads as absent (404), whether it exists or not. */
  async execute({ caseId, scope }: { caseId: string; scope: CaseScope }): Promise<RecoveryCaseDetail> {
    const episode = await this.db.recoveryEpisodes().get(caseId, scope);
    if (!episode) throw new ProblemException('recoveryCaseNotFound', `there is no recovery case ${caseId}`);
    const [timeline, caseEvents] = await Promise.all([
      this.db.recoveryEpisodes().timeline(caseId, scope),
      episode.case ? this.db.recoveryCases().events(episode.case.caseId, scope) : Promise.resolve([]),
    ]);
    const cipher = this.contacts?.cipher ?? null;
    return {
      ...episode,
      timeline: timeline.map((e) => ({ ...e, data: openNotes(cipher, e.data) })),
      caseEvents: caseEvents.map((e) => ({ ...e, data: openNotes(cipher, e.data) })),
    };
  }
}
