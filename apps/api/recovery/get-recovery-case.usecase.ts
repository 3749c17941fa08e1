// One recovery case with its whole story: every step the episode took and why, each contact with
// its gate decision, replies, promises, hand-offs and what collectors did with them. Collectors'
// notes and reasons are stored sealed (sealed-note.ts) and opened here for the reader. The borrower
// is named, their number and email masked: what a collector or an agency working the case needs,
// and no more (the case is read only within the reader's scope).
import { Inject, Injectable } from '@nestjs/common';
import type { CaseScope } from '../../../db/repositories/case-scope.js';
import type { EpisodeView, TimelineEntry } from '../../../db/repositories/recovery-episode.repository.js';
import { maskEmail, maskPhone } from '../../../domain/recovery/mask-contact.js';
import { openNotes } from '../../shared/crypto/sealed-note.js';
import type { RecoveryContacts } from '../../shared/recovery-inbox-factory.js';
import { Database } from '../database.js';
import { ProblemException } from '../http/problem.js';
import { RECOVERY_CONTACTS } from '../tokens.js';
import { ContactRecords } from './contact-records.js';

export type RecoveryCaseDetail = EpisodeView & {
  timeline: TimelineEntry[];
  caseEvents: { at: string; kind: string; assigneeId: string | null; by: string | null; data: Record<string, unknown> }[];
  /** null without a contact profile (or without the keys that open it) */
  borrower: { name: string; phone: string | null; email: string | null } | null;
};

@Injectable()
export class GetRecoveryCaseUseCase {
  constructor(
    private readonly db: Database,
    private readonly records: ContactRecords,
    @Inject(RECOVERY_CONTACTS) private readonly contacts: RecoveryContacts | null,
  ) {}

  /** Outside the caller's scope the case reads as absent (404), whether it exists or not. */
  async execute({ caseId, scope }: { caseId: string; scope: CaseScope }): Promise<RecoveryCaseDetail> {
    const episode = await this.db.recoveryEpisodes().get(caseId, scope);
    if (!episode) throw new ProblemException('recoveryCaseNotFound', `there is no recovery case ${caseId}`);
    const [timeline, caseEvents, profile] = await Promise.all([
      this.db.recoveryEpisodes().timeline(caseId, scope),
      episode.case ? this.db.recoveryCases().events(episode.case.caseId, scope) : Promise.resolve([]),
      this.contacts ? this.records.profiles().find(episode.loanId) : Promise.resolve(null),
    ]);
    const cipher = this.contacts?.cipher ?? null;
    return {
      ...episode,
      timeline: timeline.map((e) => ({ ...e, data: openNotes(cipher, e.data) })),
      caseEvents: caseEvents.map((e) => ({ ...e, data: openNotes(cipher, e.data) })),
      borrower: profile ? { name: profile.name, phone: profile.phone === null ? null : maskPhone(profile.phone), email: profile.email === null ? null : maskEmail(profile.email) } : null,
    };
  }
}
