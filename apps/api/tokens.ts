// Injection tokens for what createApi is given rather than what Nest builds: the process owns
// the config, the ORM, the Temporal connection and the logger, and closes them itself.
import type { BaseChatModel } from '@langchain/core/language_models/chat_models';
import type { ContactEvents } from '../../adapters/channels/contact-channels.js';
import type { Orm } from '../../db/orm.js';
import type { ModelRegistry } from '../../models/registry/index.js';
import type { CredenceConfig } from '../shared/config.js';
import type { Logger } from '../shared/logger.js';
import type { RecoveryContacts } from '../shared/recovery-inbox-factory.js';
import type { LoanClient } from '../shared/temporal/loan-client.js';

export const CONFIG = Symbol('CredenceConfig');
export const ORM = Symbol('Orm');
export const LOGGER = Symbol('Logger');
export const MODELS = Symbol('ModelRegistry');
/** Where verified Twilio and SendGrid callbacks are handed (the recovery inbox). */
export const CONTACT_EVENTS = Symbol('ContactEvents');
/** The contact keys, the inbox and the notifier the recovery endpoints use (null when not given). */
export const RECOVERY_CONTACTS = Symbol('RecoveryContacts');
/** The instant the call assist's gate checks judge a live call at (epoch ms): Date.now unless a test moves it. */
export const CALL_CLOCK = Symbol('CallClock');

/** The assistant's settings (ApiDeps.assistant). */
export const ASSISTANT_OPTIONS = Symbol('AssistantOptions');

/** What the assistant and the drafting agent are built with; unset: the configured provider (RAG_LLM_PROVIDER), offline by default. */
export interface AssistantDeps {
  /** a chat model for answers and drafts, in place of the configured provider */
  model?: BaseChatModel;
  /** the canary the system prompt carries (random per process otherwise) */
  canary?: string;
}

export interface ApiDeps {
  config: CredenceConfig;
  orm: Orm;
  loans: LoanClient;
  /** loaded once per process (apps/shared/models/load-models.ts) */
  models: ModelRegistry;
  logger?: Logger;
  /** the recovery inbox; without one, provider callbacks are verified and then refused with 503 (providers retry) */
  contactEvents?: ContactEvents;
  /** contact standing, disputes, dead letters and unsubscribes; without it those endpoints answer 503 */
  recoveryContacts?: RecoveryContacts;
  /** the call assist's clock (CALL_CLOCK); Date.now when absent */
  callClock?: () => number;
  assistant?: AssistantDeps;
}
