// The relay of the episode-signal outbox: every few seconds it sends the signals that were committed
// and not sent (the process that wrote them died, or Temporal did not answer it), oldest first,
// each try leasing its row for a growing backoff (db/repositories/episode-signal-outbox.repository.ts).
//
// Why in the worker and not in the API: the worker is the process whose job is background work
// that must finish (it runs wherever episodes run, under `npm start` and in every deployment, and
// is scaled for that work), while the API scales with HTTP traffic and may run many replicas or
// none for a while; a relay there would multiply with request load and compete with requests for
// the API's database pool. Several workers may relay at once: a row is claimed with SKIP LOCKED and
// leased, and a signal sent twice anyway is applied once by the episode.
import type { Logger } from '../shared/logger.js';
import type { EpisodeSignals } from '../shared/temporal/episode-signals.js';

/** Signals one pass takes; a full pass is followed by another at once. */
const BATCH = 100;

export interface EpisodeSignalRelay {
  /** Stops after the pass under way. */
  stop(): Promise<void>;
}

export function startEpisodeSignalRelay(deps: { signals: EpisodeSignals; afterMs: number; everyMs: number; log: Logger }): EpisodeSignalRelay {
  let stopped = false;
  let wake: (() => void) | undefined;
  const loop = (async () => {
    while (!stopped) {
      let tried = 0;
      try {
        tried = await deps.signals.relayDue(deps.afterMs, BATCH);
      } catch (err) {
        // Postgres away for a moment: the rows wait for it, nothing is lost.
        deps.log.warn({ err }, 'episode signal relay pass failed: trying again');
      }
      if (tried === BATCH || stopped) continue;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, deps.everyMs);
        wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    }
  })();
  deps.log.info({ afterMs: deps.afterMs, everyMs: deps.everyMs }, 'episode signal relay started');
  return {
    async stop() {
      stopped = true;
      wake?.();
      await loop;
    },
  };
}
