// The bank-data (UPI account aggregator) sandbox's HTTP API (README.md beside this file).
import { serveSandbox, SandboxRouter, type RunningSandbox } from '../http-server.js';
import { bearerAuth, IdempotencyCache, invalidRequest, mountSandboxControls, OutageSwitch, serviceUnavailable } from '../data-provider-api.js';
import { profileFor } from '../subject-profiles.js';
import { renderStatement } from './statement.js';
import { readStatementRequest } from './statement-request.js';

export interface AggregatorSandboxOptions {
  apiKey: string;
}

export function createAggregatorRouter(options: AggregatorSandboxOptions): SandboxRouter {
  const router = new SandboxRouter();
  const outage = new OutageSwitch();
  const idempotency = new IdempotencyCache();
  const auth = bearerAuth(options.apiKey);
  mountSandboxControls(router, 'aggregator', outage);

  router.on(
    'POST',
    '/v1/statements',
    auth((req) => {
      if (outage.enabled) return serviceUnavailable('The account aggregator is temporarily unavailable (sandbox outage switched on).');
      return idempotency.handle(req, () => {
        const parsed = readStatementRequest(req.body);
        if (!parsed.ok) return invalidRequest(parsed.fieldErrors);
        return { status: 200, body: renderStatement(parsed.value, profileFor(parsed.value.nationalId).bank) };
      });
    }),
  );
  return router;
}

export function startAggregatorSandbox(options: AggregatorSandboxOptions & { port: number; host?: string }): Promise<RunningSandbox> {
  return serveSandbox(createAggregatorRouter(options), options.port, options.host);
}
