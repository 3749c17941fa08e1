// Ops replaying a dead letter (what POST /v1/recovery/dead-letters/:id/replay runs, on the worker,
// through the dead-letter-replay workflow): the same dispatch under the same delivery key, gate
// included, so a contact that did leave in the end is not sent again. The gate judges the moment
// of the replay, not the moment the contact was first asked for: hours and caps hold now. Once per
// dead letter; a replay that fails transiently dead-letters the contact anew (the next generation)
// instead of throwing, since no one retries an ops request for them. A replay the rules only
// defer (hours, a cap) leaves the letter open, with that answer on it, for ops to ask again. The
// letter's new state and what the replay made of the contact commit together or not at all; a
// replay that throws (its outcome unrecorded) lets the letter go, open, for a retry or ops. A
// letter that is no longer this replay's to settle (another try of it settled it first) throws
// inside that transaction, so nothing this try made of the contact is kept over the other's; the
// retry then reads the letter as it stands.
import type { MikroORM } from '@mikro-orm/postgresql';
import { ContactDeadLetterRepository, type DeadLetter } from '../../db/repositories/contact-dead-letter.repository.js';
import type { ContactDispatcher, ReplaySettlement } from './contact-dispatcher.js';
import type { DeliverContactCommand, DeliverContactResult } from './deliver-contact.command.js';

export type ReplayAnswer = { kind: 'not_found' } | { kind: 'already_replayed'; letter: DeadLetter } | { kind: 'replayed'; letter: DeadLetter; outcome: DeliverContactResult };

export interface ReplayDeps {
  orm: MikroORM;
  dispatcher: ContactDispatcher;
  /** the clock the gate judges the replay by (epoch ms); the wall clock by default */
  now?: () => number;
}

/** The letter was no longer replaying when this replay came to settle it: another try settled it (or let it go) first. */
export class ReplaySettledElsewhere extends Error {
  constructor(readonly letterId: string) {
    super(`dead letter ${letterId} is no longer being replayed by this try: it was settled or let go meanwhile`);
    this.name = 'ReplaySettledElsewhere';
  }
}

/** `retry`: this is a retry of a replay whose earlier try may have died holding the claim (Temporal's attempt > 1). */
export async function replayDeadLetter(deps: ReplayDeps, id: string, by: string | null, options: { retry?: boolean } = {}): Promise<ReplayAnswer> {
  const letters = new ContactDeadLetterRepository(deps.orm.em.fork());
  const claim = await letters.claimReplay(id, by, options.retry ?? false);
  if (!claim) return { kind: 'not_found' };
  if (!claim.claimed) return { kind: 'already_replayed', letter: claim.letter };
  const command = { ...(claim.letter.command as unknown as DeliverContactCommand), at: (deps.now ?? Date.now)() };
  // The letter's fate is written in the dispatcher's last transaction, with the send recorded or
  // the next generation's letter: a crash before it commits leaves neither, and the claim for a retry.
  const settlement: ReplaySettlement = {
    settle: async (em, outcome) => {
      if (!(await new ContactDeadLetterRepository(em).settleReplay(id, outcome))) throw new ReplaySettledElsewhere(id);
    },
  };
  let outcome: DeliverContactResult;
  try {
    outcome = await deps.dispatcher.deliver(command, { attempt: 1, maxAttempts: 1, replay: settlement });
  } catch (err) {
    // A letter settled elsewhere is not this try's to let go (another try may hold it by now).
    if (!(err instanceof ReplaySettledElsewhere)) await letters.releaseReplay(id);
    throw err;
  }
  return { kind: 'replayed', letter: (await letters.find(id))!, outcome };
}
