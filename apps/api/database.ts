// The API's way into Postgres: repositories over a fresh fork of the EntityManager for each
// use, never the global one (allowGlobalContext is off), so no identity map outlives a request.
// Nest's MikroOrmModule is not used: the process opens the ORM itself (main.ts, the testkit) and
// the repositories speak SQL through `execute`, so a request-context middleware would add a
// second way of scoping for nothing.
import { Inject, Injectable, Optional } from '@nestjs/common';
import type { Orm } from '../../db/orm.js';
import { AgencyPerformanceRepository } from '../../db/repositories/agency-performance.repository.js';
import { AgencyPlacementRepository } from '../../db/repositories/agency-placement.repository.js';
import { ApiKeyRepository } from '../../db/repositories/api-key.repository.js';
import { ApprovalRepository } from '../../db/repositories/approval.repository.js';
import { AuditLogRepository } from '../../db/repositories/audit-log.repository.js';
import { PortfolioAnalyticsRepository } from '../../db/repositories/portfolio-analytics.repository.js';
import { RecoveryAnalyticsRepository } from '../../db/repositories/recovery-analytics.repository.js';
import { RiskWatchlistRepository } from '../../db/repositories/risk-watchlist.repository.js';
import { ComplianceListsRepository } from '../../db/repositories/compliance-lists.repository.js';
import { ComplianceReportRepository } from '../../db/repositories/compliance-report.repository.js';
import { IdempotencyKeyRepository } from '../../db/repositories/idempotency-key.repository.js';
import { DelinquentPortfolioRepository } from '../../db/repositories/delinquent-portfolio.repository.js';
import { LoanReadRepository } from '../../db/repositories/loan-read.repository.js';
import { RecoveryCaseRepository } from '../../db/repositories/recovery-case.repository.js';
import { RecoveryEpisodeRepository } from '../../db/repositories/recovery-episode.repository.js';
import { RecoveryExperimentRepository } from '../../db/repositories/recovery-experiment.repository.js';
import { ProviderWebhookEventRepository } from '../../db/repositories/provider-webhook-event.repository.js';
import { RecoveryPolicyRepository } from '../../db/repositories/recovery-policy.repository.js';
import { PortfolioImportRepository } from '../../db/repositories/portfolio-import.repository.js';
import { UnappliedCashRepository } from '../../db/repositories/unapplied-cash.repository.js';
import type { RecoveryContacts } from '../shared/recovery-inbox-factory.js';
import { ORM, RECOVERY_CONTACTS } from './tokens.js';

@Injectable()
export class Database {
  constructor(
    @Inject(ORM) private readonly orm: Orm,
    /** the field cipher, for what repositories seal (proposals' notes); none without contact keys */
    @Optional() @Inject(RECOVERY_CONTACTS) private readonly contacts: RecoveryContacts | null = null,
  ) {}

  apiKeys(): ApiKeyRepository {
    return new ApiKeyRepository(this.orm.em.fork());
  }

  approvals(): ApprovalRepository {
    return new ApprovalRepository(this.orm.em.fork(), this.contacts?.cipher ?? null);
  }

  loans(): LoanReadRepository {
    return new LoanReadRepository(this.orm.em.fork());
  }

  idempotencyKeys(): IdempotencyKeyRepository {
    return new IdempotencyKeyRepository(this.orm.em.fork());
  }

  portfolioImports(): PortfolioImportRepository {
    return new PortfolioImportRepository(this.orm.em.fork());
  }

  unappliedCash(): UnappliedCashRepository {
    return new UnappliedCashRepository(this.orm.em.fork());
  }

  recoveryEpisodes(): RecoveryEpisodeRepository {
    return new RecoveryEpisodeRepository(this.orm.em.fork());
  }

  recoveryCases(): RecoveryCaseRepository {
    return new RecoveryCaseRepository(this.orm.em.fork());
  }

  agencyPlacements(): AgencyPlacementRepository {
    return new AgencyPlacementRepository(this.orm.em.fork());
  }

  agencyPerformance(): AgencyPerformanceRepository {
    return new AgencyPerformanceRepository(this.orm.em.fork());
  }

  providerWebhookEvents(): ProviderWebhookEventRepository {
    return new ProviderWebhookEventRepository(this.orm.em.fork());
  }

  recoveryPolicies(): RecoveryPolicyRepository {
    return new RecoveryPolicyRepository(this.orm.em.fork());
  }

  recoveryExperiments(): RecoveryExperimentRepository {
    return new RecoveryExperimentRepository(this.orm.em.fork());
  }

  delinquentPortfolio(): DelinquentPortfolioRepository {
    return new DelinquentPortfolioRepository(this.orm.em.fork());
  }

  complianceReport(): ComplianceReportRepository {
    return new ComplianceReportRepository(this.orm.em.fork());
  }

  complianceLists(): ComplianceListsRepository {
    return new ComplianceListsRepository(this.orm.em.fork());
  }

  portfolioAnalytics(): PortfolioAnalyticsRepository {
    return new PortfolioAnalyticsRepository(this.orm.em.fork());
  }

  recoveryAnalytics(): RecoveryAnalyticsRepository {
    return new RecoveryAnalyticsRepository(this.orm.em.fork());
  }

  riskWatchlist(): RiskWatchlistRepository {
    return new RiskWatchlistRepository(this.orm.em.fork());
  }

  auditLog(): AuditLogRepository {
    return new AuditLogRepository(this.orm.em.fork());
  }

  async ping(): Promise<void> {
    await this.orm.em.fork().execute('select 1');
  }
}
