// One payout, collection or refund under an idempotency claim: apply the test account's behaviour, record
// the object with its idempotency record and its event in one journal batch, then queue the webhook.
import { randomBytes } from 'node:crypto';
import { setTimeout as delay } from 'node:timers/promises';
import type { SandboxResponse } from '../http-server.js';
import type { GatewayState } from './gateway-state.js';
import { remember, type IdempotencyClaim } from './idempotency.js';
import { apiError, type Collection, type GatewayEvent, type GatewayEventType, type IncomingPayment, type Payout, type Refund } from './resources.js';
import { behaviourFor, type GatewayOperation } from './test-accounts.js';
import type { WebhookDispatcher } from './webhook-dispatcher.js';

export interface MoneyMovementContext {
  state: GatewayState;
  webhooks: WebhookDispatcher;
  /** simulated bank latency; it is also the window a second request under the same key would race into */
  processingDelayMs: number;
}

export type Decline = { failureCode: string; failureMessage: string } | undefined;

export function newId(prefix: string): string {
  return `${prefix}_${randomBytes(12).toString('hex')}`;
}

export function newEvent(type: GatewayEventType, object: Payout | Collection | IncomingPayment | Refund): GatewayEvent {
  return { id: newId('evt'), object: 'event', type, created: Math.floor(Date.now() / 1000), data: { object } };
}

export async function moveMoney(
  ctx: MoneyMovementContext,
  claim: IdempotencyClaim,
  operation: GatewayOperation,
  accountNumber: string,
  build: (decline: Decline) => Payout | Collection | Refund,
): Promise<SandboxResponse> {
  const behaviour = behaviourFor(operation, accountNumber);
  if (behaviour.kind === 'unavailable_once' && !ctx.state.unavailableServed.has(claim.key)) {
    ctx.state.commit({ t: 'unavailable_served', key: claim.key });
    return { status: 503, body: apiError('api_error', 'service_unavailable', 'The bank is temporarily unavailable. Nothing was executed; retry with the same Idempotency-Key.') };
  }
  await delay(ctx.processingDelayMs);
  const object = build(behaviour.kind === 'decline' ? behaviour : undefined);
  const response: SandboxResponse = { status: 200, body: object };
  const event = newEvent(eventType(object), object);
  ctx.state.commit({ t: 'object', object }, remember(claim, response), { t: 'event', event });
  ctx.webhooks.enqueue(event.id);
  // Once per key by construction: the retry finds the idempotency record and replays the result.
  if (behaviour.kind === 'timeout_after_commit_once') {
    return { status: 504, body: apiError('api_error', 'gateway_timeout', 'The request timed out upstream; its outcome is unknown. Retry with the same Idempotency-Key.') };
  }
  return response;
}

function eventType(object: Payout | Collection | Refund): GatewayEventType {
  if (object.object === 'payout') return object.status === 'paid' ? 'payout.paid' : 'payout.failed';
  if (object.object === 'refund') return object.status === 'succeeded' ? 'refund.succeeded' : 'refund.failed';
  return object.status === 'succeeded' ? 'collection.succeeded' : 'collection.failed';
}
