// `npm start`: the whole platform in one terminal on embedded defaults. Starts what is not
// configured to live elsewhere (PostgreSQL when DATABASE_URL is unset, the Temporal dev server and
// its codec server when TEMPORAL_ADDRESS is unset, the provider sandboxes when their URLs are
// unset, the local OIDC issuer when OIDC_ISSUER is unset), migrates and seeds the database, then
// runs the worker and the API as child processes, and ingests the assistant's starter collection.
//
// It supervises: a worker, API or Temporal server that dies is started again (restart-policy.ts)
// while the rest keeps running. Any signal that reaches it (SIGINT, SIGTERM, SIGHUP) or the death
// of the process that started it stops everything in order: API, worker, sandboxes, codec
// server, Temporal, PostgreSQL. If it is killed outright, its children die with it
// (child-process.ts) and the next start clears what is left (launcher-state.ts).
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startEmbeddedPostgres } from '../../db/embedded-postgres.js';
import { openOrm } from '../../db/orm.js';
import { seed } from '../../db/seeder.js';
import { seedDemoAssignees } from './demo-assignees.js';
import { startCodecServer } from '../codec-server/codec-server.js';
import { startLocalIssuer } from '../sandboxes/oidc/local-issuer.js';
import { startSandboxes } from '../sandboxes/start-sandboxes.js';
import { assertIssuerConfigured, assertProductionSettings, developmentDefaultsInUse, loadConfig, ProductionSettingsError } from '../shared/config.js';
import { createLogger } from '../shared/logger.js';
import { EncryptionCodec } from '../shared/temporal/encryption-codec.js';
import { loadIdentifierKey, loadKeyring } from '../shared/temporal/keyring.js';
import { LauncherAlreadyRunningError, LauncherState } from './launcher-state.js';
import { assertPortsFree, describeHolder, PortInUseError, type PlannedPort } from './ports.js';
import { superviseRestarting } from './restarting-child.js';
import { spawnChild, stopChild } from './child-process.js';
import { devServerCommand, waitForTemporal } from './temporal-dev-server.js';

const log = createLogger('launcher');
const config = loadConfig();
mkdirSync(config.dataDir, { recursive: true });
const state = new LauncherState(config.dataDir);
const embedded = { postgres: !config.databaseUrl, temporal: !process.env.TEMPORAL_ADDRESS, sandboxes: !process.env.BUREAU_URL && !process.env.AGGREGATOR_URL && !process.env.GATEWAY_URL && !process.env.TWILIO_URL && !process.env.SENDGRID_URL && !process.env.LOB_URL };

let markWorkerReady: () => void = () => undefined;
const workerReady = new Promise<void>((resolve) => (markWorkerReady = resolve));

/** What has started, in start order; stopped in reverse. */
const stack: { name: string; stop(): Promise<void> }[] = [];
let stopping = false;

/** Thrown into the start-up when a signal came during it: shutdown() is already stopping what started. */
class StartAbandoned extends Error {}

/**
 * Adds a started part to what shutdown() stops. A part whose start finished after shutdown() took
 * its list would be left running: it is stopped here instead, and the start-up goes no further.
 */
async function started(part: { name: string; stop(): Promise<void> }): Promise<void> {
  if (!stopping) {
    stack.push(part);
    return;
  }
  await part.stop().catch(() => undefined);
  throw new StartAbandoned();
}

async function shutdown(code: number, reason: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  const order = [...stack].reverse();
  if (order.length > 0) log.info({ reason, order: order.map((part) => part.name) }, `stopping (${reason}): ${order.map((part) => part.name).join(', ')}`);
  for (const part of order) {
    try {
      await part.stop();
      log.info({ part: part.name }, `${part.name} stopped`);
    } catch (err) {
      log.error({ part: part.name, err }, `${part.name} did not stop cleanly`);
    }
  }
  state.clear();
  process.exit(code);
}

for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, () => void shutdown(0, signal));
// npm forwards SIGINT and SIGTERM, but dies of SIGHUP or SIGKILL without a word: we are then
// re-parented, and nobody is left to stop us.
const parentPid = process.ppid;
setInterval(() => {
  if (process.ppid !== parentPid) void shutdown(0, `the parent process (pid ${parentPid}) is gone`);
}, 1000).unref();

