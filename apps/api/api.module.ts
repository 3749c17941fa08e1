// The API's composition: controllers, their use cases and what createApi hands in. The problem
// filter, the validation pipe and the access guard are providers (APP_FILTER, APP_PIPE,
// APP_GUARD), so they apply to every route, to middleware errors and to the router's 404 alike;
// the early access check and the body reader are Nest middleware for the same reason.
import { type DynamicModule, type MiddlewareConsumer, Module, type NestModule, type Type } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_PIPE } from '@nestjs/core';
import type { CredenceConfig } from '../shared/config.js';
import { LoanClient } from '../shared/temporal/loan-client.js';
import { UnappliedCashClient } from '../shared/temporal/unapplied-cash-client.js';
import { DeadLetterReplayClient } from '../shared/temporal/dead-letter-replay-client.js';
import { createLogger } from '../shared/logger.js';
import { AgenciesController } from './agencies/agencies.controller.js';
import { AgencyPerformanceUseCase } from './agencies/agency-performance.usecase.js';
import { AnswerPlacementUseCase } from './agencies/answer-placement.usecase.js';
import { PlaceCasesUseCase } from './agencies/place-cases.usecase.js';
import { ReadPlacementsUseCase } from './agencies/read-placements.usecase.js';
import { RecallCasesUseCase } from './agencies/recall-cases.usecase.js';
import { ApiKeysController } from './api-keys/api-keys.controller.js';
import { ApplyApproval } from './approvals/apply-approval.js';
import { RequotePlan } from './arrangements/requote-plan.js';
import { ApprovalsController } from './approvals/approvals.controller.js';
import { DecideApprovalUseCase } from './approvals/decide-approval.usecase.js';
import { GetApprovalUseCase } from './approvals/get-approval.usecase.js';
import { ListApprovalsUseCase } from './approvals/list-approvals.usecase.js';
import { ArrangementsController } from './arrangements/arrangements.controller.js';
import { ListArrangementsUseCase } from './arrangements/list-arrangements.usecase.js';
import { ProposeArrangementUseCase } from './arrangements/propose-arrangement.usecase.js';
import { ProposePlanFromReplyUseCase } from './arrangements/plan-from-reply.usecase.js';
import { ProposeWriteOffUseCase } from './arrangements/propose-write-off.usecase.js';
import { RequestPolicyActivationUseCase } from './policies/request-policy-activation.usecase.js';
import { CreateApiKeyUseCase } from './api-keys/create-api-key.usecase.js';
import { ListApiKeysUseCase } from './api-keys/list-api-keys.usecase.js';
import { RevokeApiKeyUseCase } from './api-keys/revoke-api-key.usecase.js';
import { ApplicationsController } from './applications/applications.controller.js';
import { AccessGuard } from './auth/access.guard.js';
import { ApiKeyVerifier } from './auth/api-key-verifier.js';
import { AuthenticateMiddleware } from './auth/authenticate.middleware.js';
import { Authenticator } from './auth/authenticator.js';
import { RouteAccess } from './auth/route-access.js';
import { AuditController } from './audit/audit.controller.js';
import { AnalyticsController } from './analytics/analytics.controller.js';
import { DelinquencyAnalyticsUseCase } from './analytics/delinquency-analytics.usecase.js';
import { OriginationAnalyticsUseCase } from './analytics/origination-analytics.usecase.js';
import { RecoveryAnalyticsUseCase } from './analytics/recovery-analytics.usecase.js';
import { RiskWatchlistUseCase } from './analytics/risk-watchlist.usecase.js';
import { ComplianceListsController } from './compliance/compliance-lists.controller.js';
import { ComplianceReportController } from './compliance/compliance-report.controller.js';
import { DevSignInController } from './session/dev-sign-in.controller.js';
import { DevSignInUseCase } from './session/dev-sign-in.usecase.js';
import { WebAppModule } from './web/web-app.module.js';
import { ExportComplianceReportUseCase } from './compliance/export-compliance-report.usecase.js';
import { ListDisputesUseCase } from './compliance/list-disputes.usecase.js';
import { ListOptOutsUseCase } from './compliance/list-opt-outs.usecase.js';
import { AuditTrail } from './audit/audit-trail.js';
import { SearchAuditUseCase } from './audit/search-audit.usecase.js';
import { VerifyAuditChainUseCase } from './audit/verify-audit-chain.usecase.js';
import { SubmitApplicationUseCase } from './applications/submit-application.usecase.js';
import { Database } from './database.js';
import { CheckHealthUseCase } from './health/check-health.usecase.js';
import { HealthController } from './health/health.controller.js';
import { MetricsController } from './health/metrics.controller.js';
import { PipelineMetrics } from './health/pipeline-metrics.js';
import { JsonBodyMiddleware } from './http/json-body.middleware.js';
import { ProblemFilter } from './http/problem.filter.js';
import { createValidationPipe } from './http/validation.js';
import { AcceptOfferUseCase } from './loans/accept-offer.usecase.js';
import { ConsentToLimitIncreaseUseCase } from './loans/consent-limit-increase.usecase.js';
import { DeclineOfferUseCase } from './loans/decline-offer.usecase.js';
import { GetLoanUseCase } from './loans/get-loan.usecase.js';
import { GetPayoffQuoteUseCase } from './loans/get-payoff-quote.usecase.js';
import { ApplyArrangementUseCase } from './loans/apply-arrangement.usecase.js';
import { GetArrangementBasisUseCase } from './loans/get-arrangement-basis.usecase.js';
import { WriteOffLoanUseCase } from './loans/write-off.usecase.js';
import { ListLoansUseCase } from './loans/list-loans.usecase.js';
import { LoanCommandsController } from './loans/loan-commands.controller.js';
import { LoansController } from './loans/loans.controller.js';
import { RecordPaymentUseCase } from './loans/record-payment.usecase.js';
import { ReviewLoanUseCase } from './loans/review-loan.usecase.js';
import { WithdrawLoanUseCase } from './loans/withdraw-loan.usecase.js';
import { BorrowerLoans } from './borrower-pages/borrower-loan.js';
import { DisputeFromNoticeUseCase } from './borrower-pages/dispute-from-notice.usecase.js';
import { GetPayPageUseCase } from './borrower-pages/get-pay-page.usecase.js';
import { GetValidationNoticeUseCase } from './borrower-pages/get-validation-notice.usecase.js';
import { PayPageController } from './borrower-pages/pay-page.controller.js';
import { ValidationNoticeController } from './borrower-pages/validation-notice.controller.js';
import { ModelMonitoringUseCase } from './models/model-monitoring.usecase.js';
import { ModelsController } from './models/models.controller.js';
import { ActivatePolicyVersionUseCase } from './policies/activate-policy-version.usecase.js';
import { CreatePolicyDraftUseCase } from './policies/create-policy-draft.usecase.js';
import { DryRunPolicyVersionUseCase } from './policies/dry-run-policy-version.usecase.js';
import { GetActivePolicyUseCase } from './policies/get-active-policy.usecase.js';
import { GetPolicyVersionUseCase } from './policies/get-policy-version.usecase.js';
import { ListPolicyVersionsUseCase } from './policies/list-policy-versions.usecase.js';
import { PolicyContextSource } from './policies/policy-context.source.js';
import { RecoveryPoliciesController } from './policies/recovery-policies.controller.js';
import { ValidatePolicyVersionUseCase } from './policies/validate-policy-version.usecase.js';
import { GetPortfolioImportUseCase } from './portfolio/get-portfolio-import.usecase.js';
import { ImportPortfolioUseCase } from './portfolio/import-portfolio.usecase.js';
import { PortfolioImportsController } from './portfolio/portfolio-imports.controller.js';
import { RecoveryExperimentsController } from './policies/experiments/experiments.controller.js';
import { GetExperimentUseCase } from './policies/experiments/get-experiment.usecase.js';
import { ListExperimentsUseCase } from './policies/experiments/list-experiments.usecase.js';
import { PromoteExperimentUseCase } from './policies/experiments/promote-experiment.usecase.js';
import { StartExperimentUseCase } from './policies/experiments/start-experiment.usecase.js';
import { StopExperimentUseCase } from './policies/experiments/stop-experiment.usecase.js';
import { AskAssistantUseCase } from './assistant/ask-assistant.usecase.js';
import { AssistantController } from './assistant/assistant.controller.js';
import { AssistantRuntime } from './assistant/assistant-runtime.js';
import { DraftMessageUseCase } from './assistant/draft-message.usecase.js';
import { DraftsController } from './assistant/drafts.controller.js';
import { McpController } from './mcp/mcp.controller.js';
import { McpTools } from './mcp/mcp-tools.js';
import { ScoreController } from './scoring/score.controller.js';
import { ScoreRecordsUseCase } from './scoring/score-records.usecase.js';
import { ASSISTANT_OPTIONS, CALL_CLOCK, CONFIG, CONTACT_EVENTS, LOGGER, MODELS, ORM, RECOVERY_CONTACTS, type ApiDeps } from './tokens.js';
import { CallAssistGateway } from './calls/call-assist.gateway.js';
import { CallContextLoader } from './calls/call-context.loader.js';
import { ApplyUnappliedCashUseCase } from './unapplied-cash/apply-unapplied-cash.usecase.js';
import { GetUnappliedCashUseCase } from './unapplied-cash/get-unapplied-cash.usecase.js';
import { ListUnappliedCashUseCase } from './unapplied-cash/list-unapplied-cash.usecase.js';
import { RefundUnappliedCashUseCase } from './unapplied-cash/refund-unapplied-cash.usecase.js';
import { UnappliedCashActions } from './unapplied-cash/unapplied-cash-actions.js';
import { UnappliedCashController } from './unapplied-cash/unapplied-cash.controller.js';
import { GatewayWebhookController } from './webhooks/gateway-webhook.controller.js';
import { RecoveryClient } from '../shared/temporal/recovery-client.js';
import { EpisodeSignals } from '../shared/temporal/episode-signals.js';
import type { Orm } from '../../db/orm.js';
import type { Logger } from '../shared/logger.js';
import { GetRecoveryCaseUseCase } from './recovery/get-recovery-case.usecase.js';
import { ListRecoveryCasesUseCase } from './recovery/list-recovery-cases.usecase.js';
import { MakePromiseUseCase } from './recovery/make-promise.usecase.js';
import { PromisesController } from './recovery/promises.controller.js';
import { RecoveryCasesController } from './recovery/recovery-cases.controller.js';
import { RecoveryStatsUseCase } from './recovery/recovery-stats.usecase.js';
import { RecordWorkItemOutcomeUseCase } from './recovery/record-work-item-outcome.usecase.js';
import { WorkItemActionUseCase } from './recovery/work-item-actions.usecase.js';
import { SaveAssigneeUseCase } from './recovery/save-assignee.usecase.js';
import { WorkItemsController } from './recovery/work-items.controller.js';
import { DeskController } from './recovery/desk.controller.js';
import { ContactRecords } from './recovery/contact-records.js';
import { ContactStandingController, DisputesController } from './recovery/contact-standing.controller.js';
import { OriginalCreditorController } from './recovery/original-creditor.controller.js';
import { OriginalCreditorUseCase } from './recovery/original-creditor.usecase.js';
import { DeadLettersController } from './recovery/dead-letters.controller.js';
import { GetContactStandingUseCase } from './recovery/get-contact-standing.usecase.js';
import { GetDeadLetterUseCase } from './recovery/get-dead-letter.usecase.js';
import { ListDeadLettersUseCase } from './recovery/list-dead-letters.usecase.js';
import { ReplayDeadLetterUseCase } from './recovery/replay-dead-letter.usecase.js';
import { SetStandingFlagUseCase } from './recovery/set-standing-flag.usecase.js';
import { UnsubscribeController } from './recovery/unsubscribe.controller.js';
import { UnsubscribeUseCase } from './recovery/unsubscribe.usecase.js';
import { VerifyDisputeUseCase } from './recovery/verify-dispute.usecase.js';
import { ContactEventsNotWired } from './webhooks/contact-events-not-wired.js';
import { HandleGatewayWebhookUseCase } from './webhooks/handle-gateway-webhook.usecase.js';
import { HandleSendGridEventsUseCase } from './webhooks/handle-sendgrid-events.usecase.js';
import { HandleLobEventUseCase } from './webhooks/handle-lob-event.usecase.js';
import { LobWebhookController } from './webhooks/lob-webhook.controller.js';
import { HandleTwilioCallbackUseCase } from './webhooks/handle-twilio-callback.usecase.js';
import { SendGridWebhookController } from './webhooks/sendgrid-webhook.controller.js';
import { TwilioWebhookController } from './webhooks/twilio-webhook.controller.js';

