// A complete loan environment for workflow tests on the time-skipping test server: the real
// workers and activities (in this process, or as worker processes of their own: worker-process.ts),
// a fresh migrated database on the real PostgreSQL server and the provider sandboxes over HTTP. Only time is simulated. At teardown every workflow the
// environment started is replayed against the current code (replay-check.ts).
import { Client } from '@temporalio/client';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { bundleWorkflowCode, Runtime, DefaultLogger, type Worker } from '@temporalio/worker';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LoanApplication } from '../../domain/application.js';
import type { ModelRegistry } from '../../models/registry/index.js';
import type { Product } from '../../domain/product.js';
import { openOrm, type Orm } from '../../db/orm.js';
import { getProduct } from '../../policies/products.js';
import { ensureTemporalTool } from '../launcher/temporal-binary.js';
import { startSandboxes, type Sandboxes } from '../sandboxes/start-sandboxes.js';
import { loadConfig, type CredenceConfig } from '../shared/config.js';
import { createLogger } from '../shared/logger.js';
import { loadModels } from '../shared/models/load-models.js';
import { dataConverter } from '../shared/temporal/data-converter.js';
import { formatKeyring, generateKeyring, type Keyring } from '../shared/temporal/keyring.js';
import { LoanClient } from '../shared/temporal/loan-client.js';
import { registerSearchAttributes } from '../shared/temporal/register-search-attributes.js';
import { createWorkers } from '../worker/create-workers.js';
import { startEpisodeSignalRelay } from '../worker/episode-signal-relay.js';
import { EpisodeSignals } from '../shared/temporal/episode-signals.js';
import { workflowsPath } from '../worker/workflow-bundle.js';
import { LOAN_SEARCH_ATTRIBUTES } from '../../workflows/loan/search-attributes.js';
import { freePort } from './free-port.js';
import { createTestDatabase } from './postgres.js';
import { replayStartedWorkflows, StartedWorkflows } from './replay-check.js';
import { testIssuerEnv } from './tokens.js';

let runtimeInstalled = false;

/** Worker chatter at WARN: test output stays readable, problems still show. */
export function quietTemporalRuntime(): void {
  if (runtimeInstalled) return;
  runtimeInstalled = true;
  Runtime.install({ logger: new DefaultLogger('WARN') });
}

export interface LoanTestEnv {
  env: TestWorkflowEnvironment;
  loans: LoanClient;
  config: CredenceConfig;
  orm: Orm;
  keyring: Keyring;
  sandboxes: Sandboxes;
  product: Product;
  /** the registry the workers score with, recording to this env's database */
  models: ModelRegistry;
  /** the identifier key the workers hash contact details with (the API's inbox must use the same) */
  identifierKey: Buffer;
  /** the environment a worker process needs to join this one (worker-process.ts): server, database, sandboxes, task queues, keys */
  workerEnv: Record<string, string>;
  startLoan(application: LoanApplication, overrides?: { loanId?: string; product?: Product }): Promise<string>;
  teardown(): Promise<void>;
}

export interface LoanTestEnvOptions {
  historyLimit?: number;
  /** 'time-skipping' (default): months pass in seconds; 'dev': the real Temporal dev server (temporal CLI) */
  server?: 'time-skipping' | 'dev';
  /** a fixed keyring (recording replay fixtures); a fresh random one by default */
  keyring?: Keyring;
  /** false: no workers in this process; the test runs them as processes of their own (worker-process.ts) */
  inProcessWorkers?: boolean;
}

async function startServer(server: LoanTestEnvOptions['server'], keyring: Keyring, started: StartedWorkflows): Promise<TestWorkflowEnvironment> {
  const client = { dataConverter: dataConverter(keyring), interceptors: { workflow: [started.interceptor()] } };
  // The run's shared dev server (global-setup.js) when there is one; a server of its own otherwise.
  const shared = process.env.CREDENCE_TEST_TEMPORAL_ADDRESS;
  if (server === 'dev' && shared) return TestWorkflowEnvironment.createFromExistingServer({ address: shared, namespace: 'default', client });
  if (server === 'dev') {
    return TestWorkflowEnvironment.createLocal({
      server: { executable: { type: 'existing-path', path: ensureTemporalTool('temporal') }, ip: '127.0.0.1', searchAttributes: LOAN_SEARCH_ATTRIBUTES },
      client,
    });
  }
  const env = await TestWorkflowEnvironment.createTimeSkipping({
    server: { executable: { type: 'existing-path', path: ensureTemporalTool('temporal-test-server') } },
    client,
  });
  await registerSearchAttributes(env.connection, env.namespace ?? 'default');
  return env;
}

