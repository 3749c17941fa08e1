// `npm start` end to end, as a user runs it: the built launcher on embedded defaults (PGlite,
// the Temporal dev server, the sandboxes, worker and API processes), the assistant answering from
// the starter collection the launcher ingested by itself, a loan taken to active through the API;
// the worker and the API killed and brought back while the rest runs; the launcher's whole process
// group killed with SIGKILL, leaving nothing alive; and a second start on the same data folder that
// finds the loan where it was, re-ingests nothing, and stops cleanly on SIGTERM. Ports
// and the data folder are the test's own so a developer's running platform is not disturbed.
import { afterAll, describe, expect, it } from '@jest/globals';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { application } from '../testkit/applications.js';
import { devToken } from '../tools/dev-token.js';

const launcher = fileURLToPath(new URL('../../dist/apps/launcher/main.js', import.meta.url));
const STARTER = fileURLToPath(new URL('../../rag/collections/starter/', import.meta.url));
const dataDir = mkdtempSync(join(tmpdir(), 'credence-launcher-'));
let running: ChildProcess | undefined;
/** The ops demo user's token from the launcher's local issuer, as `npm run -s dev:token -- --role ops` prints it. */
let auth: { authorization: string };

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
  const names = ['PORT', 'TEMPORAL_PORT', 'TEMPORAL_UI_PORT', 'CODEC_SERVER_PORT', 'EMBEDDED_PG_PORT', 'BUREAU_PORT', 'AGGREGATOR_PORT', 'GATEWAY_PORT', 'TWILIO_PORT', 'SENDGRID_PORT', 'OIDC_PORT', 'LOB_PORT'];
  const env: Record<string, string> = {};
  for (const name of names) env[name] = String(await freePort());
  return env;
}

async function start(env: Record<string, string>): Promise<{ child: ChildProcess; output: () => string; api: string }> {
  // Its own process group, as a terminal or a supervisor starts it, so the group can be killed.
  const child = spawn(process.execPath, [launcher], { env: { ...process.env, ...env, CREDENCE_DATA_DIR: dataDir, LOG_LEVEL: 'info' }, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
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
  child.kill('SIGTERM');
  return exited;
}

/** The pids the launcher recorded for its children (apps/launcher/launcher-state.ts). */
function childPids(): Record<string, number> {
  const { children } = JSON.parse(readFileSync(join(dataDir, 'launcher.json'), 'utf8')) as { children: Record<string, { pid: number }> };
  return Object.fromEntries(Object.entries(children).map(([name, { pid }]) => [name, pid]));
}

/** Exited (a zombie waiting to be reaped has exited too). */
function gone(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).startsWith('Z');
  } catch {
    return true;
  }
}

