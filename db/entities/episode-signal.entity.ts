// The outbox of signals to recovery episodes (a collector's touch or outcome on a case, a case given
// out by round-robin). A row is written in the transaction of the change it reports, so the change
// never stands without it: the writer sends it at once after the commit, and the relay
// (apps/worker/episode-signal-relay.ts) sends whatever a process that died in between left unsent.
// Sending is at least once; the episode applies each signal ID once (workflows/recovery/handlers.ts).
import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

export const EpisodeSignal = defineEntity({
  name: 'EpisodeSignal',
  tableName: 'episode_signal_outbox',
  indexes: [{ properties: ['sentAt', 'nextAttemptAt'] }],
  properties: {
    /** the signal's ID, carried in its payload: the episode applies each once */
    id: p.string().length(120).primary(),
    workflowId: p.string().length(80),
    /** caseTouched | caseOutcome */
    signal: p.string().length(32),
    payload: p.json<Record<string, unknown>>(),
    createdAt: p.datetime(),
    /** sends tried so far (the writer's own and the relay's) */
    attempts: p.integer().default(0),
    /** not before then may it be tried again: each try leases the row for its backoff */
    nextAttemptAt: p.datetime(),
    lastError: p.text().nullable(),
    sentAt: p.datetime().nullable(),
    /** delivered | not_running (the episode had ended: nobody left to tell, the case keeps the record) */
    result: p.string().length(16).nullable(),
  },
});

export type IEpisodeSignal = InferEntity<typeof EpisodeSignal>;
