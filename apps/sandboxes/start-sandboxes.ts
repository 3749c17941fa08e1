// Starts the provider sandboxes together, as `npm start` and the tests use them: the credit
// bureau, the bank / UPI data aggregator, the payment gateway, and the messaging providers
// (Twilio, SendGrid) with the recovery test borrowers who answer them, and Lob's print-and-mail API.
import { join } from 'node:path';
import { SANDBOX_CREDENTIALS, SANDBOX_PORTS } from '../shared/config.js';
import { startAggregatorSandbox } from './aggregator/aggregator-router.js';
import { startBureauSandbox } from './bureau/bureau-router.js';
import { startGatewaySandbox, type RunningGatewaySandbox } from './gateway/gateway-sandbox.js';
import type { RunningSandbox } from './http-server.js';
import { startLobSandbox, type RunningLobSandbox } from './lob/lob-sandbox.js';
import { startSendGridSandbox, type RunningSendGridSandbox } from './sendgrid/sendgrid-sandbox.js';
import { startTwilioSandbox, type RunningTwilioSandbox } from './twilio/twilio-sandbox.js';

export interface Sandboxes {
  bureau: RunningSandbox;
  aggregator: RunningSandbox;
  gateway: RunningGatewaySandbox;
  twilio: RunningTwilioSandbox;
  sendgrid: RunningSendGridSandbox;
  lob: RunningLobSandbox;
  /** points the messaging sandboxes' inbound texts, email events and letter webhooks at the API (once it listens) */
  setApiUrl(url: string | undefined): void;
  /** environment variables that point Credence's adapters at these sandboxes */
  env: Record<string, string>;
  close(): Promise<void>;
}

export interface SandboxOptions {
  /** the published ports by default; 0 each for tests */
  ports?: { bureau: number; aggregator: number; gateway: number; twilio?: number; sendgrid?: number; lob?: number };
  /** persist the gateway's records (idempotency, payouts, pending webhooks) here */
  dataDir?: string;
  /** where the gateway delivers its webhooks (the API's /v1/webhooks/gateway) */
  webhookUrl?: string;
  /** the API's base URL, where Twilio's inbound texts and SendGrid's events go (settable later with setApiUrl) */
  apiUrl?: string;
  /** how long a test borrower takes to answer a message (default 1 s; tests use 0) */
  replyDelayMs?: number;
  /** how long each leg of a letter's life takes at the Lob sandbox (default 200 ms) */
  letterStepMs?: number;
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
  const apiUrl = options.apiUrl ?? (options.webhookUrl ? new URL(options.webhookUrl).origin : undefined);
  const timing = options.replyDelayMs === undefined ? {} : { replyDelayMs: options.replyDelayMs };
  const twilio = await startTwilioSandbox({
    port: ports.twilio ?? 0,
    host,
    accountSid: SANDBOX_CREDENTIALS.twilioAccountSid,
    authToken: SANDBOX_CREDENTIALS.twilioAuthToken,
    fromNumber: SANDBOX_CREDENTIALS.twilioFromNumber,
    whatsappFrom: SANDBOX_CREDENTIALS.twilioWhatsappFrom,
    gateway: { url: gateway.url, secretKey: SANDBOX_CREDENTIALS.gatewaySecretKey },
    timing,
    ...(apiUrl ? { apiUrl } : {}),
  });
  const sendgrid = await startSendGridSandbox({ port: ports.sendgrid ?? 0, host, apiKey: SANDBOX_CREDENTIALS.sendgridApiKey, eventPrivateKey: SANDBOX_CREDENTIALS.sendgridEventPrivateKey, timing, ...(apiUrl ? { apiUrl } : {}) });
  const lob = await startLobSandbox({
    port: ports.lob ?? 0,
    host,
    apiKey: SANDBOX_CREDENTIALS.lobApiKey,
    webhookSecret: SANDBOX_CREDENTIALS.lobWebhookSecret,
    ...(options.letterStepMs === undefined ? {} : { timing: { stepMs: options.letterStepMs } }),
    ...(apiUrl ? { apiUrl } : {}),
  });
  return {
    bureau,
    aggregator,
    gateway,
    twilio,
    sendgrid,
    lob,
    setApiUrl(url) {
      twilio.setApiUrl(url);
      sendgrid.setApiUrl(url);
      lob.setApiUrl(url);
    },
    env: {
      BUREAU_URL: bureau.url,
      BUREAU_API_KEY: SANDBOX_CREDENTIALS.bureauApiKey,
      AGGREGATOR_URL: aggregator.url,
      AGGREGATOR_API_KEY: SANDBOX_CREDENTIALS.aggregatorApiKey,
      GATEWAY_URL: gateway.url,
      GATEWAY_SECRET_KEY: SANDBOX_CREDENTIALS.gatewaySecretKey,
      GATEWAY_WEBHOOK_SECRET: SANDBOX_CREDENTIALS.gatewayWebhookSecret,
      TWILIO_URL: twilio.url,
      TWILIO_ACCOUNT_SID: SANDBOX_CREDENTIALS.twilioAccountSid,
      TWILIO_AUTH_TOKEN: SANDBOX_CREDENTIALS.twilioAuthToken,
      SENDGRID_URL: sendgrid.url,
      SENDGRID_API_KEY: SANDBOX_CREDENTIALS.sendgridApiKey,
      LOB_URL: lob.url,
      LOB_API_KEY: SANDBOX_CREDENTIALS.lobApiKey,
      LOB_WEBHOOK_SECRET: SANDBOX_CREDENTIALS.lobWebhookSecret,
    },
    async close() {
      await Promise.all([bureau.close(), aggregator.close(), gateway.close(), twilio.close(), sendgrid.close(), lob.close()]);
    },
  };
}
