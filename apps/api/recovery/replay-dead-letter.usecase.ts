// Ops replay a dead letter: the worker sends it again (the API holds no provider clients) through
// the dead-letter-replay workflow, gate included, and the answer is what became of it: sent,
// blocked by a rule, or dead-lettered again (a new letter, `next`). A letter already replayed is
// refused before any workflow starts; one whose replay outlasts the bound is answered as it stands
// (202) while the replay goes on.
import { Injectable } from '@nestjs/common';
import type { DeadLetter } from '../../../db/repositories/contact-dead-letter.repository.js';
import { DeadLetterReplayClient } from '../../shared/temporal/dead-letter-replay-client.js';
import { ProblemException } from '../http/problem.js';
import { TIMED_OUT, within } from '../within.js';
import { Database } from '../database.js';
import { ContactRecords } from './contact-records.js';
import { maskedOutcome, type DeadLetterView } from './contact-views.js';

const ANSWER_WITHIN_MS = 30_000;

export interface DeadLetterReplay {
  /** what the dispatch answered (reasons masked, retryAt as an instant); null while the replay is still under way */
  outcome: Record<string, unknown> | null;
  letter: DeadLetterView;
  /** the dead letter the replay left when it failed again */
  next: DeadLetterView | null;
}

@Injectable()
export class ReplayDeadLetterUseCase {
  constructor(
    private readonly records: ContactRecords,
    private readonly replays: DeadLetterReplayClient,
    private readonly db: Database,
  ) {}

  async execute(command: { id: string; by: string }): Promise<{ finished: boolean; replay: DeadLetterReplay }> {
    const letter = await this.records.deadLetters().find(command.id);
    if (!letter) throw notFound(command.id);
    if (letter.status === 'replayed') throw replayed(letter);
    // A dunning message belongs to its episode: once the loan cured, closed or was charged off there is nothing to chase.
    const running = await this.db.recoveryEpisodes().running(letter.loanId);
    if (running?.workflowId !== letter.workflowId) throw new ProblemException('episodeEnded', `dead letter ${letter.id} belongs to ${letter.workflowId}, which has ended: it is not sent`);
    const result = await within(this.replays.replay(command.id, command.by), ANSWER_WITHIN_MS);
    if (result === TIMED_OUT) return { finished: false, replay: { outcome: null, letter: await this.view(command.id), next: null } };
    if (result.kind === 'not_found') throw notFound(command.id);
    if (result.kind === 'already_replayed') throw replayed((await this.records.deadLetters().find(command.id)) ?? letter);
    const next = result.outcome.outcome === 'dead_lettered' ? await this.records.deadLetters().nextGeneration(letter.deliveryKey, letter.generation) : null;
    return {
      finished: true,
      replay: { outcome: maskedOutcome(result.outcome), letter: await this.view(command.id), next: next && (await this.records.deadLetterView(next)) },
    };
  }

  private async view(id: string): Promise<DeadLetterView> {
    const letter = await this.records.deadLetters().find(id);
    if (!letter) throw notFound(id);
    return this.records.deadLetterView(letter);
  }
}

function notFound(id: string): ProblemException {
  return new ProblemException('deadLetterNotFound', `there is no dead letter ${id}`);
}

function replayed(letter: DeadLetter): ProblemException {
  const when = letter.status === 'replaying' ? 'is being replayed' : `was replayed${letter.replayedAt ? ` at ${letter.replayedAt}` : ''}`;
  return new ProblemException('deadLetterReplayed', `dead letter ${letter.id} ${when}${letter.replayedBy ? ` by ${letter.replayedBy}` : ''}`);
}
