// One recovery case with its whole story: every step the episode took and why, each contact with
// its gate decision, replies, promises, hand-offs and what collectors did with them.
import { Injectable } from '@nestjs/common';
import type { EpisodeView, TimelineEntry } from '../../../db/repositories/recovery-episode.repository.js';
import { Database } from '../database.js';
import { ProblemException } from '../http/problem.js';

export type RecoveryCaseDetail = EpisodeView & {
  timeline: TimelineEntry[];
  caseEvents: { at: string; kind: string; assigneeId: string | null; by: string | null; data: Record<string, unknown> }[];
};

@Injectable()
export class GetRecoveryCaseUseCase {
  constructor(private readonly db: Database) {}

  async execute({ caseId }: { caseId: string }): Promise<RecoveryCaseDetail> {
    const episode = await this.db.recoveryEpisodes().get(caseId);
    if (!episode) throw new ProblemException('recoveryCaseNotFound', `there is no recovery case ${caseId}`);
    const [timeline, caseEvents] = await Promise.all([
      this.db.recoveryEpisodes().timeline(caseId),
      episode.case ? this.db.recoveryCases().events(episode.case.caseId) : Promise.resolve([]),
    ]);
    return { ...episode, timeline, caseEvents };
  }
}
