// The provider sandboxes and the local OIDC issuer as their own process (docker-compose's
// `sandboxes` service; `npm start` runs them in the launcher instead). Listens on all interfaces
// when SANDBOX_HOST says so. The issuer names itself OIDC_ISSUER (as the API and dev:token reach it).
import { join } from 'node:path';
import { loadConfig } from '../shared/config.js';
import { createLogger } from '../shared/logger.js';
import { startLocalIssuer } from './oidc/local-issuer.js';
import { startSandboxes } from './start-sandboxes.js';

const log = createLogger('sandboxes');
const config = loadConfig();
const host = process.env.SANDBOX_HOST ?? '127.0.0.1';
const issuer = await startLocalIssuer({ port: config.sandboxPorts.oidc, host, keyDir: join(config.dataDir, 'oidc'), issuer: config.auth.issuer, audience: config.auth.audience });
const sandboxes = await startSandboxes({
  ports: config.sandboxPorts,
  dataDir: config.dataDir,
  host,
  ...(process.env.GATEWAY_WEBHOOK_URL ? { webhookUrl: process.env.GATEWAY_WEBHOOK_URL } : {}),
  // Where Twilio's inbound texts, SendGrid's events and Lob's webhooks go: the API as the sandboxes reach it.
  ...(process.env.SANDBOX_API_URL ? { apiUrl: process.env.SANDBOX_API_URL } : {}),
});
log.info({ issuer: issuer.issuer }, 'local OIDC issuer listening');
log.info({ bureau: sandboxes.bureau.url, aggregator: sandboxes.aggregator.url, gateway: sandboxes.gateway.url, twilio: sandboxes.twilio.url, sendgrid: sandboxes.sendgrid.url, lob: sandboxes.lob.url }, 'provider sandboxes listening');
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    void Promise.all([sandboxes.close(), issuer.close()]).then(() => process.exit(0));
  });
}
