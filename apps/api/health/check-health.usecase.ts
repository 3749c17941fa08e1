// Readiness: can this API reach what it needs to serve a loan? Temporal, Postgres and the three
// providers are probed in parallel, each with a short bound, so a hung dependency shows up as
// failed rather than hanging the health check itself.
import { Inject, Injectable } from '@nestjs/common';
import type { CredenceConfig } from '../../shared/config.js';
import { LoanClient } from '../../shared/temporal/loan-client.js';
import { Database } from '../database.js';
import { TIMED_OUT, within } from '../within.js';
import { CONFIG } from '../tokens.js';

export const PROBE_TIMEOUT_MS = 2_000;

export interface CheckResult {
  status: 'ok' | 'error';
  latencyMs: number;
  error?: string;
}

export type DependencyName = 'temporal' | 'database' | 'bureau' | 'aggregator' | 'gateway';

export interface HealthReport {
  status: 'ok' | 'unavailable';
  checks: Record<DependencyName, CheckResult>;
}

@Injectable()
export class CheckHealthUseCase {
  constructor(
    private readonly loans: LoanClient,
    private readonly db: Database,
    @Inject(CONFIG) private readonly config: CredenceConfig,
  ) {}

  async execute(): Promise<HealthReport> {
    const probes: Record<DependencyName, () => Promise<unknown>> = {
      temporal: () => this.loans.client.workflowService.getSystemInfo({}),
      database: () => this.db.ping(),
      bureau: () => httpHealth(this.config.bureau.url),
      aggregator: () => httpHealth(this.config.aggregator.url),
      gateway: () => httpHealth(this.config.gateway.url),
    };
    const names = Object.keys(probes) as DependencyName[];
    const results = await Promise.all(names.map((name) => probe(probes[name])));
    const checks = Object.fromEntries(names.map((name, i) => [name, results[i]])) as Record<DependencyName, CheckResult>;
    return { status: results.every((r) => r.status === 'ok') ? 'ok' : 'unavailable', checks };
  }
}

async function probe(run: () => Promise<unknown>): Promise<CheckResult> {
  const started = performance.now();
  const latency = () => Math.round(performance.now() - started);
  try {
    const outcome = await within(run(), PROBE_TIMEOUT_MS);
    if (outcome === TIMED_OUT) return { status: 'error', latencyMs: latency(), error: `no answer within ${PROBE_TIMEOUT_MS} ms` };
    return { status: 'ok', latencyMs: latency() };
  } catch (err) {
    return { status: 'error', latencyMs: latency(), error: reason(err) };
  }
}

/** fetch reports "fetch failed" and keeps the useful part (ECONNREFUSED, a timeout) in its cause. */
function reason(err: unknown): string {
  if (!(err instanceof Error)) return String(err);
  const cause = err.cause as { code?: unknown; message?: unknown } | undefined;
  const detail = typeof cause?.code === 'string' ? cause.code : typeof cause?.message === 'string' ? cause.message : undefined;
  return detail ? `${err.message}: ${detail}` : err.message;
}

async function httpHealth(baseUrl: string): Promise<void> {
  const res = await fetch(`${baseUrl.replace(/\/+$/, '')}/health`, { signal: AbortSignal.timeout(PROBE_TIMEOUT_MS) });
  await res.arrayBuffer();
  if (!res.ok) throw new Error(`GET /health answered ${res.status}`);
}