const USE_CASES = [
  SubmitApplicationUseCase,
  GetLoanUseCase,
  ListLoansUseCase,
  AcceptOfferUseCase,
  DeclineOfferUseCase,
  WithdrawLoanUseCase,
  ReviewLoanUseCase,
  RecordPaymentUseCase,
  ConsentToLimitIncreaseUseCase,
  GetPayoffQuoteUseCase,
  ApplyArrangementUseCase,
  GetArrangementBasisUseCase,
  WriteOffLoanUseCase,
  HandleGatewayWebhookUseCase,
  HandleTwilioCallbackUseCase,
  HandleSendGridEventsUseCase,
  HandleLobEventUseCase,
  CheckHealthUseCase,
  ScoreRecordsUseCase,
  ModelMonitoringUseCase,
  PipelineMetrics,
  DevSignInUseCase,
  ListUnappliedCashUseCase,
  GetUnappliedCashUseCase,
  ApplyUnappliedCashUseCase,
  RefundUnappliedCashUseCase,
  UnappliedCashActions,
  MakePromiseUseCase,
  ListRecoveryCasesUseCase,
  GetRecoveryCaseUseCase,
  RecoveryStatsUseCase,
  WorkItemActionUseCase,
  SaveAssigneeUseCase,
  RecordWorkItemOutcomeUseCase,
  ListDeadLettersUseCase,
  GetDeadLetterUseCase,
  ReplayDeadLetterUseCase,
  GetContactStandingUseCase,
  SetStandingFlagUseCase,
  VerifyDisputeUseCase,
  OriginalCreditorUseCase,
  UnsubscribeUseCase,
  BorrowerLoans,
  GetValidationNoticeUseCase,
  DisputeFromNoticeUseCase,
  GetPayPageUseCase,
  CreatePolicyDraftUseCase,
  ListPolicyVersionsUseCase,
  GetPolicyVersionUseCase,
  GetActivePolicyUseCase,
  ValidatePolicyVersionUseCase,
  ActivatePolicyVersionUseCase,
  RequestPolicyActivationUseCase,
  DryRunPolicyVersionUseCase,
  PolicyContextSource,
  ImportPortfolioUseCase,
  GetPortfolioImportUseCase,
  StartExperimentUseCase,
  ListExperimentsUseCase,
  GetExperimentUseCase,
  PromoteExperimentUseCase,
  StopExperimentUseCase,
  CreateApiKeyUseCase,
  ListApiKeysUseCase,
  RevokeApiKeyUseCase,
  SearchAuditUseCase,
  VerifyAuditChainUseCase,
  ExportComplianceReportUseCase,
  ListOptOutsUseCase,
  ListDisputesUseCase,
  PlaceCasesUseCase,
  AnswerPlacementUseCase,
  RecallCasesUseCase,
  ReadPlacementsUseCase,
  AgencyPerformanceUseCase,
  ApplyApproval,
  RequotePlan,
  DecideApprovalUseCase,
  ListApprovalsUseCase,
  GetApprovalUseCase,
  ProposeArrangementUseCase,
  ProposePlanFromReplyUseCase,
  ProposeWriteOffUseCase,
  ListArrangementsUseCase,
  OriginationAnalyticsUseCase,
  DelinquencyAnalyticsUseCase,
  RecoveryAnalyticsUseCase,
  RiskWatchlistUseCase,
  AskAssistantUseCase,
  DraftMessageUseCase,
  AssistantRuntime,
  McpTools,
];

