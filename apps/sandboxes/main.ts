// The provider sandboxes as their own process (docker-compose's `sandboxes` service; `npm start`
// runs them in the launcher instead). Listens on all interfaces when SANDBOX_HOST says so.
import { loadConfig } from '../shared/config.js';
import { createLogger } from '../shared/logger.js';
import { startSandboxes } from './start-sandboxes.js';

const log = createLogger('sandboxes');
const config = loadConfig();
const sandboxes = await startSandboxes({
  ports: config.sandboxPorts,
  dataDir: config.dataDir,
  host: process.env.SANDBOX_HOST ?? '127.0.0.1',
  ...(process.env.GATEWAY_WEBHOOK_URL ? { webhookUrl: process.env.GATEWAY_WEBHOOK_URL } : {}),
  // Where Twilio's inbound texts, SendGrid's events and Lob's webhooks go: the API as the sandboxes reach it.
  ...(process.env.SANDBOX_API_URL ? { apiUrl: process.env.SANDBOX_API_URL } : {}),
});
log.info({ bureau: sandboxes.bureau.url, aggregator: sandboxes.aggregator.url, gateway: sandboxes.gateway.url, twilio: sandboxes.twilio.url, sendgrid: sandboxes.sendgrid.url, lob: sandboxes.lob.url }, 'provider sandboxes listening');
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    void sandboxes.close().then(() => process.exit(0));
  });
}
