// Sends the signal outbox's rows to their episodes (db/repositories/episode-signal-outbox.repository.ts).
// Whoever commits a change with signals in it (the API, a case activity) delivers them at once; the
// relay in the worker (apps/worker/episode-signal-relay.ts) delivers what a failed or interrupted
// sender left. A send that fails is not the caller's failure: its change is committed and its
// signal will go, so `deliver` never throws. An episode that has ended is told nothing more (the
// case keeps the record): its row is marked sent as `not_running`.
import { WorkflowNotFoundError, type Client } from '@temporalio/client';
import type { Orm } from '../../../db/orm.js';
import { EpisodeSignalOutbox, type ClaimedSignal, type OutboxSignalName } from '../../../db/repositories/episode-signal-outbox.repository.js';
import { caseOutcomeSignal, caseTouchedSignal } from '../../../workflows/recovery/definitions.js';
import type { EpisodeSignalDelivery } from '../../../activities/recovery/case.activities.js';
import type { Logger } from '../logger.js';

/** The workflow's definition of each signal the outbox holds (a spec checks their names agree). */
export const OUTBOX_SIGNAL_DEFINITIONS: Record<OutboxSignalName, { name: string }> = {
  caseTouched: caseTouchedSignal,
  caseOutcome: caseOutcomeSignal,
};

/** A signal that takes longer is taken as failed (the relay tries again): one hung call must not hold the relay up. */
const SEND_TIMEOUT_MS = 10_000;

export class EpisodeSignals implements EpisodeSignalDelivery {
  constructor(private readonly deps: { orm: Orm; client: Client; log: Logger }) {}

  /** Sends these signals now (the caller has just committed them); what fails is left to the relay. */
  async deliver(signalIds: string[]): Promise<void> {
    if (signalIds.length === 0) return;
    let claimed: ClaimedSignal[];
    try {
      claimed = await this.outbox().claim(signalIds);
    } catch (err) {
      this.deps.log.warn({ err, signalIds }, 'episode signals not claimed: the relay will send them');
      return;
    }
    for (const signal of claimed) await this.send(signal);
  }

  /** One pass of the relay: the unsent signals older than `minAgeMs`, at most `limit`. Answers how many it tried. */
  async relayDue(minAgeMs: number, limit: number): Promise<number> {
    const due = await this.outbox().claimDue(minAgeMs, limit);
    for (const signal of due) {
      this.deps.log.info({ signalId: signal.id, workflowId: signal.workflowId, signal: signal.signal, attempts: signal.attempts, createdAt: signal.createdAt }, 'relaying an episode signal left unsent');
      await this.send(signal);
    }
    return due.length;
  }

  private async send(signal: ClaimedSignal): Promise<void> {
    const outbox = this.outbox();
    const { client } = this.deps;
    try {
      await client.withDeadline(Date.now() + SEND_TIMEOUT_MS, () => client.workflow.getHandle(signal.workflowId).signal<[Record<string, unknown>]>(OUTBOX_SIGNAL_DEFINITIONS[signal.signal].name, signal.payload));
    } catch (err) {
      if (err instanceof WorkflowNotFoundError) return this.settle(outbox, signal, 'not_running');
      this.deps.log.warn({ err, signalId: signal.id, workflowId: signal.workflowId, attempts: signal.attempts }, 'episode signal not sent: it will be tried again');
      await outbox.noteFailure(signal.id, err instanceof Error ? `${err.name}: ${err.message}` : String(err)).catch(() => undefined);
      return;
    }
    await this.settle(outbox, signal, 'delivered');
  }

  /** Failing to mark it only means it is sent again, which the episode ignores. */
  private async settle(outbox: EpisodeSignalOutbox, signal: ClaimedSignal, result: 'delivered' | 'not_running'): Promise<void> {
    await outbox.markSent(signal.id, result).catch((err: unknown) => this.deps.log.warn({ err, signalId: signal.id }, 'episode signal sent but not marked: it will be sent again'));
  }

  private outbox(): EpisodeSignalOutbox {
    return new EpisodeSignalOutbox(this.deps.orm.em.fork());
  }
}
