// The recovery inbox as the API hands it verified provider callbacks: contact details are looked
// up by keyed hash and stored sealed (the same keys the worker seals them with), and replies reach
// running episodes through the API's own Temporal client. The same keys and client serve the API's
// own recovery endpoints (contact standing, disputes, one-click unsubscribe).
import type { Client } from '@temporalio/client';
import { IdentifierHasher } from '../../activities/fraud/identifier-hasher.js';
import { RecoveryInbox } from '../../activities/recovery-contact/recovery-inbox.js';
import type { RecoveryNotifier } from '../../activities/recovery-contact/recovery-notifier.js';
import type { Orm } from '../../db/orm.js';
import type { ContactLookupHasher } from '../../db/repositories/contact-profile.repository.js';
import { FieldCipher } from './crypto/field-cipher.js';
import type { Keyring } from './temporal/keyring.js';
import { TemporalRecoveryNotifier } from './temporal/recovery-notifier.js';

export interface RecoveryContacts {
  inbox: RecoveryInbox;
  /** opens and seals contact details */
  cipher: FieldCipher;
  hasher: ContactLookupHasher;
  notifier: RecoveryNotifier;
}

export function createRecoveryContacts(deps: { orm: Orm; keyring: Keyring; identifierKey: Buffer; client: Client }): RecoveryContacts {
  const cipher = new FieldCipher(deps.keyring);
  const hasher = new IdentifierHasher(deps.identifierKey);
  const notifier = new TemporalRecoveryNotifier(deps.client);
  return { inbox: new RecoveryInbox({ orm: deps.orm, cipher, hasher, notifier }), cipher, hasher, notifier };
}