/** Every controller, in registration order (Express matches routes in this order). */
export const CONTROLLERS: Type[] = [
  ApplicationsController,
  LoansController,
  LoanCommandsController,
  ArrangementsController,
  GatewayWebhookController,
  TwilioWebhookController,
  SendGridWebhookController,
  LobWebhookController,
  UnappliedCashController,
  HealthController,
  MetricsController,
  ScoreController,
  ModelsController,
  PromisesController,
  RecoveryCasesController,
  WorkItemsController,
  AgenciesController,
  DeskController,
  DeadLettersController,
  ContactStandingController,
  DisputesController,
  OriginalCreditorController,
  UnsubscribeController,
  ValidationNoticeController,
  PayPageController,
  RecoveryExperimentsController,
  RecoveryPoliciesController,
  PortfolioImportsController,
  ApiKeysController,
  AuditController,
  ComplianceReportController,
  ComplianceListsController,
  AnalyticsController,
  DevSignInController,
  ApprovalsController,
  AssistantController,
  DraftsController,
  McpController,
];

@Module({})
export class ApiModule implements NestModule {
  static register(deps: ApiDeps): DynamicModule {
    return {
      module: ApiModule,
      // The web app's files at / (apps/web, built into dist/web); after the controllers, so every API route comes first.
      imports: [WebAppModule.register()],
      controllers: CONTROLLERS,
      providers: [
        { provide: CONFIG, useValue: deps.config },
        { provide: ORM, useValue: deps.orm },
        { provide: MODELS, useValue: deps.models },
        { provide: CONTACT_EVENTS, useValue: deps.contactEvents ?? new ContactEventsNotWired() },
        { provide: RECOVERY_CONTACTS, useValue: deps.recoveryContacts ?? null },
        { provide: CALL_CLOCK, useValue: deps.callClock ?? Date.now },
        { provide: ASSISTANT_OPTIONS, useValue: deps.assistant ?? {} },
        { provide: LoanClient, useValue: deps.loans },
        // Unapplied-cash workflows run on the loans' task queue, through the same Temporal client.
        { provide: UnappliedCashClient, useFactory: (loans: LoanClient, config: CredenceConfig) => new UnappliedCashClient(loans.client, config.temporal.taskQueue), inject: [LoanClient, CONFIG] },
        // Recovery episodes run on the loans' task queue, through the same Temporal client.
        { provide: RecoveryClient, useFactory: (loans: LoanClient) => new RecoveryClient(loans.client), inject: [LoanClient] },
        // Collectors' work reaches the episodes through the signal outbox: sent at once, the rest by the worker's relay.
        { provide: EpisodeSignals, useFactory: (loans: LoanClient, orm: Orm, log: Logger) => new EpisodeSignals({ orm, client: loans.client, log }), inject: [LoanClient, ORM, LOGGER] },
        // Dead letters are replayed on the worker that runs the episodes' sends (the loans' task queue).
        { provide: DeadLetterReplayClient, useFactory: (loans: LoanClient, config: CredenceConfig) => new DeadLetterReplayClient(loans.client, config.temporal.taskQueue), inject: [LoanClient, CONFIG] },
        { provide: LOGGER, useValue: deps.logger ?? createLogger('api') },
        { provide: APP_FILTER, useClass: ProblemFilter },
        { provide: APP_PIPE, useFactory: createValidationPipe },
        // Every route's declared access, checked on every request (auth/access.decorator.ts).
        { provide: APP_GUARD, useClass: AccessGuard },
        RouteAccess,
        Authenticator,
        ApiKeyVerifier,
        Database,
        ContactRecords,
        AuditTrail,
        // The live-call assist's WebSocket (createApi attaches it to the HTTP server).
        CallContextLoader,
        CallAssistGateway,
        ...USE_CASES,
      ],
    };
  }

  configure(consumer: MiddlewareConsumer): void {
    // Who may call a route is settled before its body is read.
    consumer.apply(AuthenticateMiddleware, JsonBodyMiddleware).forRoutes('*path');
  }
}