try {
  // The API and the worker would refuse too, one restart after another: say it once, up front.
  assertProductionSettings();
  assertIssuerConfigured();
  const placeholders = developmentDefaultsInUse();
  if (placeholders.length > 0) {
    log.info({ developmentDefaults: placeholders }, `the validation notice and the messages name development placeholders for ${placeholders.join(', ')}: set them before real borrowers see either (README, "Who the notices name")`);
  }
  await state.takeOver(log);
  await assertPortsFree(plannedPorts());
  const env: NodeJS.ProcessEnv = { ...process.env, CREDENCE_DATA_DIR: config.dataDir, PORT: String(config.port) };
  // Create the dev keys (when no keys are configured) before the API and worker both look for them.
  const keyring = loadKeyring(process.env, config.dataDir);
  loadIdentifierKey(process.env, config.dataDir);

  const { temporalPort, temporalUiPort, postgresPort } = config.embedded;
  const codecUrl = `http://${config.codecServer.host}:${config.codecServer.port}`;
  // PostgreSQL and Temporal start side by side: each takes seconds, and neither needs the other.
  const [pg, temporal] = await Promise.allSettled([
    embedded.postgres ? startEmbeddedPostgres({ dataDir: join(config.dataDir, 'pg'), port: postgresPort }) : undefined,
    embedded.temporal ? startTemporal(codecUrl) : undefined,
  ]);
  if (pg.status === 'fulfilled' && pg.value) {
    const { value } = pg;
    await started({ name: 'embedded postgres', stop: () => value.stop() });
    log.info({ databaseUrl: value.url }, 'embedded PostgreSQL (PGlite) started');
  }
  if (temporal.status === 'fulfilled' && temporal.value) await started(temporal.value);
  if (pg.status === 'rejected') throw pg.reason;
  if (temporal.status === 'rejected') throw temporal.reason;

  const databaseUrl = config.databaseUrl ?? (pg.status === 'fulfilled' ? pg.value?.url : undefined);
  if (!databaseUrl) throw new Error('no database: DATABASE_URL is unset and none was embedded');
  env.DATABASE_URL = databaseUrl;
  const orm = await openOrm({ databaseUrl, migrate: true, poolSize: 2 });
  const pending = await orm.migrator.getPending();
  await seed(orm);
  // The demo users who work cases exist only with the local issuer: their assignee rows too.
  const demoAssignees = config.auth.localIssuer ? await seedDemoAssignees(orm) : [];
  await orm.close();
  log.info({ pendingAfterMigrate: pending.length, demoAssigneesAdded: demoAssignees }, 'database migrated and seeded');

  let uiUrl: string | undefined;
  if (embedded.temporal) {
    env.TEMPORAL_ADDRESS = `127.0.0.1:${temporalPort}`;
    const codec = await startCodecServer({ codec: new EncryptionCodec(keyring), ...config.codecServer });
    await started({ name: 'codec server', stop: () => codec.close() });
    uiUrl = `http://localhost:${temporalUiPort}`;
    log.info({ address: env.TEMPORAL_ADDRESS, ui: uiUrl, codecServer: codec.url }, 'Temporal dev server started, its UI decoding payloads through the codec server');
  }

  if (embedded.sandboxes) {
    const sandboxes = await startSandboxes({ ports: config.sandboxPorts, dataDir: config.dataDir, webhookUrl: `http://127.0.0.1:${config.port}/v1/webhooks/gateway`, apiUrl: config.twilio.publicWebhookBase });
    await started({ name: 'sandboxes', stop: () => sandboxes.close() });
    Object.assign(env, sandboxes.env);
    log.info({ bureau: sandboxes.bureau.url, aggregator: sandboxes.aggregator.url, gateway: sandboxes.gateway.url, twilio: sandboxes.twilio.url, sendgrid: sandboxes.sendgrid.url, lob: sandboxes.lob.url }, 'provider sandboxes started');
  }

  if (config.auth.localIssuer) {
    // People's tokens for development (`npm run -s dev:token -- --role <role>`); the API verifies them like any issuer's.
    const issuer = await startLocalIssuer({ port: config.sandboxPorts.oidc, keyDir: join(config.dataDir, 'oidc'), audience: config.auth.audience });
    await started({ name: 'local OIDC issuer', stop: () => issuer.close() });
    log.info({ issuer: issuer.issuer }, 'local OIDC issuer started (demo users: apps/sandboxes/oidc/README.md)');
  }

  // The worker's own bound (apps/worker/main.ts) is 20 s; the API's 10 s.
  for (const [name, entry, stopTimeoutMs] of [['worker', '../worker/main.js', 25_000], ['api', '../api/main.js', 15_000]] as const) {
    if (stopping) throw new StartAbandoned();
    await started(supervised(name, process.execPath, ['--enable-source-maps', fileURLToPath(new URL(entry, import.meta.url))], env, stopTimeoutMs));
  }

  await Promise.all([waitForHealth(`http://127.0.0.1:${config.port}/health`), workerReady]);
  log.info(
    { api: `http://localhost:${config.port}`, docs: `http://localhost:${config.port}/docs`, temporalUi: uiUrl ?? null },
    `Credence is running: API http://localhost:${config.port} (docs /docs)${uiUrl ? `, Temporal UI ${uiUrl}` : ''}. ${config.auth.localIssuer ? 'A token: TOKEN=$(npm run -s dev:token -- --role ops). ' : ''}Ctrl-C stops everything.`,
  );
  // After readiness, not before: the API answers at once and the assistant a few seconds later. Its
  // own process (ingest-starter.ts), stopped first on the way out if it is still at work.
  const ingest = spawnChild({ name: 'starter collection ingest', command: process.execPath, args: ['--enable-source-maps', fileURLToPath(new URL('./ingest-starter.js', import.meta.url))], env });
  const ingestPart = { name: 'starter collection ingest', stop: () => stopChild('starter collection ingest', ingest, log, 5_000) };
  ingest.once('exit', () => stack.includes(ingestPart) && stack.splice(stack.indexOf(ingestPart), 1));
  await started(ingestPart);
} catch (err) {
  // A signal during the start: shutdown() is under way and exits when it is done.
  if (err instanceof StartAbandoned) await new Promise(() => undefined);
  if (err instanceof PortInUseError || err instanceof LauncherAlreadyRunningError || err instanceof ProductionSettingsError) {
    log.error(`start-up failed: ${err.message}`);
  } else if ((err as NodeJS.ErrnoException).code === 'EADDRINUSE') {
    const port = (err as { port?: number }).port;
    log.error(`start-up failed: port ${port ?? '?'} is already in use${port ? ` by ${describeHolder(port) ?? 'another process'}` : ''}`);
  } else {
    log.error({ err }, 'start-up failed');
  }
  await shutdown(1, 'start-up failed');
}

