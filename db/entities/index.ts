import { AgencyPlacement, AgencyPlacementCase } from './agency-placement.entity.js';
import { ApiKey } from './api-key.entity.js';
import { Approval } from './approval.entity.js';
import { ApplicationIdentifier } from './application-identifier.entity.js';
import { AuditChainHead, AuditRecord } from './audit-record.entity.js';
import { CapitalPool } from './capital-pool.entity.js';
import { ContactDeadLetter } from './contact-dead-letter.entity.js';
import { ContactDeliveryEvent } from './contact-delivery-event.entity.js';
import { ContactDelivery } from './contact-delivery.entity.js';
import { ContactInbound } from './contact-inbound.entity.js';
import { ContactProfile } from './contact-profile.entity.js';
import { ContactStandingChange } from './contact-standing-change.entity.js';
import { EpisodeSignal } from './episode-signal.entity.js';
import { FundingReservation } from './funding-reservation.entity.js';
import { IdempotencyKey } from './idempotency-key.entity.js';
import { LedgerEntry } from './ledger-entry.entity.js';
import { LoanEvent } from './loan-event.entity.js';
import { LoanView } from './loan.entity.js';
import { ModelScore } from './model-score.entity.js';
import { OriginalCreditor } from './original-creditor.entity.js';
import { PaymentRecord } from './payment.entity.js';
import { RagChunk, RagDocument } from './rag-chunk.entity.js';
import { AssistantConversation, AssistantTurn } from './assistant-conversation.entity.js';
import { PortfolioImport } from './portfolio-import.entity.js';
import { ProviderWebhookEvent } from './provider-webhook-event.entity.js';
import { RecoveryAction } from './recovery-action.entity.js';
import { RecoveryAssignee, RecoveryCase, RecoveryCaseEvent } from './recovery-case.entity.js';
import { RecoveryEpisode } from './recovery-episode.entity.js';
import { RecoveryExperiment } from './recovery-experiment.entity.js';
import { RecoveryPolicyActivation } from './recovery-policy-activation.entity.js';
import { RecoveryPolicyVersion } from './recovery-policy-version.entity.js';
import { RecoveryTemplate } from './recovery-template.entity.js';
import { UnappliedCash } from './unapplied-cash.entity.js';

export const ENTITIES = [LoanView, LoanEvent, IdempotencyKey, ApplicationIdentifier, LedgerEntry, CapitalPool, FundingReservation, PaymentRecord, ModelScore, UnappliedCash, RecoveryEpisode, RecoveryAction,
  RecoveryCase, RecoveryAssignee, RecoveryCaseEvent, ContactProfile, ContactStandingChange, ContactDelivery, ContactDeliveryEvent, ContactInbound, ContactDeadLetter, RecoveryTemplate, ProviderWebhookEvent, RecoveryPolicyVersion, RecoveryPolicyActivation, PortfolioImport, RecoveryExperiment, OriginalCreditor, EpisodeSignal, ApiKey,
  AuditRecord, AuditChainHead, AgencyPlacement, AgencyPlacementCase, RagDocument, RagChunk, Approval, AssistantConversation, AssistantTurn];
