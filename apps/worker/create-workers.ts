// The two workers a Credence worker process runs: the loans task queue (workflows and most
// activities) and the bureau's queue, rate-limited across all workers by the server so the
// bureau's contract limit holds however many workers run.
import type { MikroORM } from '@mikro-orm/postgresql';
import type { WorkflowClientInterceptor } from '@temporalio/client';
import { Worker, type NativeConnection, type WorkflowBundlePath } from '@temporalio/worker';
import type { ModelRegistry } from '../../models/registry/index.js';
import type { CredenceConfig } from '../shared/config.js';
import { dataConverter } from '../shared/temporal/data-converter.js';
import type { Keyring } from '../shared/temporal/keyring.js';
import { createBureauQueueActivities, createLoanActivities } from './activities.js';
import { loanLogInterceptor } from './log-interceptor.js';
import { workflowsPath } from './workflow-bundle.js';

export interface WorkerDeps {
  config: CredenceConfig;
  orm: MikroORM;
  keyring: Keyring;
  identifierKey: Buffer;
  connection: NativeConnection;
  models: ModelRegistry;
  namespace?: string;
  /** a prebuilt workflow bundle (the worker process reuses one across starts: workflow-bundle.ts) */
  workflowBundle?: { code: string } | WorkflowBundlePath;
  /** on the client activities start workflows with (a test environment records what they start, to replay it) */
  clientInterceptors?: WorkflowClientInterceptor[];
}

/** How long activities in flight may finish after a shutdown begins before they are cancelled. */
export const SHUTDOWN_GRACE = '10s';
/** When a worker stops waiting for them and throws GracefulShutdownPeriodExpiredError. */
export const SHUTDOWN_FORCE = '15s';

export async function createWorkers(deps: WorkerDeps): Promise<Worker[]> {
  const { config, connection } = deps;
  const common = {
    connection,
    namespace: deps.namespace ?? config.temporal.namespace,
    dataConverter: dataConverter(deps.keyring),
    interceptors: { activity: [loanLogInterceptor], ...(deps.clientInterceptors ? { client: { workflow: deps.clientInterceptors } } : {}) },
    shutdownGraceTime: SHUTDOWN_GRACE,
    shutdownForceTime: SHUTDOWN_FORCE,
  };
  const loans = await Worker.create({
    ...common,
    taskQueue: config.temporal.taskQueue,
    ...(deps.workflowBundle ? { workflowBundle: deps.workflowBundle } : { workflowsPath: workflowsPath() }),
    ...(config.temporal.workflowCacheSize === undefined ? {} : { maxCachedWorkflows: config.temporal.workflowCacheSize }),
    activities: createLoanActivities(deps),
  });
  const bureau = await Worker.create({
    ...common,
    taskQueue: config.temporal.bureauTaskQueue,
    activities: createBureauQueueActivities(deps),
    maxTaskQueueActivitiesPerSecond: config.temporal.bureauRatePerSecond,
  });
  return [loans, bureau];
}

/** Runs the workers until shutdown() is called on them (or a signal arrives). */
export async function runWorkers(workers: Worker[]): Promise<void> {
  await Promise.all(workers.map((w) => w.run()));
}
