// `npm start`: the whole platform in one terminal on embedded defaults. Starts what is not
// configured to live elsewhere (PostgreSQL when DATABASE_URL is unset, the Temporal dev server
// when TEMPORAL_ADDRESS is unset, the provider sandboxes when their URLs are unset), migrates
// and seeds the database, then runs the worker and the API as child processes. Ctrl-C stops it
// all in order: API, worker, sandboxes, Temporal, PostgreSQL.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startEmbeddedPostgres, type EmbeddedPostgres } from '../../db/embedded-postgres.js';
import { openOrm } from '../../db/orm.js';
import { seed } from '../../db/seeder.js';
import { startSandboxes, type Sandboxes } from '../sandboxes/start-sandboxes.js';
import { loadConfig } from '../shared/config.js';
import { createLogger } from '../shared/logger.js';
import { loadIdentifierKey, loadKeyring } from '../shared/temporal/keyring.js';
import { supervise, type Supervised } from './child-process.js';
import { startTemporalDevServer } from './temporal-dev-server.js';

const log = createLogger('launcher');
const config = loadConfig();
mkdirSync(config.dataDir, { recursive: true });

const stack: { name: string; stop(): Promise<void> }[] = [];
let stopping = false;

async function shutdown(code: number): Promise<never> {
  if (stopping) return new Promise<never>(() => undefined);
  stopping = true;
  log.info('stopping');
  for (const part of stack.reverse()) {
    try {
      await part.stop();
      log.info({ part: part.name }, `${part.name} stopped`);
    } catch (err) {
      log.error({ part: part.name, err }, `${part.name} did not stop cleanly`);
    }
  }
  process.exit(code);
}

process.on('SIGINT', () => void shutdown(0));
process.on('SIGTERM', () => void shutdown(0));
const crashed = () => void shutdown(1);

try {
  const env: NodeJS.ProcessEnv = { ...process.env, CREDENCE_DATA_DIR: config.dataDir, PORT: String(config.port) };
  // Create the dev keys (when no keys are configured) before the API and worker both look for them.
  loadKeyring(process.env, config.dataDir);
  loadIdentifierKey(process.env, config.dataDir);

  let databaseUrl = config.databaseUrl;
  if (!databaseUrl) {
    const pg: EmbeddedPostgres = await startEmbeddedPostgres({ dataDir: join(config.dataDir, 'pg'), port: config.embedded.postgresPort });
    stack.push({ name: 'embedded postgres', stop: () => pg.stop() });
    databaseUrl = pg.url;
    log.info({ databaseUrl }, 'embedded PostgreSQL (PGlite) started');
  }
  env.DATABASE_URL = databaseUrl;
  const orm = await openOrm({ databaseUrl, migrate: true, poolSize: 2 });
  const pending = await orm.migrator.getPending();
  await seed(orm);
  await orm.close();
  log.info({ pendingAfterMigrate: pending.length }, 'database migrated and seeded');

  if (!process.env.BUREAU_URL && !process.env.AGGREGATOR_URL && !process.env.GATEWAY_URL) {
    const sandboxes: Sandboxes = await startSandboxes({ ports: config.sandboxPorts, dataDir: config.dataDir, webhookUrl: `http://127.0.0.1:${config.port}/v1/webhooks/gateway` });
    stack.push({ name: 'sandboxes', stop: () => sandboxes.close() });
    Object.assign(env, sandboxes.env);
    log.info({ bureau: sandboxes.bureau.url, aggregator: sandboxes.aggregator.url, gateway: sandboxes.gateway.url }, 'provider sandboxes started');
  }

  let uiUrl: string | undefined;
  if (!process.env.TEMPORAL_ADDRESS) {
    const { temporalPort: port, temporalUiPort: uiPort } = config.embedded;
    const temporal = await startTemporalDevServer({ dataDir: config.dataDir, port, uiPort, namespace: config.temporal.namespace }, log, crashed);
    stack.push({ name: 'temporal', stop: () => temporal.stop() });
    env.TEMPORAL_ADDRESS = temporal.address;
    uiUrl = `http://localhost:${uiPort}`;
    log.info({ address: temporal.address, ui: uiUrl }, 'Temporal dev server started');
  }

  const node = process.execPath;
  const worker: Supervised = supervise('worker', node, ['--enable-source-maps', script('../worker/main.js')], env, log, crashed);
  stack.push({ name: 'worker', stop: () => worker.stop() });
  const api: Supervised = supervise('api', node, ['--enable-source-maps', script('../api/main.js')], env, log, crashed);
  stack.push({ name: 'api', stop: () => api.stop() });

  await waitForHealth(`http://127.0.0.1:${config.port}/health`);
  log.info(
    { api: `http://localhost:${config.port}`, docs: `http://localhost:${config.port}/docs`, temporalUi: uiUrl ?? null },
    `Credence is running: API http://localhost:${config.port} (docs /docs)${uiUrl ? `, Temporal UI ${uiUrl}` : ''}. Ctrl-C stops everything.`,
  );
} catch (err) {
  log.error({ err }, 'start-up failed');
  await shutdown(1);
}

function script(relative: string): string {
  return fileURLToPath(new URL(relative, import.meta.url));
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
    await new Promise((r) => setTimeout(r, 500));
  }
  if (!stopping) throw new Error(`the API did not report healthy at ${url} within ${timeoutMs / 1000} s`);
}
