// Jest global setup: one Temporal dev server for the whole test run, shared by every test file
// that runs workflows on the real server (each uses its own task queues and workflow IDs), instead
// of one server per file. Plain JavaScript: Jest loads this outside its transform, and what it
// imports is erasable TypeScript Node 24 runs as it is.
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';

export default async function globalSetup() {
  if (process.env.CREDENCE_TEST_TEMPORAL_ADDRESS) return; // a server given from outside
  const { ensureTemporalTool } = await import('../launcher/temporal-binary.ts');
  const { Connection } = await import('@temporalio/client');
  const port = await freePort();
  const address = `127.0.0.1:${port}`;
  const server = spawn(
    ensureTemporalTool('temporal'),
    ['server', 'start-dev', '--headless', '--ip', '127.0.0.1', '--port', String(port), '--log-level', 'error', ...['LoanStatus', 'LoanBucket', 'LoanProduct'].flatMap((k) => ['--search-attribute', `${k}=Keyword`])],
    { stdio: ['ignore', 'ignore', 'inherit'] },
  );
  globalThis.__credenceTestTemporal = server;
  const deadline = Date.now() + 60_000;
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
  // Test workers are spawned after this, so they inherit it.
  process.env.CREDENCE_TEST_TEMPORAL_ADDRESS = address;
}

function freePort() {
  return new Promise((resolve, reject) => {
    const probe = createServer().once('error', reject).listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}
