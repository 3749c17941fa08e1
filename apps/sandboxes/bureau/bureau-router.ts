// The credit-bureau sandbox's HTTP API (README.md beside this file documents it).
import { serveSandbox, SandboxRouter, type RunningSandbox } from '../http-server.js';
import { bearerAuth, IdempotencyCache, invalidRequest, mountSandboxControls, OutageSwitch, serviceUnavailable } from '../data-provider-api.js';
import { profileFor } from '../subject-profiles.js';
import { renderCreditReport } from './credit-report.js';
import { readCreditReportRequest } from './credit-report-request.js';

export interface BureauSandboxOptions {
  apiKey: string;
}

export function createBureauRouter(options: BureauSandboxOptions): SandboxRouter {
  const router = new SandboxRouter();
  const outage = new OutageSwitch();
  const idempotency = new IdempotencyCache();
  const auth = bearerAuth(options.apiKey);
  mountSandboxControls(router, 'bureau', outage);

  router.on(
    'POST',
    '/v1/credit-reports',
    auth((req) => {
      if (outage.enabled) return serviceUnavailable('The credit bureau is temporarily unavailable (sandbox outage switched on).');
      return idempotency.handle(req, () => {
        const parsed = readCreditReportRequest(req.body);
        if (!parsed.ok) return invalidRequest(parsed.fieldErrors);
        const plan = profileFor(parsed.value.nationalId).bureau;
        if (plan.kind === 'outage') return serviceUnavailable('The credit bureau is temporarily unavailable.');
        return { status: 200, body: renderCreditReport(parsed.value, plan) };
      });
    }),
  );
  return router;
}

export function startBureauSandbox(options: BureauSandboxOptions & { port: number; host?: string }): Promise<RunningSandbox> {
  return serveSandbox(createBureauRouter(options), options.port, options.host);
}
