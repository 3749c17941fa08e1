// Every setting Credence reads from the environment, in one place, with the embedded defaults
// `npm start` uses. Production points the URLs elsewhere; nothing else reads process.env.
import { join } from 'node:path';
import type { LobReturnAddress } from '../../adapters/lob/lob-channel.js';
import { projectRoot } from '../launcher/temporal-binary.js';

export interface CredenceConfig {
  port: number;
  /** the API's listening address: loopback unless API_HOST exposes it (0.0.0.0 in a container) */
  host: string;
  databaseUrl: string | undefined;
  dataDir: string;
  /**
   * workflowCacheSize: how many workflows a worker keeps in memory between tasks (the SDK's
   * maxCachedWorkflows; undefined keeps its default, which scales with the heap). 0 turns sticky
   * execution off: every workflow task replays its history, and any worker of the queue can take it.
   */
  temporal: { address: string; namespace: string; taskQueue: string; bureauTaskQueue: string; bureauRatePerSecond: number; workflowCacheSize: number | undefined };
  bureau: { url: string; apiKey: string; timeoutMs: number };
  aggregator: { url: string; apiKey: string; timeoutMs: number };
  gateway: { url: string; secretKey: string; webhookSecret: string; timeoutMs: number };
  /**
   * SMS, WhatsApp and voice. publicWebhookBase is the API's address as Twilio reaches it: status
   * callbacks and Gather actions point there, and signatures are checked over that URL.
   * callEventsLagMs: how long after a call ends Twilio shows its Events, by which a call whose
   * answer was lost is told to be ours (until then it is not guessed at); undefined: the adapter's
   * default, what Twilio documents.
   */
  twilio: { url: string; accountSid: string; authToken: string; fromNumber: string; whatsappFrom: string; publicWebhookBase: string; timeoutMs: number; callEventsLagMs: number | undefined };
  /**
   * Email. eventWebhookPublicKey verifies the signed event webhook (base64 DER, as SendGrid's
   * settings page shows it); the private key exists only for the sandbox, which signs with it.
   * activityLagMs: how long after SendGrid takes an email its Email Activity search may not show
   * it; an email whose answer was lost is not sent again before that has passed (undefined: the
   * adapter's default).
   */
  sendgrid: { url: string; apiKey: string; from: string; eventWebhookPublicKey: string; eventWebhookPrivateKey: string | undefined; timeoutMs: number; activityLagMs: number | undefined };
  /**
   * Letters, through Lob's print-and-mail API. webhookSecret verifies Lob's signed webhooks (and the
   * sandbox signs with it); from is the return address printed on every letter (Lob's address
   * fields; the name is the collector's legal name).
   */
  lob: { url: string; apiKey: string; webhookSecret: string; from: LobReturnAddress; timeoutMs: number };
  /** decisionWaitMs: `POST /v1/applications?wait=decision` answers 202 instead once the decision takes longer */
  api: { decisionWaitMs: number; dbPoolSize: number; edge: EdgeConfig };
  /** where `npm start` runs the provider sandboxes (when their URLs are not set) */
  sandboxPorts: { bureau: number; aggregator: number; gateway: number; twilio: number; sendgrid: number; oidc: number; lob: number };
  /** what `npm start` embeds when TEMPORAL_ADDRESS / DATABASE_URL are not set */
  embedded: { temporalPort: number; temporalUiPort: number; postgresPort: number };
  /** the codec server that lets the Temporal UI show decrypted payloads (apps/codec-server) */
  codecServer: { port: number; host: string; corsOrigins: string[] };
  /**
   * Who the messages and the borrower's pages say is writing: the lender (the creditor, and the
   * original creditor of the loans it made here), the agent collecting for it (RBI: both named in
   * every contact), and the debt collector as Regulation F requires the validation notice to
   * identify it (12 CFR 1006.34(c)(1)). signalRelay: the worker's relay of signals to episodes
   * left unsent in the outbox (apps/worker/episode-signal-relay.ts): rows older than afterMs,
   * looked for every everyMs.
   */
  recovery: RecoveryIdentity & { signalRelay: { afterMs: number; everyMs: number } };
  auth: AuthConfig;
  logLevel: string;
}

