// The recovery workflow's way to reach a borrower: deliverContact (the one gate call, see
// contact-dispatcher.ts) and upsertContactProfile (at activation and on import); and ops' replay of
// a dead letter (replayDeadLetter, run by the dead-letter-replay workflow through the same
// dispatcher, so the same circuit breakers see it). Run deliverContact
// with DELIVER_CONTACT_RETRY: its maximumAttempts is the attempt that dead-letters instead of
// failing, so the two must agree (the command may carry another maxAttempts with its own policy).
import { ApplicationFailure, Context } from '@temporalio/activity';
import { ContactProfileRepository, type ContactProfileInput } from '../../db/repositories/contact-profile.repository.js';
import { UnknownDisclosureError } from '../../policies/recovery/disclosure-texts.js';
import { TemplateRenderError } from '../../policies/recovery/render-template.js';
import { ContactDispatcher, ContactDispatchWait, type ContactDispatchDeps } from './contact-dispatcher.js';
import { replayDeadLetter } from './dead-letter-replay.js';
import type { DeliverContactCommand, DeliverContactResult } from './deliver-contact.command.js';

/** What a replay answers the workflow: the letter itself stays in Postgres, where the API reads it. */
export type DeadLetterReplayResult = { kind: 'not_found' } | { kind: 'already_replayed' } | { kind: 'replayed'; outcome: DeliverContactResult };

/** Backoff for transient provider faults: about 21 minutes in all before the contact is dead-lettered. */
export const DELIVER_CONTACT_RETRY = {
  initialInterval: '5s',
  backoffCoefficient: 2,
  maximumInterval: '5m',
  maximumAttempts: 8,
  nonRetryableErrorTypes: ['TemplateRenderError', 'UnknownDisclosureError'],
} as const;

/** A send can wait on a slow provider; the adapter's own timeouts are shorter. */
export const DELIVER_CONTACT_TIMEOUT = '2m';

export function createRecoveryContactActivities(deps: ContactDispatchDeps) {
  const dispatcher = new ContactDispatcher(deps);
  return {
    async deliverContact(command: DeliverContactCommand): Promise<DeliverContactResult> {
      const context = Context.current();
      try {
        // Heartbeats let the workflow's heartbeat timeout (workflows/recovery/activities.ts) find a dead worker mid-send.
        return await dispatcher.deliver(command, { attempt: context.info.attempt, maxAttempts: command.maxAttempts ?? DELIVER_CONTACT_RETRY.maximumAttempts, heartbeat: (step) => context.heartbeat(step) });
      } catch (err) {
        // A template or disclosure that cannot be rendered will not render on retry either.
        if (err instanceof TemplateRenderError || err instanceof UnknownDisclosureError) throw ApplicationFailure.nonRetryable(err.message, err.name);
        // Asked again when the provider can answer, not at the next backoff: one attempt per wait, however long.
        if (err instanceof ContactDispatchWait) throw ApplicationFailure.create({ message: err.message, type: err.name, nextRetryDelay: Math.max(1_000, err.retryAt - Date.now()) });
        throw err;
      }
    },

    async replayDeadLetter(id: string, by: string | null): Promise<DeadLetterReplayResult> {
      try {
        const answer = await replayDeadLetter({ orm: deps.orm, dispatcher }, id, by, { retry: Context.current().info.attempt > 1 });
        return answer.kind === 'replayed' ? { kind: 'replayed', outcome: answer.outcome } : { kind: answer.kind };
      } catch (err) {
        if (err instanceof TemplateRenderError || err instanceof UnknownDisclosureError) throw ApplicationFailure.nonRetryable(err.message, err.name);
        throw err;
      }
    },

    async upsertContactProfile(profile: ContactProfileInput): Promise<void> {
      await new ContactProfileRepository(deps.orm.em.fork(), deps.cipher, deps.hasher).upsert(profile);
    },
  };
}

export type RecoveryContactActivities = ReturnType<typeof createRecoveryContactActivities>;
