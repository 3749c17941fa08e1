// The platform for the browser tests, started the way `npm start` starts it (the launcher,
// apps/launcher/start.ts: Temporal, embedded PostgreSQL, the sandboxes, the local OIDC issuer,
// the worker and the API serving the built web app), on free ports and in a data directory of its
// own, as apps/launcher/launcher.test.ts does, with the assistant's starter collection ingested
// into its database. `npm run build` must have run (npm test does).
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const PORT_NAMES = ['PORT', 'TEMPORAL_PORT', 'TEMPORAL_UI_PORT', 'CODEC_SERVER_PORT', 'EMBEDDED_PG_PORT', 'BUREAU_PORT', 'AGGREGATOR_PORT', 'GATEWAY_PORT', 'TWILIO_PORT', 'SENDGRID_PORT', 'OIDC_PORT', 'LOB_PORT'];
export const STATE_FILE = join(tmpdir(), 'credence-e2e-platform.json');

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export default async function globalSetup(): Promise<void> {
  if (process.env.E2E_BASE_URL) return;
  const root = join(import.meta.dirname, '..', '..', '..');
  const dataDir = mkdtempSync(join(tmpdir(), 'credence-e2e-'));
  const env: Record<string, string> = {};
  for (const name of PORT_NAMES) env[name] = String(await freePort());
  const child = spawn(process.execPath, [join(root, 'apps/launcher/start.ts')], {
    cwd: root,
    env: { ...process.env, ...env, CREDENCE_DATA_DIR: dataDir, LOG_LEVEL: 'info' },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let output = '';
  child.stdout?.on('data', (b: Buffer) => (output += b.toString()));
  child.stderr?.on('data', (b: Buffer) => (output += b.toString()));
  const deadline = Date.now() + 180_000;
  while (!output.includes('Credence is running')) {
    if (child.exitCode !== null || Date.now() > deadline) {
      if (child.exitCode === null && child.pid) process.kill(-child.pid, 'SIGTERM');
      throw new Error(`the platform did not come up:\n${output.split("\n").filter((l) => /error|fatal|taken|EADDRINUSE/i.test(l)).slice(0, 20).join("\n")}\n${output.slice(-1500)}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  // `npm start` ingests the assistant's starter collection in the background once it is running
  // (apps/launcher/ingest-starter.ts); the compliance chat answers from it, so wait for it here.
  const ingested = Date.now() + 300_000;
  while (!/collection is ready/.test(output)) {
    if (/collection was not ingested/.test(output) || child.exitCode !== null || Date.now() > ingested) {
      if (child.exitCode === null && child.pid) process.kill(-child.pid, 'SIGTERM');
      throw new Error(`the starter collection was not ingested:\n${output.slice(-1500)}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  child.stdout?.removeAllListeners('data');
  child.stderr?.removeAllListeners('data');
  child.stdout?.resume();
  child.stderr?.resume();
  process.env.E2E_BASE_URL = `http://127.0.0.1:${env.PORT}`;
  writeFileSync(STATE_FILE, JSON.stringify({ pid: child.pid, dataDir }));
}
