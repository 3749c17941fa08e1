// What stands behind CONTACT_EVENTS until the recovery inbox is given to createApi: callbacks are
// still verified and de-duplicated, and then refused with a 503, so the provider keeps them and
// retries instead of the API acknowledging events nobody recorded.
import { ProblemException } from '../http/problem.js';
import type { ContactEvents } from '../../../adapters/channels/contact-channels.js';

export class ContactEventsNotWired implements ContactEvents {
  delivery(): Promise<void> {
    return Promise.reject(unwired());
  }

  inbound(): Promise<void> {
    return Promise.reject(unwired());
  }

  keyPress(): Promise<void> {
    return Promise.reject(unwired());
  }
}

function unwired(): ProblemException {
  return new ProblemException('dependencyUnavailable', 'no recovery inbox is configured to take provider callbacks; the provider should retry');
}
