// The background pipelines' health as Prometheus gauges, read from PostgreSQL on each scrape: the
// episode-signal outbox (a row that keeps failing means an episode is not hearing of its case; the
// relay never drops it, so this is where an operator sees it) and the dead letters waiting for ops.
import { Inject, Injectable } from '@nestjs/common';
import { ContactDeadLetterRepository } from '../../../db/repositories/contact-dead-letter.repository.js';
import { EpisodeSignalOutbox } from '../../../db/repositories/episode-signal-outbox.repository.js';
import type { Orm } from '../../../db/orm.js';
import { ORM } from '../tokens.js';

/** Tries after which an unsent signal counts as failing: with the relay's backoff, about ten minutes. */
export const OUTBOX_FAILING_AFTER = 5;

@Injectable()
export class PipelineMetrics {
  constructor(@Inject(ORM) private readonly orm: Orm) {}

  /** Prometheus text exposition (version 0.0.4). */
  async exposition(): Promise<string> {
    const em = this.orm.em.fork();
    const backlog = await new EpisodeSignalOutbox(em).backlog(OUTBOX_FAILING_AFTER);
    const letters = await new ContactDeadLetterRepository(em).counts();
    return [
      '# HELP credence_episode_signal_outbox_unsent Signals to recovery episodes committed and not yet sent.',
      '# TYPE credence_episode_signal_outbox_unsent gauge',
      `credence_episode_signal_outbox_unsent ${backlog.unsent}`,
      `# HELP credence_episode_signal_outbox_failing Unsent signals tried ${OUTBOX_FAILING_AFTER} times or more (their last error is on the row).`,
      '# TYPE credence_episode_signal_outbox_failing gauge',
      `credence_episode_signal_outbox_failing ${backlog.failing}`,
      '# HELP credence_episode_signal_outbox_oldest_unsent_seconds Age of the oldest unsent signal (0 when none).',
      '# TYPE credence_episode_signal_outbox_oldest_unsent_seconds gauge',
      `credence_episode_signal_outbox_oldest_unsent_seconds ${backlog.oldestUnsentSeconds}`,
      '# HELP credence_contact_dead_letters Contacts that exhausted their retries, by channel and status (open: waiting for ops to replay).',
      '# TYPE credence_contact_dead_letters gauge',
      ...letters.map((l) => `credence_contact_dead_letters{channel="${l.channel}",status="${l.status}"} ${l.count}`),
      '',
    ].join('\n');
  }
}