export interface CollectorIdentity {
  /** the debt collector's legal name, as the validation notice names it */
  legalName: string;
  /** where consumers write to dispute or ask for the original creditor (1006.34(c)(1)) */
  mailingAddress: string;
  /** the number consumers call */
  phone: string;
  /** when that number is answered, as the notice words it */
  hours: string;
}

export interface RecoveryIdentity {
  lenderName: string;
  /** the lender's mailing address: the answer to a request for the original creditor of a loan it made (1006.38(c)) */
  lenderAddress: string;
  agentName: string;
  collector: CollectorIdentity;
}

/**
 * Placeholders `npm start` puts in the validation notice and the messages when the environment
 * names no collector, so a laptop shows a complete notice. They are marked as development
 * defaults where they show (the addresses say so; 555-01xx numbers are reserved for fiction), and
 * a production process refuses to start on them (assertProductionSettings).
 */
export const DEVELOPMENT_IDENTITY = {
  lenderAddress: '1 Example Way, Suite 200, Wilmington, DE 19801 (development default)',
  collector: {
    mailingAddress: '1 Example Way, Suite 100, Wilmington, DE 19801 (development default)',
    phone: '+1 (555) 010-0199',
    hours: 'Monday to Friday, 9 a.m. to 5 p.m. Eastern Time',
  },
} as const;

/** The collector's development mailing address above, as Lob's address fields write it: the return address on letters under `npm start`. */
export const DEVELOPMENT_LETTER_RETURN_ADDRESS = { address_line1: '1 Example Way', address_line2: 'Suite 100', address_city: 'Wilmington', address_state: 'DE', address_zip: '19801' } as const;

/** The return address on letters without the name (the collector's legal name is added): Lob's US address fields. */
export type LetterReturnAddress = Omit<LobReturnAddress, 'name'>;

/** Settings with a development default that a production process must be given (NODE_ENV=production). */
export const REQUIRED_IN_PRODUCTION = {
  COLLECTOR_LEGAL_NAME: "the debt collector's legal name (12 CFR 1006.34(c)(1))",
  COLLECTOR_MAILING_ADDRESS: "the debt collector's mailing address (12 CFR 1006.34(c)(1))",
  COLLECTOR_PHONE: 'the number consumers call the debt collector on',
  COLLECTOR_HOURS: 'when that number is answered',
  LENDER_ADDRESS: "the lender's mailing address, the answer to a request for the original creditor of a loan it made (12 CFR 1006.38(c))",
  LOB_FROM_ADDRESS: 'the return address printed on letters (the collector\'s mailing address as JSON of Lob\'s address fields: address_line1, address_line2, address_city, address_state, address_zip)',
} as const;

export class ProductionSettingsError extends Error {
  override readonly name = 'ProductionSettingsError';
}

/** Production is what the image runs (Dockerfile: NODE_ENV=production). */
export function isProduction(env: NodeJS.ProcessEnv = process.env): boolean {
  return env.NODE_ENV === 'production';
}

/** The required settings the environment leaves empty: what `npm start` fills with DEVELOPMENT_IDENTITY. */
export function developmentDefaultsInUse(env: NodeJS.ProcessEnv = process.env): (keyof typeof REQUIRED_IN_PRODUCTION)[] {
  return (Object.keys(REQUIRED_IN_PRODUCTION) as (keyof typeof REQUIRED_IN_PRODUCTION)[]).filter((name) => (env[name] ?? '').trim() === '');
}

/**
 * The API and the worker call this first: in production, a validation notice or message naming a
 * placeholder collector must never reach a borrower, so a missing setting stops the process with
 * every missing name and what it is for.
 */
