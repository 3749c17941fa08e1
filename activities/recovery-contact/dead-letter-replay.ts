// Ops replaying a dead letter (what POST /v1/recovery/dead-letters/:id/replay runs): the same
// dispatch under the same delivery key, gate included, so a contact that did leave in the end is
// not sent again. Once per dead letter; a replay that fails transiently dead-letters the contact
// anew (the next generation) instead of throwing, since no one retries an ops request for them.
import type { MikroORM } from '@mikro-orm/postgresql';
import { ContactDeadLetterRepository, type DeadLetter } from '../../db/repositories/contact-dead-letter.repository.js';
import type { ContactDispatcher } from './contact-dispatcher.js';
import type { DeliverContactCommand, DeliverContactResult } from './deliver-contact.command.js';

export type ReplayAnswer = { kind: 'not_found' } | { kind: 'already_replayed'; letter: DeadLetter } | { kind: 'replayed'; letter: DeadLetter; outcome: DeliverContactResult };

export async function replayDeadLetter(deps: { orm: MikroORM; dispatcher: ContactDispatcher }, id: string, by: string | null): Promise<ReplayAnswer> {
  const letters = new ContactDeadLetterRepository(deps.orm.em.fork());
  const claim = await letters.claimReplay(id, by);
  if (!claim) return { kind: 'not_found' };
  if (!claim.claimed) return { kind: 'already_replayed', letter: claim.letter };
  let outcome: DeliverContactResult;
  try {
    outcome = await deps.dispatcher.deliver(claim.letter.command as unknown as DeliverContactCommand, { attempt: 1, maxAttempts: 1, replay: true });
  } catch (err) {
    await letters.releaseReplay(id);
    throw err;
  }
  return { kind: 'replayed', letter: await letters.completeReplay(id, outcome), outcome };
}
