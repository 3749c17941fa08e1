// `npm start` end to end, as a user runs it: the built launcher on embedded defaults (PGlite,
// the Temporal dev server, the sandboxes, worker and API processes), a loan taken to active
// through the API, Ctrl-C, and a restart that finds the loan where it was. Ports and the data
// folder are the test's own so a developer's running platform is not disturbed.
import { afterAll, describe, expect, it } from '@jest/globals';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { application } from '../testkit/applications.js';

const launcher = fileURLToPath(new URL('../../dist/apps/launcher/main.js', import.meta.url));
const dataDir = mkdtempSync(join(tmpdir(), 'credence-launcher-'));
let running: ChildProcess | undefined;

afterAll(() => {
  running?.kill('SIGKILL');
  rmSync(dataDir, { recursive: true, force: true });
});

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

async function ports() {
  const names = ['PORT', 'TEMPORAL_PORT', 'TEMPORAL_UI_PORT', 'EMBEDDED_PG_PORT', 'BUREAU_PORT', 'AGGREGATOR_PORT', 'GATEWAY_PORT'];
  const env: Record<string, string> = {};
  for (const name of names) env[name] = String(await freePort());
  return env;
}

async function start(env: Record<string, string>): Promise<{ child: ChildProcess; output: () => string; api: string }> {
  const child = spawn(process.execPath, [launcher], { env: { ...process.env, ...env, CREDENCE_DATA_DIR: dataDir, LOG_LEVEL: 'info' }, stdio: ['ignore', 'pipe', 'pipe'] });
  running = child;
  let output = '';
  child.stdout.on('data', (b: Buffer) => (output += b.toString()));
  child.stderr.on('data', (b: Buffer) => (output += b.toString()));
  const api = `http://127.0.0.1:${env.PORT}`;
  const deadline = Date.now() + 90_000;
  while (!output.includes('Credence is running')) {
    if (child.exitCode !== null || Date.now() > deadline) throw new Error(`the launcher did not come up:\n${output.slice(-3000)}`);
    await new Promise((r) => setTimeout(r, 250));
  }
  return { child, output: () => output, api };
}

async function stop(child: ChildProcess): Promise<number | null> {
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  child.kill('SIGINT');
  return exited;
}

async function json(res: Response): Promise<Record<string, unknown>> {
  return (await res.json()) as Record<string, unknown>;
}

describe('npm start', () => {
  it('runs the whole platform, stops cleanly on Ctrl-C, and keeps the loan across a restart', async () => {
    expect(existsSync(launcher)).toBe(true);
    const env = await ports();
    const first = await start(env);
    const health = await json(await fetch(`${first.api}/health`));
    expect(health).toMatchObject({ status: 'ok' });
    expect((await fetch(`http://127.0.0.1:${env.TEMPORAL_UI_PORT}/`)).status).toBe(200);
    expect((await fetch(`${first.api}/openapi.json`)).status).toBe(200);

    const decided = await json(
      await fetch(`${first.api}/v1/applications?wait=decision`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(application('approved')) }),
    );
    expect(decided).toMatchObject({ status: 'offered', decision: { outcome: 'approved' } });
    const loanId = decided.loanId as string;
    const accepted = await json(await fetch(`${first.api}/v1/loans/${loanId}/offer/accept`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' }));
    expect(accepted.status).toBe('active');

    expect(await stop(first.child)).toBe(0);
    expect(first.output()).toMatch(/embedded postgres stopped/);
    // Everything it started is gone: the ports are free again.
    for (const name of ['PORT', 'TEMPORAL_PORT', 'EMBEDDED_PG_PORT', 'GATEWAY_PORT']) {
      await expect(fetch(`http://127.0.0.1:${env[name]}/`, { signal: AbortSignal.timeout(1000) })).rejects.toThrow();
    }

    const second = await start(env);
    const after = await json(await fetch(`${second.api}/v1/loans/${loanId}`));
    expect(after).toMatchObject({ loanId, status: 'active' });
    const paid = await json(
      await fetch(`${second.api}/v1/loans/${loanId}/payments`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ amount: 100000, currency: 'INR', externalId: 'after-restart-1' }) }),
    );
    expect(paid).toMatchObject({ duplicate: false, status: 'active' });
    expect(await stop(second.child)).toBe(0);
  }, 240_000);
});