export function assertProductionSettings(env: NodeJS.ProcessEnv = process.env): void {
  if (!isProduction(env)) return;
  const missing = developmentDefaultsInUse(env);
  if (missing.length === 0) return;
  throw new ProductionSettingsError(
    `NODE_ENV=production needs ${missing.join(', ')}: ${missing.map((name) => `${name} is ${REQUIRED_IN_PRODUCTION[name]}`).join('; ')}. ` +
      'The development defaults `npm start` uses are placeholders and are never used in production (README, "Who the notices name").',
  );
}

/**
 * A production API trusts only an issuer it was told of: the local development issuer's address,
 * on the API's own host, would be anyone's to occupy who can listen there.
 */
export function assertIssuerConfigured(env: NodeJS.ProcessEnv = process.env): void {
  if (isProduction(env) && !env.OIDC_ISSUER) {
    throw new ProductionSettingsError('NODE_ENV=production needs OIDC_ISSUER: the identity provider whose access tokens people bring (the local development issuer is for `npm start` only; README, "Logins and roles")');
  }
}

/**
 * Who may call the API. People bring an OIDC access token (a JWT) from `issuer` for `audience`;
 * the issuer's keys come from its discovery document's jwks_uri. Machines bring an API key.
 */
export interface AuthConfig {
  /** the issuer identifier, exactly as the tokens' `iss` says it; discovery is at <issuer>/.well-known/openid-configuration */
  issuer: string;
  audience: string;
  /** the claim that lists a person's roles (a dotted path reaches into an object: realm_access.roles) */
  rolesClaim: string;
  /** the claim naming the agency an agency user works for */
  agencyClaim: string;
  /** how far the API's clock and the issuer's may disagree on exp and nbf */
  clockToleranceSeconds: number;
  /** an unknown key id fetches the issuer's keys again at most this often (a rotated key is picked up then) */
  jwksCooldownSeconds: number;
  /** true when no OIDC_ISSUER is set: the issuer is the local development one `npm start` runs */
  localIssuer: boolean;
}

/**
 * The kinds of request the API's edge admits and limits separately, so that one kind's flood
 * never starves another: stateless scoring (CPU), loan commands (Temporal, up to
 * API_DECISION_WAIT_MS each), reads (Postgres), the providers' signed webhooks, the pages
 * borrowers open from our messages (anonymous, and in bursts after a mass send), and ops (health,
 * metrics, the OpenAPI document and its UI).
 */
export const ROUTE_CLASSES = ['score', 'command', 'read', 'webhook', 'borrower', 'ops'] as const;
export type RouteClass = (typeof ROUTE_CLASSES)[number];

export interface AdmissionLimit {
  /** requests of the class being worked on at once */
  concurrency: number;
  /** requests waiting for a free slot; more are refused at once */
  queue: number;
  /** the longest a request waits for a slot: refused at once when its wait would be longer */
  maxWaitMs: number;
}

export interface RateLimit {
  /** tokens a client regains per second */
  perSecond: number;
  /** the most a client can spend at once */
  burst: number;
}

export interface EdgeConfig {
  /** null: no load shedding (every request queues in the event loop, as before the edge existed) */
  admission: Record<RouteClass, AdmissionLimit> | null;
  /** null: no per-client limit */
  rateLimit: Record<RouteClass, RateLimit> | null;
  /** proxies in front of the API whose X-Forwarded-For / X-Forwarded-Proto are believed */
  trustProxy: number;
  /** Strict-Transport-Security max-age, sent on requests that arrived over TLS; 0 never sends it */
  hstsMaxAgeSeconds: number;
  headersTimeoutMs: number;
  requestTimeoutMs: number;
  keepAliveTimeoutMs: number;
  /** 0: no cap beyond the process's open-files limit */
  maxConnections: number;
  listenBacklog: number;
}

