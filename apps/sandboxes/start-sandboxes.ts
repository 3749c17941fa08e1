// Starts the three provider sandboxes together, as `npm start` and the tests use them: the
// credit bureau, the bank / UPI data aggregator and the payment gateway.
import { join } from 'node:path';
import { SANDBOX_CREDENTIALS, SANDBOX_PORTS } from '../shared/config.js';
import { startAggregatorSandbox } from './aggregator/aggregator-router.js';
import { startBureauSandbox } from './bureau/bureau-router.js';
import { startGatewaySandbox, type RunningGatewaySandbox } from './gateway/gateway-sandbox.js';
import type { RunningSandbox } from './http-server.js';

export interface Sandboxes {
  bureau: RunningSandbox;
  aggregator: RunningSandbox;
  gateway: RunningGatewaySandbox;
  /** environment variables that point Credence's adapters at these sandboxes */
  env: Record<string, string>;
  close(): Promise<void>;
}

export interface SandboxOptions {
  /** the published ports by default; 0 each for tests */
  ports?: { bureau: number; aggregator: number; gateway: number };
  /** persist the gateway's records (idempotency, payouts, pending webhooks) here */
  dataDir?: string;
  /** where the gateway delivers its webhooks (the API's /v1/webhooks/gateway) */
  webhookUrl?: string;
  host?: string;
}

export async function startSandboxes(options: SandboxOptions = {}): Promise<Sandboxes> {
  const ports = options.ports ?? SANDBOX_PORTS;
  const host = options.host ?? '127.0.0.1';
  const bureau = await startBureauSandbox({ port: ports.bureau, apiKey: SANDBOX_CREDENTIALS.bureauApiKey, host });
  const aggregator = await startAggregatorSandbox({ port: ports.aggregator, apiKey: SANDBOX_CREDENTIALS.aggregatorApiKey, host });
  const gateway = await startGatewaySandbox({
    port: ports.gateway,
    host,
    secretKey: SANDBOX_CREDENTIALS.gatewaySecretKey,
    webhookSecret: SANDBOX_CREDENTIALS.gatewayWebhookSecret,
    ...(options.webhookUrl ? { webhookUrl: options.webhookUrl } : {}),
    ...(options.dataDir ? { dataDir: join(options.dataDir, 'gateway') } : {}),
  });
  return {
    bureau,
    aggregator,
    gateway,
    env: {
      BUREAU_URL: bureau.url,
      BUREAU_API_KEY: SANDBOX_CREDENTIALS.bureauApiKey,
      AGGREGATOR_URL: aggregator.url,
      AGGREGATOR_API_KEY: SANDBOX_CREDENTIALS.aggregatorApiKey,
      GATEWAY_URL: gateway.url,
      GATEWAY_SECRET_KEY: SANDBOX_CREDENTIALS.gatewaySecretKey,
      GATEWAY_WEBHOOK_SECRET: SANDBOX_CREDENTIALS.gatewayWebhookSecret,
    },
    async close() {
      await Promise.all([bureau.close(), aggregator.close(), gateway.close()]);
    },
  };
}
