// Every value the field cipher seals in PostgreSQL: its table, the column (or the key inside a JSON
// column) and the context it is bound to, taken from the code that seals it. What re-sealing after
// a key rotation walks (reseal.ts); a new sealed field belongs here too.
import { SEAL_BODY as DELIVERY_BODY, SEAL_SUBJECT } from '../../../activities/recovery-contact/contact-dispatcher.js';
import { SEAL_BODY as INBOUND_BODY, SEAL_SENDER } from '../../../activities/recovery-contact/recovery-inbox.js';
import { SEAL } from '../../../db/repositories/contact-profile.repository.js';
import { NOTE_CONTEXT } from './sealed-note.js';
import { CONVERSATION_SEAL } from '../../../rag/conversation/conversation-seal.js';

export interface SealedField {
  table: string;
  /** the row's key column */
  key: string;
  column: string;
  /** a key inside the JSON column, when the value sits there */
  jsonKey?: string;
  context: string;
}

export const SEALED_FIELDS: readonly SealedField[] = [
  { table: 'contact_profiles', key: 'loan_id', column: 'name_sealed', context: SEAL.name },
  { table: 'contact_profiles', key: 'loan_id', column: 'phone_sealed', context: SEAL.phone },
  { table: 'contact_profiles', key: 'loan_id', column: 'email_sealed', context: SEAL.email },
  { table: 'contact_profiles', key: 'loan_id', column: 'postal_address_sealed', context: SEAL.postalAddress },
  { table: 'contact_standing_changes', key: 'id', column: 'reason', context: SEAL.reason },
  { table: 'contact_inbound', key: 'id', column: 'sender_sealed', context: SEAL_SENDER },
  { table: 'contact_inbound', key: 'id', column: 'body_sealed', context: INBOUND_BODY },
  { table: 'contact_deliveries', key: 'delivery_key', column: 'subject_sealed', context: SEAL_SUBJECT },
  { table: 'contact_deliveries', key: 'delivery_key', column: 'body_sealed', context: DELIVERY_BODY },
  { table: 'recovery_case_events', key: 'id', column: 'data', jsonKey: 'note', context: NOTE_CONTEXT },
  { table: 'recovery_case_events', key: 'id', column: 'data', jsonKey: 'reason', context: NOTE_CONTEXT },
  { table: 'episode_signal_outbox', key: 'id', column: 'payload', jsonKey: 'note', context: NOTE_CONTEXT },
  { table: 'recovery_actions', key: 'id', column: 'data', jsonKey: 'note', context: NOTE_CONTEXT },
  { table: 'approvals', key: 'id', column: 'payload', jsonKey: 'note', context: NOTE_CONTEXT },
  { table: 'approvals', key: 'id', column: 'payload', jsonKey: 'reason', context: NOTE_CONTEXT },
  { table: 'approvals', key: 'id', column: 'decision_note', context: NOTE_CONTEXT },
  { table: 'assistant_turns', key: 'conversation_id', column: 'question_sealed', context: CONVERSATION_SEAL.question },
  { table: 'assistant_turns', key: 'conversation_id', column: 'rewritten_sealed', context: CONVERSATION_SEAL.rewritten },
  { table: 'assistant_turns', key: 'conversation_id', column: 'answer_sealed', context: CONVERSATION_SEAL.answer },
];