export const DEFAULT_ADMISSION: Record<RouteClass, AdmissionLimit> = {
  score: { concurrency: 128, queue: 1024, maxWaitMs: 250 },
  command: { concurrency: 256, queue: 512, maxWaitMs: 1000 },
  read: { concurrency: 64, queue: 512, maxWaitMs: 500 },
  webhook: { concurrency: 32, queue: 256, maxWaitMs: 2000 },
  // Fewer at once than the API's database connections (API_DB_POOL_SIZE, 10): a burst of clicks
  // never holds the whole pool ops' reads need. A page is a few short queries; the queue holds a
  // burst's peak for up to 2 s, about as long as a person waits for a page.
  borrower: { concurrency: 8, queue: 512, maxWaitMs: 2000 },
  ops: { concurrency: 8, queue: 64, maxWaitMs: 2000 },
};

export const DEFAULT_RATE_LIMIT: Record<RouteClass, RateLimit> = {
  score: { perSecond: 200, burst: 400 },
  command: { perSecond: 50, burst: 200 },
  read: { perSecond: 200, burst: 400 },
  webhook: { perSecond: 200, burst: 400 },
  // A person opens a page or two; the room above that is for many borrowers behind one carrier's
  // NAT address, and for mail providers posting their users' one-click unsubscribes.
  borrower: { perSecond: 20, burst: 100 },
  ops: { perSecond: 20, burst: 100 },
};

export const SANDBOX_PORTS = { bureau: 4010, aggregator: 4020, gateway: 4030, twilio: 4040, sendgrid: 4050, oidc: 4060, lob: 4070 } as const;
/** The audience the API expects in people's tokens unless OIDC_AUDIENCE says otherwise (the local issuer's default too). */
export const DEFAULT_OIDC_AUDIENCE = 'credence-api';
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
  twilioAccountSid: 'AC5a4db0c0ffee00000000000000000001',
  twilioAuthToken: 'sandbox_twilio_auth_token_0000000',
  twilioFromNumber: '+15005550006',
  twilioWhatsappFrom: 'whatsapp:+14155238886',
  sendgridApiKey: 'SG.sandbox.sendgrid_api_key',
  sendgridFrom: 'collections@credence.example',
  /** a P-256 key pair made for the sandbox: base64 DER (SPKI public, PKCS#8 private), as SendGrid shows keys */
  sendgridEventPublicKey: 'MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEHAQ0VXPLpFPtw5W7Vx7ds0hfAbyW+ykBsR6i4cgWfmJuHrhjBuponzX8y6a6JtT29lB+c0ymcTwZPta+uv+5vw==',
  sendgridEventPrivateKey: 'MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgHm5CThoKqM6NsTHzNlbBcMcQ1KjVULWM+TTpQ4QYXp6hRANCAAQcBDRVc8ukU+3DlbtXHt2zSF8BvJb7KQGxHqLhyBZ+Ym4euGMG6mifNfzLprom1Pb2UH5zTKZxPBk+1r66/7m/',
  /** Lob's test keys start test_; the sandbox takes this one (HTTP Basic, as the user name) */
  lobApiKey: 'test_sandbox_lob_api_key_0000000000',
  lobWebhookSecret: 'lob_sandbox_webhook_secret',
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

/**
 * `off`, or overrides of some classes' defaults: `score=8/2048/250,read=64/512/500`
 * (API_ADMISSION: concurrency/queue/maxWaitMs) or `score=100/200` (API_RATE_LIMIT: perSecond/burst).
 */
function perClass<T>(env: NodeJS.ProcessEnv, name: string, defaults: Record<RouteClass, T>, fields: (keyof T)[]): Record<RouteClass, T> | null {
  const raw = env[name]?.trim();
  if (raw === 'off') return null;
  const result = { ...defaults };
  if (raw === undefined || raw === '') return result;
  const format = `${name} must be "off" or a list like "${ROUTE_CLASSES[0]}=${fields.map((f) => String(f)).join('/')},…" with classes ${ROUTE_CLASSES.join(', ')}`;
  for (const entry of raw.split(',')) {
    const [cls, spec] = entry.trim().split('=');
    const values = spec?.split('/').map(Number) ?? [];
    if (!ROUTE_CLASSES.includes(cls as RouteClass) || values.length !== fields.length || !values.every((v) => Number.isInteger(v) && v >= 0)) throw new Error(`${format}, got "${entry}"`);
    result[cls as RouteClass] = Object.fromEntries(fields.map((f, i) => [f, values[i]])) as T;
  }
  return result;
}

