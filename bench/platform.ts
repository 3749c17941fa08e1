// The platform as `npm start` runs it (Temporal dev server, worker and API in their own
// processes, provider sandboxes, the local OIDC issuer) but on free ports, a throwaway data folder
// and a fresh database, so a benchmark measures the real stack without touching a developer's
// running one. Its API verifies tokens from that issuer, as any other's.
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startEmbeddedPostgres } from '../db/embedded-postgres.js';
import { openOrm } from '../db/orm.js';
import { seed } from '../db/seeder.js';
import { supervise, type Supervised } from '../apps/launcher/child-process.js';
import { startTemporalDevServer } from '../apps/launcher/temporal-dev-server.js';
import { DEMO_USERS, startLocalIssuer } from '../apps/sandboxes/oidc/local-issuer.js';
import { startSandboxes } from '../apps/sandboxes/start-sandboxes.js';
import { createLogger } from '../apps/shared/logger.js';
import { createTestDatabase } from '../apps/testkit/postgres.js';

export interface Platform {
  apiUrl: string;
  /** the payment gateway sandbox (its /_sandbox controls make a borrower's payment arrive) */
  gatewayUrl: string;
  /** the worker process, to sample its memory */
  workerPid: number | undefined;
  /** the platform's processes, to account for their CPU */
  pids: { worker: number | undefined; api: number | undefined; temporal: number | undefined };
  temporalAddress: string;
  databaseUrl: string;
  /** the platform's OIDC issuer, which its APIs trust */
  issuer: string;
  /** a bearer token for the role's demo user from the platform's issuer, which its APIs trust (ES256 unless asked) */
  token(role: string, alg?: 'ES256' | 'RS256'): Promise<string>;
  dataDir: string;
  /**
   * Another API process on the same Temporal, database and sandboxes, from `mainScript` (another
   * build's dist/apps/api/main.js, to compare two versions in one run), with `env` added (and
   * its rate limits as configured: on by default).
   */
  startApi(mainScript: string, env?: NodeJS.ProcessEnv): Promise<{ url: string; pid: number | undefined; stop(): Promise<void> }>;
  stop(): Promise<void>;
}

export interface PlatformOptions {
  /** added to the platform API's environment (an API_ setting, say); its rate limits are off unless this says otherwise */
  apiEnv?: NodeJS.ProcessEnv;
  /** added to the worker's environment (NODE_OPTIONS for a CPU profile, say) */
  workerEnv?: NodeJS.ProcessEnv;
}

export type BenchDatabase = 'postgres' | 'pglite';

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export async function startPlatform(database: BenchDatabase, options: PlatformOptions = {}): Promise<Platform> {
  const log = createLogger('bench');
  const dataDir = mkdtempSync(join(tmpdir(), 'credence-bench-'));
  const stops: (() => Promise<void>)[] = [];
  const fail = () => log.error('a platform process exited during the benchmark');

  let databaseUrl: string;
  if (database === 'postgres') {
    const db = await createTestDatabase('credence_bench');
    stops.push(() => db.drop());
    databaseUrl = db.url;
  } else {
    const pg = await startEmbeddedPostgres({ dataDir: join(dataDir, 'pg'), port: await freePort() });
    stops.push(() => pg.stop());
    databaseUrl = pg.url;
    const orm = await openOrm({ databaseUrl, migrate: true, poolSize: 1 });
    await seed(orm);
    await orm.close();
  }

  const port = await freePort();
  const sandboxes = await startSandboxes({ ports: { bureau: 0, aggregator: 0, gateway: 0 }, dataDir, webhookUrl: `http://127.0.0.1:${port}/v1/webhooks/gateway` });
  stops.push(() => sandboxes.close());
  const issuer = await startLocalIssuer({ port: await freePort(), keyDir: join(dataDir, 'oidc') });
  stops.push(() => issuer.close());
  const temporal = await startTemporalDevServer({ dataDir, port: await freePort(), uiPort: await freePort(), namespace: 'default' }, log, fail);
  stops.push(() => temporal.stop());

  const env = { ...process.env, ...sandboxes.env, OIDC_ISSUER: issuer.issuer, DATABASE_URL: databaseUrl, TEMPORAL_ADDRESS: temporal.address, CREDENCE_DATA_DIR: dataDir, PORT: String(port), LOG_LEVEL: 'warn' };
  const script = (relative: string) => fileURLToPath(new URL(relative, import.meta.url));
  const children: Supervised[] = [
    supervise('worker', process.execPath, [script('../apps/worker/main.js')], { ...env, ...options.workerEnv }, log, fail),
    // A benchmark is one client (127.0.0.1): per-client rate limits would measure themselves.
    supervise('api', process.execPath, [script('../apps/api/main.js')], { ...env, API_RATE_LIMIT: 'off', ...options.apiEnv }, log, fail),
  ];
  stops.push(async () => {
    for (const child of [...children].reverse()) await child.stop();
  });

  const apiUrl = `http://127.0.0.1:${port}`;
  await waitFor(`${apiUrl}/health`);
  return {
    apiUrl,
    gatewayUrl: sandboxes.gateway.url,
    workerPid: children[0]?.process.pid,
    pids: { worker: children[0]?.process.pid, api: children[1]?.process.pid, temporal: temporal.process.pid },
    temporalAddress: temporal.address,
    databaseUrl,
    issuer: issuer.issuer,
    token(role, alg = 'ES256') {
      const user = DEMO_USERS.find((u) => u.roles.includes(role));
      if (!user) throw new Error(`no demo user with the role ${role}`);
      return issuer.mint(user.username, { alg });
    },
    dataDir,
    async startApi(mainScript, extraEnv = {}) {
      const apiPort = await freePort();
      const api = supervise(`api-${apiPort}`, process.execPath, [mainScript], { ...env, ...extraEnv, PORT: String(apiPort) }, log, fail);
      const url = `http://127.0.0.1:${apiPort}`;
      try {
        await waitFor(`${url}/health`);
      } catch (error) {
        await api.stop();
        throw error;
      }
      return { url, pid: api.process.pid, stop: () => api.stop() };
    },
    async stop() {
      for (const stop of stops.reverse()) await stop();
    },
  };
}

async function waitFor(url: string, timeoutMs = 90_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      if ((await fetch(url, { signal: AbortSignal.timeout(2000) })).ok) return;
    } catch {
      // not yet
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error(`${url} did not become healthy`);
}
