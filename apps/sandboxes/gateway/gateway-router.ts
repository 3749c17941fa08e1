// The gateway sandbox's HTTP API (README.md documents it): payouts, collections and refunds under /v1,
// test controls under /_sandbox (sandbox-controls.ts). Everything but /health needs
// `Authorization: Bearer <secretKey>`.
import { SandboxRouter } from '../http-server.js';
import { found, list, refundsOf, withValid } from './api-responses.js';
import { bearerAuth } from './bearer-auth.js';
import { GatewayState } from './gateway-state.js';
import { IdempotencyGuard, KeyedLock } from './idempotency.js';
import { moveMoney, newId, type MoneyMovementContext } from './money-movement.js';
import { createRefund } from './refunds.js';
import type { Collection, Payout } from './resources.js';
import { registerSandboxControls } from './sandbox-controls.js';
import { validateCollection, validatePayout, validateRefund } from './validation.js';
import { DEFAULT_WEBHOOK_RETRY, WebhookDispatcher, type WebhookRetryPolicy } from './webhook-dispatcher.js';

export interface GatewayOptions {
  secretKey: string;
  webhookSecret: string;
  /** overrides an endpoint persisted in dataDir */
  webhookUrl?: string;
  /** persist to <dataDir>/gateway.jsonl; in memory when absent */
  dataDir?: string;
  webhookRetry?: Partial<WebhookRetryPolicy>;
  /** simulated bank latency per payout or collection (default 0) */
  processingDelayMs?: number;
}

export interface GatewayRouter {
  router: SandboxRouter;
  /** resolves once every queued webhook delivery has succeeded or given up */
  webhooksSettled(): Promise<void>;
  /** stops webhook deliveries; undelivered events resume on the next start with the same dataDir */
  stop(): void;
}

export function createGatewayRouter(options: GatewayOptions): GatewayRouter {
  const state = GatewayState.open(options.dataDir);
  if (options.webhookUrl !== undefined && options.webhookUrl !== state.webhookUrl) state.commit({ t: 'webhook_endpoint', url: options.webhookUrl });
  const webhooks = new WebhookDispatcher(state, options.webhookSecret, { ...DEFAULT_WEBHOOK_RETRY, ...options.webhookRetry });
  const ctx: MoneyMovementContext = { state, webhooks, processingDelayMs: options.processingDelayMs ?? 0 };
  const idempotency = new IdempotencyGuard(state);
  const paymentLocks = new KeyedLock();
  const auth = bearerAuth(options.secretKey);
  const router = new SandboxRouter();

  router.on('GET', '/health', () => ({ status: 200, body: { status: 'ok' } }));

  router.on(
    'POST',
    '/v1/payouts',
    auth((req) =>
      idempotency.handle(req, (claim) =>
        withValid(validatePayout(req.body), (p) =>
          moveMoney(ctx, claim, 'payout', p.destination.accountNumber, (decline): Payout => ({
            id: newId('po'),
            object: 'payout',
            status: decline ? 'failed' : 'paid',
            ...decline,
            amount: p.amount,
            currency: p.currency,
            destination: p.destination,
            reference: p.reference,
            metadata: p.metadata,
            createdAt: new Date().toISOString(),
          })),
        ),
      ),
    ),
  );

  router.on(
    'POST',
    '/v1/collections',
    auth((req) =>
      idempotency.handle(req, (claim) =>
        withValid(validateCollection(req.body), (p) =>
          moveMoney(ctx, claim, 'collection', p.source.accountNumber, (decline): Collection => ({
            id: newId('col'),
            object: 'collection',
            status: decline ? 'failed' : 'succeeded',
            ...decline,
            amount: p.amount,
            currency: p.currency,
            source: p.source,
            reference: p.reference,
            ...(p.mandate ? { mandate: p.mandate } : {}),
            metadata: p.metadata,
            createdAt: new Date().toISOString(),
          })),
        ),
      ),
    ),
  );

  router.on(
    'POST',
    '/v1/refunds',
    auth((req) => idempotency.handle(req, (claim) => withValid(validateRefund(req.body), (p) => createRefund(ctx, paymentLocks, claim, p)))),
  );

  router.on('GET', '/v1/payouts', auth((req) => list([...state.payouts.values()], req.query.get('reference'))));
  router.on('GET', '/v1/collections', auth((req) => list([...state.collections.values()], req.query.get('reference'))));
  router.on('GET', '/v1/payouts/:id', auth((req) => found(state.payouts.get(req.params['id'] ?? ''), 'payout')));
  router.on('GET', '/v1/collections/:id', auth((req) => found(state.collections.get(req.params['id'] ?? ''), 'collection')));
  router.on('GET', '/v1/payments/:id', auth((req) => found(state.payments.get(req.params['id'] ?? ''), 'payment')));
  router.on('GET', '/v1/refunds', auth((req) => refundsOf([...state.refunds.values()], req.query.get('payment'))));
  router.on('GET', '/v1/refunds/:id', auth((req) => found(state.refunds.get(req.params['id'] ?? ''), 'refund')));

  registerSandboxControls(router, { state, webhooks, auth });

  webhooks.resume();
  return { router, webhooksSettled: () => webhooks.settled(), stop: () => webhooks.stop() };
}
