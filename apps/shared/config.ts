// Every setting Credence reads from the environment, in one place, with the embedded defaults
// `npm start` uses. Production points the URLs elsewhere; nothing else reads process.env.
import { join } from 'node:path';
import { projectRoot } from '../launcher/temporal-binary.js';

export interface CredenceConfig {
  port: number;
  databaseUrl: string | undefined;
  dataDir: string;
  temporal: { address: string; namespace: string; taskQueue: string; bureauTaskQueue: string; bureauRatePerSecond: number };
  bureau: { url: string; apiKey: string; timeoutMs: number };
  aggregator: { url: string; apiKey: string; timeoutMs: number };
  gateway: { url: string; secretKey: string; webhookSecret: string; timeoutMs: number };
  /** decisionWaitMs: `POST /v1/applications?wait=decision` answers 202 instead once the decision takes longer */
  api: { decisionWaitMs: number; dbPoolSize: number };
  /** where `npm start` runs the provider sandboxes (when their URLs are not set) */
  sandboxPorts: { bureau: number; aggregator: number; gateway: number };
  /** what `npm start` embeds when TEMPORAL_ADDRESS / DATABASE_URL are not set */
  embedded: { temporalPort: number; temporalUiPort: number; postgresPort: number };
  /** the codec server that lets the Temporal UI show decrypted payloads (apps/codec-server) */
  codecServer: { port: number; host: string; corsOrigins: string[] };
  logLevel: string;
}

export const SANDBOX_PORTS = { bureau: 4010, aggregator: 4020, gateway: 4030 } as const;
/**
 * Every default port sits below Linux's ephemeral range (32768-60999), where any outgoing
 * connection may be holding a port when `npm start` wants it.
 */
export const EMBEDDED_PORTS = { temporal: 7233, temporalUi: 8233, codecServer: 8234, postgres: 25432 } as const;
/** The sandboxes' published credentials: they guard nothing and are documented in the README. */
export const SANDBOX_CREDENTIALS = {
  bureauApiKey: 'sk_sandbox_bureau',
  aggregatorApiKey: 'sk_sandbox_aggregator',
  gatewaySecretKey: 'sk_sandbox_gateway',
  gatewayWebhookSecret: 'whsec_sandbox_gateway',
} as const;

function int(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0) throw new Error(`${name} must be a non-negative integer, got "${raw}"`);
  return value;
}

function str(env: NodeJS.ProcessEnv, name: string, fallback: string): string {
  const raw = env[name];
  return raw === undefined || raw === '' ? fallback : raw;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): CredenceConfig {
  const local = (port: number) => `http://127.0.0.1:${port}`;
  const sandboxPorts = {
    bureau: int(env, 'BUREAU_PORT', SANDBOX_PORTS.bureau),
    aggregator: int(env, 'AGGREGATOR_PORT', SANDBOX_PORTS.aggregator),
    gateway: int(env, 'GATEWAY_PORT', SANDBOX_PORTS.gateway),
  };
  const temporalUiPort = int(env, 'TEMPORAL_UI_PORT', EMBEDDED_PORTS.temporalUi);
  return {
    port: int(env, 'PORT', 3000),
    databaseUrl: env.DATABASE_URL || undefined,
    dataDir: str(env, 'CREDENCE_DATA_DIR', join(projectRoot(), '.credence', 'data')),
    temporal: {
      address: str(env, 'TEMPORAL_ADDRESS', '127.0.0.1:7233'),
      namespace: str(env, 'TEMPORAL_NAMESPACE', 'default'),
      taskQueue: str(env, 'TEMPORAL_TASK_QUEUE', 'loans'),
      bureauTaskQueue: str(env, 'BUREAU_TASK_QUEUE', 'bureau'),
      bureauRatePerSecond: int(env, 'BUREAU_RATE_LIMIT_PER_SECOND', 20),
    },
    bureau: { url: str(env, 'BUREAU_URL', local(sandboxPorts.bureau)), apiKey: str(env, 'BUREAU_API_KEY', SANDBOX_CREDENTIALS.bureauApiKey), timeoutMs: int(env, 'BUREAU_TIMEOUT_MS', 5000) },
    aggregator: {
      url: str(env, 'AGGREGATOR_URL', local(sandboxPorts.aggregator)),
      apiKey: str(env, 'AGGREGATOR_API_KEY', SANDBOX_CREDENTIALS.aggregatorApiKey),
      timeoutMs: int(env, 'AGGREGATOR_TIMEOUT_MS', 5000),
    },
    gateway: {
      url: str(env, 'GATEWAY_URL', local(sandboxPorts.gateway)),
      secretKey: str(env, 'GATEWAY_SECRET_KEY', SANDBOX_CREDENTIALS.gatewaySecretKey),
      webhookSecret: str(env, 'GATEWAY_WEBHOOK_SECRET', SANDBOX_CREDENTIALS.gatewayWebhookSecret),
      timeoutMs: int(env, 'GATEWAY_TIMEOUT_MS', 10000),
    },
    api: { decisionWaitMs: int(env, 'API_DECISION_WAIT_MS', 30_000), dbPoolSize: int(env, 'API_DB_POOL_SIZE', 10) },
    sandboxPorts,
    embedded: { temporalPort: int(env, 'TEMPORAL_PORT', EMBEDDED_PORTS.temporal), temporalUiPort, postgresPort: int(env, 'EMBEDDED_PG_PORT', EMBEDDED_PORTS.postgres) },
    codecServer: {
      port: int(env, 'CODEC_SERVER_PORT', EMBEDDED_PORTS.codecServer),
      host: str(env, 'CODEC_SERVER_HOST', '127.0.0.1'),
      corsOrigins: str(env, 'CODEC_CORS_ORIGINS', `http://localhost:${temporalUiPort},http://127.0.0.1:${temporalUiPort}`).split(',').map((o) => o.trim()).filter(Boolean),
    },
    logLevel: str(env, 'LOG_LEVEL', 'info'),
  };
}
