// One strategy over one seeded book: the world, its contact log, the checker's count and the figures.
import type { RecoveryPolicyDocument } from '../../policies/recovery/policy-document.js';
import { BaselineStrategy } from './baseline-strategy.js';
import type { Borrower } from './borrowers.js';
import { checkContactLog, type CheckReport } from './compliance-checker.js';
import type { ContactLog } from './contact-log.js';
import { metricsOf, type RunMetrics } from './metrics.js';
import { PolicyStrategy, type Experiment } from './policy-strategy.js';
import type { ResponseKnobs } from './response-model.js';
import { World, type Episode } from './world.js';

/** 2026-10-05 00:00 UTC, a Monday: the quarter crosses the end of daylight saving in Europe (25 Oct) and the US (1 Nov). */
export const QUARTER_START_MS = Date.UTC(2026, 9, 5);

export interface RunResult {
  metrics: RunMetrics;
  check: CheckReport;
  episodes: Episode[];
  log: ContactLog;
  evaluations: number;
  gateCalls: number;
  collectorCalls: number;
  elapsedMs: number;
}

export interface RunOptions {
  seed: number;
  days: number;
  knobs: ResponseKnobs;
}

export function runPolicy(borrowers: readonly Borrower[], policy: RecoveryPolicyDocument, options: RunOptions, experiment: Experiment | null = null): RunResult & { strategy: PolicyStrategy } {
  const started = performance.now();
  const strategy = new PolicyStrategy(borrowers.length, policy, experiment);
  const world = new World(borrowers, strategy, { ...options, startMs: QUARTER_START_MS });
  strategy.world = world;
  const log = world.run();
  return { strategy, ...finish(world, log, started), evaluations: strategy.evaluations, collectorCalls: log.loans.reduce((n, l) => n + l.records.filter((r) => r.type === 'attempt' && r.source === 'collector' && r.status === 'sent').length, 0) };
}

export function runBaseline(borrowers: readonly Borrower[], policy: RecoveryPolicyDocument, options: RunOptions, capped = false): RunResult {
  const started = performance.now();
  const strategy = new BaselineStrategy({ ...policy.settings, weeklyCaps: capped ? policy.settings.weeklyCaps : {} });
  const world = new World(borrowers, strategy, { ...options, startMs: QUARTER_START_MS });
  strategy.world = world;
  const log = world.run();
  return { ...finish(world, log, started), evaluations: 0, collectorCalls: 0 };
}

function finish(world: World, log: ContactLog, started: number): Omit<RunResult, 'evaluations' | 'collectorCalls'> {
  const check = checkContactLog(log);
  return { metrics: metricsOf(world.episodes), check, episodes: world.episodes, log, gateCalls: world.gateCalls, elapsedMs: performance.now() - started };
}
