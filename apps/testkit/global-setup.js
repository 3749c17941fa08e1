// Jest global setup: one Temporal dev server for the whole test run, shared by every test file
// that runs workflows on the real server (each uses its own task queues and workflow IDs), instead
// of one server per file; and one OIDC issuer (the local development issuer) whose tokens every
// test's API verifies (apps/testkit/tokens.ts). Plain JavaScript: Jest loads this outside its
// transform, and what it imports is erasable TypeScript Node 24 runs as it is.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';

export default async function globalSetup() {
  await startIssuer();
  if (process.env.CREDENCE_TEST_TEMPORAL_ADDRESS) return; // a server given from outside
  const { ensureTemporalTool } = await import('../launcher/temporal-binary.ts');
  const { Connection } = await import('@temporalio/client');
  const port = await freePort();
  const address = `127.0.0.1:${port}`;
  const args = ['server', 'start-dev', '--headless', '--ip', '127.0.0.1', '--port', String(port), '--log-level', 'error', ...['LoanStatus', 'LoanBucket', 'LoanProduct'].flatMap((k) => ['--search-attribute', `${k}=Keyword`])];
  // Jest killed outright (a CI timeout, kill -9) runs no teardown: on Linux the server is tied to
  // this process's life, as the launcher ties its children (apps/launcher/child-process.ts).
  const setpriv = process.platform === 'linux' ? (process.env.PATH ?? '').split(delimiter).map((dir) => join(dir, 'setpriv')).find((path) => existsSync(path)) : undefined;
  const [command, ...rest] = setpriv ? [setpriv, '--pdeathsig', 'TERM', '--', ensureTemporalTool('temporal'), ...args] : [ensureTemporalTool('temporal'), ...args];
  const server = spawn(command, rest, { stdio: ['ignore', 'ignore', 'inherit'] });
  globalThis.__credenceTestTemporal = server;
  process.once('exit', () => server.kill('SIGKILL'));
  const deadline = Date.now() + 60_000;
  try {
    for (;;) {
      if (server.exitCode !== null) throw new Error(`the shared Temporal dev server exited (code ${server.exitCode})`);
      try {
        const connection = await Connection.connect({ address, connectTimeout: 1000 });
        await connection.workflowService.getSystemInfo({});
        await connection.close();
        break;
      } catch (err) {
        if (Date.now() > deadline) throw new Error(`the shared Temporal dev server did not come up at ${address}`, { cause: err });
        await new Promise((r) => setTimeout(r, 250));
      }
    }
  } catch (err) {
    // Jest runs no teardown when setup fails.
    server.kill('SIGKILL');
    await globalThis.__credenceTestIssuer?.close();
    throw err;
  }
  // Test workers are spawned after this, so they inherit it.
  process.env.CREDENCE_TEST_TEMPORAL_ADDRESS = address;
}

/** The run's OIDC issuer, with keys of its own in a temporary folder; test workers inherit its address. */
async function startIssuer() {
  if (process.env.CREDENCE_TEST_OIDC_ISSUER) return; // an issuer given from outside
  const { startLocalIssuer } = await import('../sandboxes/oidc/local-issuer.ts');
  const issuer = await startLocalIssuer({ port: 0, keyDir: mkdtempSync(join(tmpdir(), 'credence-test-issuer-')) });
  globalThis.__credenceTestIssuer = issuer;
  process.env.CREDENCE_TEST_OIDC_ISSUER = issuer.issuer;
}

function freePort() {
  return new Promise((resolve, reject) => {
    const probe = createServer().once('error', reject).listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}