async function startTemporal(codecEndpoint: string): Promise<{ name: string; stop(): Promise<void> }> {
  const { temporalPort: port, temporalUiPort: uiPort } = config.embedded;
  const { command, args } = devServerCommand({ dataDir: config.dataDir, port, uiPort, namespace: config.temporal.namespace, codecEndpoint });
  const server = supervised('temporal', command, args, process.env, 10_000);
  try {
    await waitForTemporal(`127.0.0.1:${port}`, () => server.process);
  } catch (err) {
    await server.stop();
    throw err;
  }
  return server;
}

function supervised(name: string, command: string, args: string[], env: NodeJS.ProcessEnv, stopTimeoutMs: number) {
  return superviseRestarting({ name, command, args, env, stopTimeoutMs }, log, {
    onSpawn: (child) => {
      state.record(name, child.pid, [command, ...args]);
      if (name === 'worker') child.on('message', (message) => message === 'ready' && markWorkerReady());
    },
    onGiveUp: () => void shutdown(1, `${name} keeps dying`),
  });
}

function plannedPorts(): PlannedPort[] {
  const ports: PlannedPort[] = [{ port: config.port, what: 'the API', variable: 'PORT' }];
  if (embedded.postgres) ports.push({ port: config.embedded.postgresPort, what: 'the embedded PostgreSQL', variable: 'EMBEDDED_PG_PORT' });
  if (embedded.temporal) {
    ports.push(
      { port: config.embedded.temporalPort, what: 'the Temporal dev server', variable: 'TEMPORAL_PORT' },
      { port: config.embedded.temporalUiPort, what: 'the Temporal UI', variable: 'TEMPORAL_UI_PORT' },
      { port: config.codecServer.port, what: 'the codec server', variable: 'CODEC_SERVER_PORT' },
    );
  }
  if (config.auth.localIssuer) ports.push({ port: config.sandboxPorts.oidc, what: 'the local OIDC issuer', variable: 'OIDC_PORT' });
  if (embedded.sandboxes) {
    ports.push(
      { port: config.sandboxPorts.bureau, what: 'the bureau sandbox', variable: 'BUREAU_PORT' },
      { port: config.sandboxPorts.aggregator, what: 'the aggregator sandbox', variable: 'AGGREGATOR_PORT' },
      { port: config.sandboxPorts.gateway, what: 'the gateway sandbox', variable: 'GATEWAY_PORT' },
      { port: config.sandboxPorts.twilio, what: 'the Twilio sandbox', variable: 'TWILIO_PORT' },
      { port: config.sandboxPorts.sendgrid, what: 'the SendGrid sandbox', variable: 'SENDGRID_PORT' },
      { port: config.sandboxPorts.lob, what: 'the Lob sandbox', variable: 'LOB_PORT' },
    );
  }
  return ports;
}

async function waitForHealth(url: string, timeoutMs = 90_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline && !stopping) {
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(2000) });
      if (res.ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  if (!stopping) throw new Error(`the API did not report healthy at ${url} within ${timeoutMs / 1000} s`);
}
