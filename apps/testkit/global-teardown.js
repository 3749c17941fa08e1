// Stops the shared Temporal dev server and the OIDC issuer global-setup.js started.
export default async function globalTeardown() {
  await globalThis.__credenceTestIssuer?.close();
  const server = globalThis.__credenceTestTemporal;
  if (!server || server.exitCode !== null) return;
  const exited = new Promise((resolve) => server.once('exit', resolve));
  server.kill('SIGTERM');
  const timer = setTimeout(() => server.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}
