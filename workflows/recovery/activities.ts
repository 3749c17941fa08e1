// The recovery workflow's activities. Contacts go through the dispatch activity, which asks the
// gate and records the delivery before it leaves, under a key derived from this workflow: a retry
// after a worker crash finds the delivery and sends nothing twice. Its retries are bounded: on the
// last attempt it dead-letters the send instead of failing, so the episode moves on and ops can
// replay it. Writes to the read model and to cases are idempotent and retry until they succeed.
import { patched, proxyActivities, type ActivityOptions } from '@temporalio/workflow';
import type { RecoveryCaseActivities } from '../../activities/recovery/case.activities.js';
import type { RecoveryEpisodeActivities } from '../../activities/recovery/episode.activities.js';
import type { RecoveryExperimentActivities } from '../../activities/recovery/experiment.activities.js';
import type { RecoveryNoticeActivities } from '../../activities/recovery/notice.activities.js';
import type { RecoveryContactActivities } from '../../activities/recovery-contact/recovery-contact.activities.js';
import type { DraftingActivities } from '../../activities/assistant/draft-contact.activities.js';

/** The dispatch's attempts (about 21 minutes of backoff); it dead-letters on the last, told this number in its command. */
export const CONTACT_MAX_ATTEMPTS = 8;

const idempotentWrite = {
  startToCloseTimeout: '30s',
  retry: { initialInterval: '1s', backoffCoefficient: 2, maximumInterval: '1m' },
} as const;

export const episodes = proxyActivities<RecoveryEpisodeActivities>(idempotentWrite);
export const cases = proxyActivities<RecoveryCaseActivities>(idempotentWrite);
/** A read that retries until Postgres answers: an episode does not start without knowing its arm. */
export const experiments = proxyActivities<RecoveryExperimentActivities>(idempotentWrite);
/** Reads and idempotent writes around the notices the law requires (required-notices.ts). */
export const notices = proxyActivities<RecoveryNoticeActivities>(idempotentWrite);

/**
 * The dispatch heartbeats (at its start and between claiming, sending and recording): a worker that
 * dies mid-send is found out once this passes without one, and the send is retried on another
 * worker, instead of after the whole 2-minute start-to-close.
 */
export const CONTACT_HEARTBEAT_TIMEOUT = '20s';
/**
 * Sends scheduled with CONTACT_HEARTBEAT_TIMEOUT. A running episode takes it at its first send
 * scheduled after the deploy (patched() is true outside replay); its earlier sends replay as they
 * ran, without it. A worker that only stalls past the timeout is retried elsewhere while it still
 * runs: the dispatch's claim (countResend, stillClaimed) keeps the two from both sending.
 */
export const CONTACT_HEARTBEAT = 'recovery-contact-heartbeat';

const contactOptions: ActivityOptions = {
  startToCloseTimeout: '2m',
  retry: { initialInterval: '5s', backoffCoefficient: 2, maximumInterval: '5m', maximumAttempts: CONTACT_MAX_ATTEMPTS, nonRetryableErrorTypes: ['TemplateRenderError', 'UnknownDisclosureError'] },
};
type ContactActivities = Pick<RecoveryContactActivities, 'deliverContact'>;
const contactsBeforeHeartbeat = proxyActivities<ContactActivities>(contactOptions);
const contactsWithHeartbeat = proxyActivities<ContactActivities>({ ...contactOptions, heartbeatTimeout: CONTACT_HEARTBEAT_TIMEOUT });

/** The dispatch activity, chosen when a send is scheduled: with its heartbeat timeout on runs that take the patch. */
export function contacts(): ContactActivities {
  return patched(CONTACT_HEARTBEAT) ? contactsWithHeartbeat : contactsBeforeHeartbeat;
}

/**
 * A send step with `draft: true` asks the drafting agent for its message first (steps.ts). Runs
 * that started before it, and their earlier sends, replay as they ran: the template, no draft.
 */
export const DRAFTED_SENDS = 'recovery-drafted-sends';

/**
 * The drafting agent (a chat model when one is configured): a few quick tries, then the step's
 * template goes instead. A draft is never worth holding a contact back for.
 */
export const drafting = proxyActivities<DraftingActivities>({
  startToCloseTimeout: '1m',
  retry: { initialInterval: '2s', backoffCoefficient: 2, maximumInterval: '20s', maximumAttempts: 3 },
});
