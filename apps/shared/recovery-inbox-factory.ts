// The recovery inbox as the API hands it verified provider callbacks: contact details are looked
// up by keyed hash and stored sealed (the same keys the worker seals them with), and replies reach
// running episodes through the API's own Temporal client.
import type { Client } from '@temporalio/client';
import { IdentifierHasher } from '../../activities/fraud/identifier-hasher.js';
import { RecoveryInbox } from '../../activities/recovery-contact/recovery-inbox.js';
import type { Orm } from '../../db/orm.js';
import { FieldCipher } from './crypto/field-cipher.js';
import type { Keyring } from './temporal/keyring.js';
import { TemporalRecoveryNotifier } from './temporal/recovery-notifier.js';

export function createRecoveryInbox(deps: { orm: Orm; keyring: Keyring; identifierKey: Buffer; client: Client }): RecoveryInbox {
  return new RecoveryInbox({ orm: deps.orm, cipher: new FieldCipher(deps.keyring), hasher: new IdentifierHasher(deps.identifierKey), notifier: new TemporalRecoveryNotifier(deps.client) });
}
