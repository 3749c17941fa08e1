// Compliance records that a dispute was answered with verification (Reg F 1006.38): the standing
// no longer holds collection, the change is logged with who verified it, and the running recovery
// episode is told (disputeVerifiedSignal) so it resumes. What POST /v1/recovery/disputes/:loanId/verify runs.
// Only an open dispute can be verified: a verification with none open would log a change that
// answers nothing (and tell an episode to resume from a pause it is not in).
import type { MikroORM } from '@mikro-orm/postgresql';
import type { FieldCipher } from '../../apps/shared/crypto/field-cipher.js';
import { ContactProfileRepository, type ContactLookupHasher } from '../../db/repositories/contact-profile.repository.js';
import { RecoveryEpisodeRepository } from '../../db/repositories/recovery-episode.repository.js';
import { disputeVerifiedSignal } from '../../workflows/recovery/definitions.js';
import type { RecoveryNotifier } from './recovery-notifier.js';
import { sealNote } from '../../apps/shared/crypto/sealed-note.js';

export type VerifyDisputeAnswer = { kind: 'no_profile' } | { kind: 'no_open_dispute' } | { kind: 'verified'; signalled: string | null };

export async function verifyDispute(
  deps: { orm: MikroORM; cipher: FieldCipher; hasher: ContactLookupHasher; notifier: RecoveryNotifier },
  command: { loanId: string; by: string; note: string | null; at: string },
): Promise<VerifyDisputeAnswer> {
  const em = deps.orm.em.fork();
  const profiles = new ContactProfileRepository(em, deps.cipher, deps.hasher);
  const standing = await profiles.standing(command.loanId);
  if (!standing) return { kind: 'no_profile' };
  if (!standing.disputeOpen) return { kind: 'no_open_dispute' };
  const recorded = await profiles.recordStandingChange(command.loanId, { change: 'dispute_verified' }, { source: 'api', sourceRef: null, actor: command.by, reason: command.note, at: command.at });
  if (!recorded) return { kind: 'no_profile' };
  const episode = await new RecoveryEpisodeRepository(em).running(command.loanId);
  if (!episode) return { kind: 'verified', signalled: null };
  // The note reaches the episode's timeline sealed, as a collector's does (sealed-note.ts).
  const told = await deps.notifier.signal(episode.workflowId, disputeVerifiedSignal, { by: command.by, ...(command.note ? { note: sealNote(deps.cipher, command.note) } : {}) });
  return { kind: 'verified', signalled: told ? episode.workflowId : null };
}