export async function createLoanTestEnv(options: LoanTestEnvOptions = {}): Promise<LoanTestEnv> {
  quietTemporalRuntime();
  const db = await createTestDatabase();
  // The port an API over this env will listen on (api-harness.ts), known now so that the texts'
  // callbacks, the IVR's key presses and the borrowers' replies are addressed to it.
  const apiPort = await freePort();
  const apiBase = `http://127.0.0.1:${apiPort}`;
  const sandboxes = await startSandboxes({ ports: { bureau: 0, aggregator: 0, gateway: 0, twilio: 0, sendgrid: 0, lob: 0 }, apiUrl: apiBase, replyDelayMs: 0 });
  const suffix = randomBytes(4).toString('hex');
  const identifierKey = randomBytes(32);
  const configEnv = {
    ...sandboxes.env,
    PORT: String(apiPort),
    PUBLIC_WEBHOOK_BASE: apiBase,
    TEMPORAL_TASK_QUEUE: `loans-${suffix}`,
    BUREAU_TASK_QUEUE: `bureau-${suffix}`,
    CREDENCE_DATA_DIR: mkdtempSync(join(tmpdir(), 'credence-test-')),
    DATABASE_URL: db.url,
    // Signals left in the outbox are relayed after a few seconds rather than ten: tests wait for them in real time.
    EPISODE_SIGNAL_RELAY_AFTER_MS: '2000',
    EPISODE_SIGNAL_RELAY_EVERY_MS: '500',
    ...testIssuerEnv(),
  };
  const config = loadConfig(configEnv);
  const keyring = options.keyring ?? generateKeyring();
  const started = new StartedWorkflows();
  const env = await startServer(options.server, keyring, started);
  const workerEnv = {
    ...configEnv,
    TEMPORAL_ADDRESS: env.address,
    TEMPORAL_NAMESPACE: env.namespace ?? 'default',
    CREDENCE_ENCRYPTION_KEYS: formatKeyring(keyring),
    CREDENCE_ENCRYPTION_KEY_ID: keyring.activeKeyId,
    CREDENCE_IDENTIFIER_KEY: identifierKey.toString('base64'),
  };
  const workflowBundle = await bundleWorkflowCode({ workflowsPath: workflowsPath(), logger: new DefaultLogger('WARN') });
  const orm = await openOrm({ databaseUrl: db.url, poolSize: 4 });
  const models = await loadModels(orm, createLogger('models'));
  const workers: Worker[] = options.inProcessWorkers === false ? [] : await createWorkers({
    models: models.models,
    config,
    orm,
    keyring,
    identifierKey,
    connection: env.nativeConnection,
    namespace: env.namespace ?? 'default',
    workflowBundle,
    // Episodes are started by an activity: they are replayed at teardown like the loans.
    clientInterceptors: [started.interceptor()],
  });
  const running = Promise.all(workers.map((w) => w.run()));
  // The worker process runs the outbox's relay beside its workers (apps/worker/main.ts); so does this env's.
  const relayClient = new Client({ connection: env.connection, namespace: env.namespace ?? 'default', dataConverter: dataConverter(keyring) });
  const relay = workers.length === 0 ? undefined : startEpisodeSignalRelay({ signals: new EpisodeSignals({ orm, client: relayClient, log: createLogger('episode-signals') }), ...config.recovery.signalRelay, log: createLogger('worker') });
  const loans = new LoanClient(env.client, {
    taskQueue: config.temporal.taskQueue,
    bureauTaskQueue: config.temporal.bureauTaskQueue,
    ...(options.historyLimit ? { historyLimit: options.historyLimit } : {}),
  });
  const product = getProduct();
  return {
    env,
    loans,
    config,
    orm,
    keyring,
    sandboxes,
    product,
    models: models.models,
    identifierKey,
    workerEnv,
    async startLoan(application, overrides = {}) {
      const loanId = overrides.loanId ?? randomUUID();
      await loans.start({ loanId, application, product: overrides.product ?? product, submittedAt: new Date().toISOString() });
      return loanId;
    },
    async teardown() {
      const replayFailures = await replayStartedWorkflows(env.client, started, keyring, workflowBundle).catch((err: unknown) => [`the replay check could not run: ${String(err)}`]);
      await relay?.stop();
      workers.forEach((w) => w.shutdown());
      await running;
      await models.close();
      await orm.close();
      await env.teardown();
      await sandboxes.close();
      await db.drop();
      if (replayFailures.length > 0) throw new Error(`workflows this test run produced do not replay on the current code:\n${replayFailures.join('\n')}`);
    },
  };
}

