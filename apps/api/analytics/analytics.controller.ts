// The ops command centre's read models: aggregates in PostgreSQL over the loans projection, its
// event log, the recovery read models and the models' scores, never a scan of the workflows.
// Figures only, no personal data: no audited read.
import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Requires } from '../auth/access.decorator.js';
import { ApiProblems, ApiUnexpectedProblem } from '../http/api-problems.decorator.js';
import { analyticsFilter } from './analytics-period.js';
import { AnalyticsQueryDto, MAX_PERIOD_DAYS, WatchlistQueryDto } from './analytics-query.dto.js';
import { DELINQUENCY_ANALYTICS_SCHEMA, ORIGINATION_ANALYTICS_SCHEMA, RECOVERY_ANALYTICS_SCHEMA, RISK_WATCHLIST_SCHEMA } from './analytics-responses.js';
import { DelinquencyAnalyticsUseCase, type DelinquencyAnalytics } from './delinquency-analytics.usecase.js';
import { OriginationAnalyticsUseCase, type OriginationAnalytics } from './origination-analytics.usecase.js';
import { RecoveryAnalyticsUseCase, type RecoveryAnalytics } from './recovery-analytics.usecase.js';
import { RiskWatchlistUseCase, type RiskWatchlist } from './risk-watchlist.usecase.js';

const BAD_FILTER = [400, `Invalid product, region, from or to; to before from, or more than ${MAX_PERIOD_DAYS} days from it`] as [number, string];

@ApiTags('analytics')
@ApiUnexpectedProblem()
@Requires('analytics:read')
@Controller('v1/analytics')
export class AnalyticsController {
  constructor(
    private readonly origination: OriginationAnalyticsUseCase,
    private readonly delinquency: DelinquencyAnalyticsUseCase,
    private readonly recovery: RecoveryAnalyticsUseCase,
    private readonly watchlist: RiskWatchlistUseCase,
  ) {}

  @Get('origination')
  @ApiOperation({ summary: 'Applications, approval rate and decision latency per day (and today); disbursed and outstanding by product and currency' })
  @ApiOkResponse({ schema: ORIGINATION_ANALYTICS_SCHEMA })
  @ApiProblems(BAD_FILTER)
  originationOf(@Query() query: AnalyticsQueryDto): Promise<OriginationAnalytics> {
    const now = new Date();
    return this.origination.execute(analyticsFilter(query, now), now);
  }

  @Get('delinquency')
  @ApiOperation({ summary: 'Vintage (disbursement month) by bucket, roll rates between buckets month over month, cure rate' })
  @ApiOkResponse({ schema: DELINQUENCY_ANALYTICS_SCHEMA })
  @ApiProblems(BAD_FILTER)
  delinquencyOf(@Query() query: AnalyticsQueryDto): Promise<DelinquencyAnalytics> {
    const now = new Date();
    return this.delinquency.execute(analyticsFilter(query, now), now);
  }

  @Get('recovery')
  @ApiOperation({ summary: 'Cash recovered and recovery rate, cures, promises kept; contacts made and blocked by rule, SLA breaches per day' })
  @ApiOkResponse({ schema: RECOVERY_ANALYTICS_SCHEMA })
  @ApiProblems(BAD_FILTER)
  recoveryOf(@Query() query: AnalyticsQueryDto): Promise<RecoveryAnalytics> {
    return this.recovery.execute(analyticsFilter(query, new Date()));
  }

  @Get('watchlist')
  @ApiOperation({
    summary: 'Early warning: current loans most likely to roll into arrears, with the action; the riskiest delinquent loans by expected loss',
    description: "From the models' latest champion scores of each loan (model_scores). Early warning: the delinquency-roll probability. Expected loss = PD x LGD x exposure: PD is 1 - the propensity to pay (or the roll probability when the loan has none), exposure what the loan owes now, LGD one minus the recovery rate of ended recovery episodes of the same product and currency (1 when there are none).",
  })
  @ApiOkResponse({ schema: RISK_WATCHLIST_SCHEMA })
  @ApiProblems([400, 'Invalid product, region or limit'])
  watchlistOf(@Query() query: WatchlistQueryDto): Promise<RiskWatchlist> {
    const filter = { ...(query.product !== undefined ? { product: query.product } : {}), ...(query.region !== undefined ? { region: query.region } : {}) };
    return this.watchlist.execute(filter, query.limit ?? 20);
  }
}
