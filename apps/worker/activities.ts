// Builds every activity with its adapters from configuration. The only place that decides which
// provider client stands behind each capability.
import type { MikroORM } from '@mikro-orm/postgresql';
import { Context } from '@temporalio/activity';
import { AggregatorClient, createBankDataActivities } from '../../activities/bank-data/index.js';
import { BureauClient, createBureauActivities, createBureauBreaker } from '../../activities/bureau/index.js';
import { createDisbursementActivities } from '../../activities/disbursement/disbursement.activities.js';
import { createFraudActivities } from '../../activities/fraud/fraud.activities.js';
import { IdentifierHasher } from '../../activities/fraud/identifier-hasher.js';
import { createFundingActivities } from '../../activities/funding/funding.activities.js';
import { createKycActivities } from '../../activities/kyc/index.js';
import { createLedgerActivities } from '../../activities/ledger/ledger.activities.js';
import { PaymentGatewayClient } from '../../activities/payments/gateway-client.js';
import { createPaymentActivities } from '../../activities/payments/payment.activities.js';
import { createProjectionActivities } from '../../activities/projections/projection.activities.js';
import { createScoringActivities } from '../../activities/scoring/index.js';
import { createUnappliedCashActivities } from '../../activities/unapplied-cash/unapplied-cash.activities.js';
import { createRecoveryCaseActivities } from '../../activities/recovery/case.activities.js';
import { createRecoveryEpisodeActivities, type RecoveryPolicySource } from '../../activities/recovery/episode.activities.js';
import { createRecoveryEpisodeStartActivities } from '../../activities/recovery/episode-start.activities.js';
import { createRecoveryExperimentActivities } from '../../activities/recovery/experiment.activities.js';
import { createRecoveryNoticeActivities } from '../../activities/recovery/notice.activities.js';
import { createRecoveryContactActivities } from '../../activities/recovery-contact/recovery-contact.activities.js';
import { createDraftingActivities } from '../../activities/assistant/draft-contact.activities.js';
import { chatModelFor, llmConfigFrom } from '../../adapters/llm/chat-model.js';
import { providersByChannel } from '../../adapters/channels/create-contact-channels.js';
import { RecoveryPolicyRepository } from '../../db/repositories/recovery-policy.repository.js';
import { FieldCipher } from '../shared/crypto/field-cipher.js';
import type { Keyring } from '../shared/temporal/keyring.js';
import type { ModelRegistry } from '../../models/registry/index.js';
import type { CredenceConfig } from '../shared/config.js';
import { LoanClient } from '../shared/temporal/loan-client.js';
import { LoanPaymentsClient } from '../shared/temporal/loan-payments.js';
import { EpisodeSignals } from '../shared/temporal/episode-signals.js';
import { createLogger } from '../shared/logger.js';

export interface ActivityDeps {
  config: CredenceConfig;
  orm: MikroORM;
  identifierKey: Buffer;
  /** seals contact details at rest (the payload keys) */
  keyring: Keyring;
  /** loaded once per process (apps/shared/models/load-models.ts) */
  models: ModelRegistry;
}

/** Activities on the loans task queue. */
export function createLoanActivities({ config, orm, identifierKey, keyring, models }: ActivityDeps) {
  const gateway = new PaymentGatewayClient({ baseUrl: config.gateway.url, secretKey: config.gateway.secretKey, timeoutMs: config.gateway.timeoutMs });
  // The worker's own client (its connection, namespace and payload codec) reaches the loans.
  const signalLog = createLogger('episode-signals');
  const loanPayments = () => new LoanPaymentsClient(new LoanClient(Context.current().client, { taskQueue: config.temporal.taskQueue, bureauTaskQueue: config.temporal.bureauTaskQueue }));
  return {
    ...createKycActivities(),
    ...createBankDataActivities({ client: new AggregatorClient({ baseUrl: config.aggregator.url, apiKey: config.aggregator.apiKey, timeoutMs: config.aggregator.timeoutMs }) }),
    ...createFraudActivities({ orm, hasher: new IdentifierHasher(identifierKey), models }),
    ...createScoringActivities({ models }),
    ...createPaymentActivities({ gateway }),
    ...createFundingActivities({ orm }),
    ...createDisbursementActivities({ orm }),
    ...createLedgerActivities({ orm }),
    ...createProjectionActivities({ orm }),
    ...createUnappliedCashActivities({ orm, gateway, loanPayments }),
    ...createRecoveryEpisodeActivities({ orm, policies: policySource(orm) }),
    ...createRecoveryEpisodeStartActivities(),
    ...createRecoveryCaseActivities({ orm, signals: () => new EpisodeSignals({ orm, client: Context.current().client, log: signalLog }) }),
    ...createRecoveryExperimentActivities({ orm, policies: policySource(orm) }),
    ...createRecoveryNoticeActivities({ orm, cipher: new FieldCipher(keyring), hasher: new IdentifierHasher(identifierKey), lender: { name: config.recovery.lenderName, address: config.recovery.lenderAddress } }),
    // Built once per worker: each provider's circuit breaker lives in it.
    ...createRecoveryContactActivities({
      orm,
      channels: providersByChannel(config),
      cipher: new FieldCipher(keyring),
      hasher: new IdentifierHasher(identifierKey),
      config: { publicBaseUrl: config.twilio.publicWebhookBase, ...config.recovery },
    }),
    // Send steps with `draft: true`: the configured chat model (RAG_LLM_PROVIDER), made once on first use, or the phrase banks.
    ...createDraftingActivities({ orm, cipher: new FieldCipher(keyring), hasher: new IdentifierHasher(identifierKey), identity: config.recovery, publicBaseUrl: config.twilio.publicWebhookBase, model: once(() => chatModelFor(llmConfigFrom())) }),
  };
}

function once<T>(make: () => Promise<T>): () => Promise<T> {
  let made: Promise<T> | undefined;
  return () => (made ??= make());
}

/** The policy store as recovery reads it: the active version, and any version an episode is following. */
function policySource(orm: MikroORM): RecoveryPolicySource {
  const repo = () => new RecoveryPolicyRepository(orm.em.fork());
  return {
    active: () => repo().activePolicy(),
    version: async (version) => (await repo().policyVersion(version))?.document ?? null,
  };
}

/** Activities on the bureau's own, rate-limited task queue. One breaker per worker process. */
export function createBureauQueueActivities({ config }: Pick<ActivityDeps, 'config'>) {
  return createBureauActivities({
    client: new BureauClient({ baseUrl: config.bureau.url, apiKey: config.bureau.apiKey, timeoutMs: config.bureau.timeoutMs }),
    breaker: createBureauBreaker(),
  });
}