function edgeConfig(env: NodeJS.ProcessEnv): EdgeConfig {
  const edge: EdgeConfig = {
    admission: perClass(env, 'API_ADMISSION', DEFAULT_ADMISSION, ['concurrency', 'queue', 'maxWaitMs']),
    rateLimit: perClass(env, 'API_RATE_LIMIT', DEFAULT_RATE_LIMIT, ['perSecond', 'burst']),
    trustProxy: int(env, 'API_TRUST_PROXY', 0),
    hstsMaxAgeSeconds: int(env, 'API_HSTS_MAX_AGE', 31_536_000),
    headersTimeoutMs: int(env, 'API_HEADERS_TIMEOUT_MS', 10_000),
    requestTimeoutMs: int(env, 'API_REQUEST_TIMEOUT_MS', 30_000),
    keepAliveTimeoutMs: int(env, 'API_KEEP_ALIVE_TIMEOUT_MS', 5_000),
    maxConnections: int(env, 'API_MAX_CONNECTIONS', 0),
    listenBacklog: int(env, 'API_LISTEN_BACKLOG', 4096),
  };
  // Node refuses a headers timeout longer than the whole-request timeout.
  if (edge.requestTimeoutMs > 0 && edge.headersTimeoutMs > edge.requestTimeoutMs) throw new Error('API_HEADERS_TIMEOUT_MS must not exceed API_REQUEST_TIMEOUT_MS');
  for (const [cls, limit] of Object.entries(edge.admission ?? {})) if (limit.concurrency === 0) throw new Error(`API_ADMISSION: ${cls} needs a concurrency of at least 1`);
  for (const [cls, limit] of Object.entries(edge.rateLimit ?? {})) if (limit.perSecond === 0 || limit.burst === 0) throw new Error(`API_RATE_LIMIT: ${cls} needs a rate and a burst of at least 1`);
  return edge;
}

/** LOB_FROM_ADDRESS: JSON of Lob's US address fields; refused at start when it is not one (a letter would be refused at every send). */
function letterReturnAddress(env: NodeJS.ProcessEnv): LetterReturnAddress {
  const raw = env.LOB_FROM_ADDRESS?.trim();
  if (!raw) return { ...DEVELOPMENT_LETTER_RETURN_ADDRESS };
  const format = 'LOB_FROM_ADDRESS must be JSON like {"address_line1":"…","address_line2":"…","address_city":"…","address_state":"DE","address_zip":"19801"}';
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    throw new Error(`${format}: it is not JSON`);
  }
  const a = (typeof parsed === 'object' && parsed !== null ? parsed : {}) as Record<string, unknown>;
  const field = (name: string, pattern: RegExp) => {
    const v = a[name];
    if (typeof v !== 'string' || !pattern.test(v.trim())) throw new Error(`${format}: ${name} is missing or malformed`);
    return v.trim();
  };
  const line2 = a.address_line2;
  if (line2 !== undefined && typeof line2 !== 'string') throw new Error(`${format}: address_line2 must be text`);
  return {
    address_line1: field('address_line1', /^.{1,64}$/),
    ...(typeof line2 === 'string' && line2.trim() !== '' ? { address_line2: line2.trim() } : {}),
    address_city: field('address_city', /^.{1,200}$/),
    address_state: field('address_state', /^[A-Za-z]{2}$/),
    address_zip: field('address_zip', /^\d{5}(-\d{4})?$/),
  };
}