async function until<T>(what: string, probe: () => Promise<T | undefined> | T | undefined, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined) return value;
    } catch {
      // not yet
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

async function expectPortsFree(env: Record<string, string>): Promise<void> {
  for (const name of ['PORT', 'TEMPORAL_PORT', 'TEMPORAL_UI_PORT', 'CODEC_SERVER_PORT', 'EMBEDDED_PG_PORT', 'GATEWAY_PORT', 'TWILIO_PORT', 'SENDGRID_PORT', 'OIDC_PORT', 'LOB_PORT']) {
    await expect(fetch(`http://127.0.0.1:${env[name]}/`, { signal: AbortSignal.timeout(1000) })).rejects.toThrow();
  }
}

function apply(api: string) {
  return fetch(`${api}/v1/applications?wait=decision`, { method: 'POST', headers: { ...auth, 'content-type': 'application/json' }, body: JSON.stringify(application('approved')) });
}

async function json(res: Response): Promise<Record<string, unknown>> {
  return (await res.json()) as Record<string, unknown>;
}

describe('npm start', () => {
  it('runs the platform, restarts a killed worker or API, leaves nothing alive when killed outright, and starts again on the same data', async () => {
    expect(existsSync(launcher)).toBe(true);
    const env = await ports();
    const first = await start(env);
    const health = await json(await fetch(`${first.api}/health`));
    expect(health).toMatchObject({ status: 'ok' });
    expect((await fetch(`http://127.0.0.1:${env.TEMPORAL_UI_PORT}/`)).status).toBe(200);
    expect((await fetch(`${first.api}/openapi.json`)).status).toBe(200);
    // The launcher runs the local issuer the API trusts; without a token the API asks for one.
    auth = { authorization: `Bearer ${await devToken({ role: 'ops' }, { OIDC_PORT: env.OIDC_PORT })}` };
    expect((await fetch(`${first.api}/v1/loans?limit=1`)).status).toBe(401);
    // The demo users who work cases have their assignee rows: the desk works from the first start.
    const assignees = (await json(await fetch(`${first.api}/v1/recovery/assignees`, { headers: auth }))) as { items: { id: string }[] };
    expect(assignees.items.map((a) => a.id)).toEqual(expect.arrayContaining(['col-asha', 'agy-northstar', 'agy-southgate']));

    // The assistant answers with nothing configured: the starter collection is ingested in the background after start.
    await until('the starter collection', () => (first.output().includes('assistant: the starter collection is ready') ? true : undefined), 120_000);
    const collections = (await json(await fetch(`${first.api}/v1/assistant/collections`, { headers: auth }))) as { items: { name: string; documents: number; passages: number }[] };
    const starter = collections.items.find((c) => c.name === 'starter');
    expect(starter?.documents).toBe(readdirSync(STARTER).filter((f) => f.endsWith('.md')).length);
    expect(starter?.passages).toBeGreaterThan(0);
    const answer = await json(
      await fetch(`${first.api}/v1/assistant/ask`, { method: 'POST', headers: { ...auth, 'content-type': 'application/json' }, body: JSON.stringify({ collection: 'starter', question: 'What hours may a debt collector call a consumer?' }) }),
    );
    expect(answer.refused).toBe(false);
    expect((answer.citations as unknown[]).length).toBeGreaterThan(0);

    const decided = await json(await apply(first.api));
    expect(decided).toMatchObject({ status: 'offered', decision: { outcome: 'approved' } });
    const loanId = decided.loanId as string;
    const accepted = await json(await fetch(`${first.api}/v1/loans/${loanId}/offer/accept`, { method: 'POST', headers: { ...auth, 'content-type': 'application/json' }, body: '{}' }));
    expect(accepted.status).toBe('active');

    // A killed worker is started again while the rest runs: a new application is decided.
    const { worker } = childPids();
    process.kill(worker!, 'SIGKILL');
    await until('a new worker', () => (childPids().worker !== worker ? true : undefined));
    expect(first.output()).toMatch(/worker exited unexpectedly \(killed by SIGKILL\): restarting it/);
    expect(await json(await apply(first.api))).toMatchObject({ status: 'offered' });

    // So is a killed API: it answers again on the same port.
    const { api } = childPids();
    process.kill(api!, 'SIGKILL');
    await until('the API back', async () => (childPids().api !== api && (await fetch(`${first.api}/health`)).ok ? true : undefined));

    // SIGKILL to the launcher's whole group: no handler runs, yet no child may survive it.
    const children = Object.values(childPids());
    expect(children).toHaveLength(3);
    process.kill(-first.child.pid!, 'SIGKILL');
    await until('every child to die with the launcher', () => (children.every(gone) ? true : undefined), 30_000);
    await expectPortsFree(env);

    // The next start on the same data folder works, and the loan is where it was. The issuer kept
    // its keys, so the token from before the restart is still good.
    const second = await start(env);
    // Ingest skips files whose bytes hash as before: the second start adds nothing.
    await until('the starter collection checked', () => (second.output().includes('assistant: the starter collection is ready') ? true : undefined), 120_000);
    expect(second.output()).toContain('assistant: the starter collection is ready (0 documents ingested');
    const after = await json(await fetch(`${second.api}/v1/loans/${loanId}`, { headers: auth }));
    expect(after).toMatchObject({ loanId, status: 'active' });
    const paid = await json(
      await fetch(`${second.api}/v1/loans/${loanId}/payments`, { method: 'POST', headers: { ...auth, 'content-type': 'application/json' }, body: JSON.stringify({ amount: 100000, currency: 'INR', externalId: 'after-restart-1' }) }),
    );
    expect(paid).toMatchObject({ duplicate: false, status: 'active' });

    // SIGTERM stops every part, in the order the README gives, and frees every port.
    expect(await stop(second.child)).toBe(0);
    expect(second.output()).toContain('stopping (SIGTERM): api, worker, local OIDC issuer, sandboxes, codec server, temporal, embedded postgres');
    expect(second.output()).toMatch(/embedded postgres stopped/);
    await expectPortsFree(env);
  }, 240_000);
});
