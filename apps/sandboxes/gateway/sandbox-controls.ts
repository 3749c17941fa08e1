// Test controls a real gateway does not expose: simulate a borrower paying us, point webhooks
// somewhere, and list events with their delivery history so tests can assert on them.
import type { Handler, SandboxRouter } from '../http-server.js';
import { invalid, withValid } from './api-responses.js';
import type { GatewayState } from './gateway-state.js';
import { newEvent, newId } from './money-movement.js';
import type { IncomingPayment } from './resources.js';
import { validateIncomingPayment } from './validation.js';
import type { WebhookDispatcher } from './webhook-dispatcher.js';

export function registerSandboxControls(router: SandboxRouter, { state, webhooks, auth }: { state: GatewayState; webhooks: WebhookDispatcher; auth: (h: Handler) => Handler }): void {
  // A borrower paying by UPI / bank transfer / card. The network's reference (externalId) is
  // unique per transfer, so reporting the same one again returns the first record and no event.
  router.on(
    'POST',
    '/_sandbox/incoming-payments',
    auth((req) =>
      withValid(validateIncomingPayment(req.body), (p) => {
        const seen = p.externalId ? state.paymentsByExternalId.get(p.externalId) : undefined;
        if (seen) return { status: 200, body: seen, headers: { 'Idempotent-Replayed': 'true' } };
        const payment: IncomingPayment = {
          id: newId('pay'),
          object: 'payment',
          status: 'received',
          amount: p.amount,
          currency: p.currency,
          reference: p.reference,
          channel: p.channel,
          externalId: p.externalId ?? newId('utr'),
          receivedAt: new Date().toISOString(),
        };
        const event = newEvent('payment.received', payment);
        state.commit({ t: 'object', object: payment }, { t: 'event', event });
        webhooks.enqueue(event.id);
        return { status: 201, body: payment };
      }),
    ),
  );

  router.on(
    'POST',
    '/_sandbox/webhook-endpoint',
    auth((req) => {
      const url = (req.body as { url?: unknown } | undefined)?.url;
      if (url !== null && (typeof url !== 'string' || !URL.canParse(url) || !/^https?:$/.test(new URL(url).protocol))) {
        return invalid([{ field: 'url', message: 'must be an http(s) URL, or null to stop deliveries' }]);
      }
      state.commit({ t: 'webhook_endpoint', url });
      return { status: 200, body: { url } };
    }),
  );

  router.on(
    'GET',
    '/_sandbox/events',
    auth((req) => {
      const type = req.query.get('type');
      const data = [...state.events.values()]
        .filter((e) => !type || e.event.type === type)
        .map((e) => ({ ...e.event, delivery: { outcome: e.outcome, attempts: e.attempts } }));
      return { status: 200, body: { object: 'list', data } };
    }),
  );
}