function recoveryIdentity(env: NodeJS.ProcessEnv): RecoveryIdentity {
  const text = (name: string, fallback: string) => str(env, name, fallback).trim() || fallback;
  const agentName = text('COLLECTIONS_AGENT_NAME', 'Credence Collections');
  const dev = DEVELOPMENT_IDENTITY;
  return {
    lenderName: text('LENDER_NAME', 'Credence Finance'),
    lenderAddress: text('LENDER_ADDRESS', dev.lenderAddress),
    agentName,
    collector: {
      // In development the collector is the collections agent the messages already name.
      legalName: text('COLLECTOR_LEGAL_NAME', agentName),
      mailingAddress: text('COLLECTOR_MAILING_ADDRESS', dev.collector.mailingAddress),
      phone: text('COLLECTOR_PHONE', dev.collector.phone),
      hours: text('COLLECTOR_HOURS', dev.collector.hours),
    },
  };
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): CredenceConfig {
  const local = (port: number) => `http://127.0.0.1:${port}`;
  const sandboxPorts = {
    bureau: int(env, 'BUREAU_PORT', SANDBOX_PORTS.bureau),
    aggregator: int(env, 'AGGREGATOR_PORT', SANDBOX_PORTS.aggregator),
    gateway: int(env, 'GATEWAY_PORT', SANDBOX_PORTS.gateway),
    twilio: int(env, 'TWILIO_PORT', SANDBOX_PORTS.twilio),
    sendgrid: int(env, 'SENDGRID_PORT', SANDBOX_PORTS.sendgrid),
    oidc: int(env, 'OIDC_PORT', SANDBOX_PORTS.oidc),
    lob: int(env, 'LOB_PORT', SANDBOX_PORTS.lob),
  };
  const identity = recoveryIdentity(env);
  const apiPort = int(env, 'PORT', 3000);
  const temporalUiPort = int(env, 'TEMPORAL_UI_PORT', EMBEDDED_PORTS.temporalUi);
  return {
    port: apiPort,
    host: str(env, 'API_HOST', '127.0.0.1'),
    databaseUrl: env.DATABASE_URL || undefined,
    dataDir: str(env, 'CREDENCE_DATA_DIR', join(projectRoot(), '.credence', 'data')),
    temporal: {
      address: str(env, 'TEMPORAL_ADDRESS', '127.0.0.1:7233'),
      namespace: str(env, 'TEMPORAL_NAMESPACE', 'default'),
      taskQueue: str(env, 'TEMPORAL_TASK_QUEUE', 'loans'),
      bureauTaskQueue: str(env, 'BUREAU_TASK_QUEUE', 'bureau'),
      bureauRatePerSecond: int(env, 'BUREAU_RATE_LIMIT_PER_SECOND', 20),
      workflowCacheSize: env.TEMPORAL_WORKFLOW_CACHE_SIZE ? int(env, 'TEMPORAL_WORKFLOW_CACHE_SIZE', 0) : undefined,
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
    twilio: {
      url: str(env, 'TWILIO_URL', local(sandboxPorts.twilio)),
      accountSid: str(env, 'TWILIO_ACCOUNT_SID', SANDBOX_CREDENTIALS.twilioAccountSid),
      authToken: str(env, 'TWILIO_AUTH_TOKEN', SANDBOX_CREDENTIALS.twilioAuthToken),
      fromNumber: str(env, 'TWILIO_FROM_NUMBER', SANDBOX_CREDENTIALS.twilioFromNumber),
      whatsappFrom: str(env, 'TWILIO_WHATSAPP_FROM', SANDBOX_CREDENTIALS.twilioWhatsappFrom),
      publicWebhookBase: str(env, 'PUBLIC_WEBHOOK_BASE', local(apiPort)).replace(/\/+$/, ''),
      timeoutMs: int(env, 'TWILIO_TIMEOUT_MS', 10000),
      callEventsLagMs: env.TWILIO_CALL_EVENTS_LAG_MS ? int(env, 'TWILIO_CALL_EVENTS_LAG_MS', 0) : undefined,
    },
    sendgrid: {
      url: str(env, 'SENDGRID_URL', local(sandboxPorts.sendgrid)),
      apiKey: str(env, 'SENDGRID_API_KEY', SANDBOX_CREDENTIALS.sendgridApiKey),
      from: str(env, 'SENDGRID_FROM', SANDBOX_CREDENTIALS.sendgridFrom),
      eventWebhookPublicKey: str(env, 'SENDGRID_EVENT_WEBHOOK_PUBLIC_KEY', SANDBOX_CREDENTIALS.sendgridEventPublicKey),
      // Only the sandbox signs; a production environment sets the public key and no private one.
      eventWebhookPrivateKey: env.SENDGRID_EVENT_WEBHOOK_PUBLIC_KEY ? env.SENDGRID_EVENT_WEBHOOK_PRIVATE_KEY || undefined : SANDBOX_CREDENTIALS.sendgridEventPrivateKey,
      timeoutMs: int(env, 'SENDGRID_TIMEOUT_MS', 10000),
      activityLagMs: env.SENDGRID_ACTIVITY_LAG_MS ? int(env, 'SENDGRID_ACTIVITY_LAG_MS', 0) : undefined,
    },
    lob: {
      url: str(env, 'LOB_URL', local(sandboxPorts.lob)),
      apiKey: str(env, 'LOB_API_KEY', SANDBOX_CREDENTIALS.lobApiKey),
      webhookSecret: str(env, 'LOB_WEBHOOK_SECRET', SANDBOX_CREDENTIALS.lobWebhookSecret),
      from: { name: identity.collector.legalName.slice(0, 40), ...letterReturnAddress(env) },
      timeoutMs: int(env, 'LOB_TIMEOUT_MS', 10000),
    },
    api: { decisionWaitMs: int(env, 'API_DECISION_WAIT_MS', 30_000), dbPoolSize: int(env, 'API_DB_POOL_SIZE', 10), edge: edgeConfig(env) },
    sandboxPorts,
    embedded: { temporalPort: int(env, 'TEMPORAL_PORT', EMBEDDED_PORTS.temporal), temporalUiPort, postgresPort: int(env, 'EMBEDDED_PG_PORT', EMBEDDED_PORTS.postgres) },
    codecServer: {
      port: int(env, 'CODEC_SERVER_PORT', EMBEDDED_PORTS.codecServer),
      host: str(env, 'CODEC_SERVER_HOST', '127.0.0.1'),
      corsOrigins: str(env, 'CODEC_CORS_ORIGINS', `http://localhost:${temporalUiPort},http://127.0.0.1:${temporalUiPort}`).split(',').map((o) => o.trim()).filter(Boolean),
    },
    recovery: {
      ...identity,
      signalRelay: { afterMs: int(env, 'EPISODE_SIGNAL_RELAY_AFTER_MS', 10_000), everyMs: int(env, 'EPISODE_SIGNAL_RELAY_EVERY_MS', 2_000) },
    },
    auth: {
      // Kept exactly as given: an issuer identifier with a trailing slash is another identifier.
      issuer: str(env, 'OIDC_ISSUER', local(sandboxPorts.oidc)),
      audience: str(env, 'OIDC_AUDIENCE', DEFAULT_OIDC_AUDIENCE),
      rolesClaim: str(env, 'OIDC_ROLES_CLAIM', 'roles'),
      agencyClaim: str(env, 'OIDC_AGENCY_CLAIM', 'agency_id'),
      clockToleranceSeconds: int(env, 'OIDC_CLOCK_TOLERANCE_SECONDS', 30),
      jwksCooldownSeconds: int(env, 'OIDC_JWKS_COOLDOWN_SECONDS', 30),
      localIssuer: !env.OIDC_ISSUER,
    },
    logLevel: str(env, 'LOG_LEVEL', 'info'),
  };
}
