// The HTTP API on port 0 over a real loan environment (dev server by default, real Postgres, the
// workers and the sandboxes), and a client that speaks to it as a caller would, with plain fetch
// and an admin's bearer token from the run's issuer.
import type { INestApplication } from '@nestjs/common';
import { pino } from 'pino';
import { createRecoveryContacts } from '../shared/recovery-inbox-factory.js';
import { createApi } from '../api/create-api.js';
import type { Problem } from '../api/http/problem.js';
import { SANDBOX_CREDENTIALS, type EdgeConfig } from '../shared/config.js';
import { signatureHeader } from '../sandboxes/gateway/webhook-dispatcher.js';
import { createLoanTestEnv, type LoanTestEnv, type LoanTestEnvOptions } from './loan-env.js';
import { authAs } from './tokens.js';
import type { AssistantDeps } from '../api/tokens.js';

export interface Answer<T> {
  status: number;
  headers: Headers;
  body: T;
}

export interface ApiHarness {
  t: LoanTestEnv;
  app: INestApplication;
  base: string;
  /** the API's log lines, parsed */
  logLines: Record<string, unknown>[];
  /** a request as a client sends it, as an admin; `T` is what the API promises to answer (a problem otherwise) */
  call<T = Problem>(method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<Answer<T>>;
  /** a gateway webhook with a valid signature over the exact body */
  webhook<T = Problem>(event: unknown): Promise<Answer<T>>;
  close(): Promise<void>;
}

export interface ApiHarnessOptions extends LoanTestEnvOptions {
  /** the API's edge settings over the defaults (per-client rate limits off, say, for a test that sends hundreds of requests) */
  edge?: Partial<EdgeConfig>;
  /** the call assist's clock (its gate checks judge a live call at this instant) */
  callClock?: () => number;
  /** the assistant's chat model and canary (ApiDeps.assistant); offline with a random canary by default */
  assistant?: AssistantDeps;
}

export async function startApiHarness(options: ApiHarnessOptions = { server: 'dev' }): Promise<ApiHarness> {
  const t = await createLoanTestEnv(options);
  const logLines: Record<string, unknown>[] = [];
  const logger = pino({ level: 'info' }, { write: (line: string) => void logLines.push(JSON.parse(line) as Record<string, unknown>) });
  const recoveryContacts = createRecoveryContacts({ orm: t.orm, keyring: t.keyring, identifierKey: t.identifierKey, client: t.loans.client });
  let app: INestApplication | undefined;
  let base: string;
  try {
    const config = options.edge ? { ...t.config, api: { ...t.config.api, edge: { ...t.config.api.edge, ...options.edge } } } : t.config;
    app = await createApi({ config, orm: t.orm, loans: t.loans, models: t.models, logger, contactEvents: recoveryContacts.inbox, recoveryContacts, ...(options.callClock ? { callClock: options.callClock } : {}), ...(options.assistant ? { assistant: options.assistant } : {}) });
    // The port the env addressed the providers' callbacks to.
    await app.listen(t.config.port, '127.0.0.1');
    base = await app.getUrl();
  } catch (err) {
    // The port can be taken between the env choosing it and the API listening (a busy machine): without this the env's workers would poll forever.
    await app?.close().catch(() => undefined);
    await t.teardown().catch(() => undefined);
    throw err;
  }
  const api = app;

  async function call<T = Problem>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Answer<T>> {
    const auth = await authAs('admin');
    const res = await fetch(`${base}${path}`, {
      method,
      headers: body === undefined ? { ...auth, ...headers } : { ...auth, 'content-type': 'application/json', ...headers },
      ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
    });
    const text = await res.text();
    return { status: res.status, headers: res.headers, body: (text ? JSON.parse(text) : undefined) as T };
  }

  return {
    t,
    app: api,
    base,
    logLines,
    call,
    webhook<T = Problem>(event: unknown) {
      const raw = JSON.stringify(event);
      return call<T>('POST', '/v1/webhooks/gateway', raw, { 'Gateway-Signature': signatureHeader(raw, SANDBOX_CREDENTIALS.gatewayWebhookSecret, Math.floor(Date.now() / 1000)) });
    },
    async close() {
      await api.close();
      await t.teardown();
    },
  };
}
