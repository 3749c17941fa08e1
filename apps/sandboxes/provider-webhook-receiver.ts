// Stands in for the API's provider webhooks in the adapters' and sandboxes' own tests: records
// each request with the full URL it was posted to (query included, as Twilio signs it), its
// parsed form or raw body, and its headers, and answers 200.
import { SandboxRouter, serveSandbox, type SandboxRequest } from './http-server.js';

export interface ReceivedCallback {
  url: string;
  path: string;
  form: Record<string, string>;
  rawBody: string;
  headers: SandboxRequest['headers'];
}

export interface ProviderWebhookReceiver {
  url: string;
  received: ReceivedCallback[];
  /** resolves once `count` requests to `path` have arrived (or fails after `timeoutMs`) */
  waitFor(path: string, count: number, timeoutMs?: number): Promise<ReceivedCallback[]>;
  close(): Promise<void>;
}

const PATHS = ['/v1/webhooks/twilio/status', '/v1/webhooks/twilio/inbound', '/v1/webhooks/twilio/voice/gather', '/v1/webhooks/sendgrid/events', '/v1/webhooks/lob/events'];

export async function startProviderWebhookReceiver(): Promise<ProviderWebhookReceiver> {
  const received: ReceivedCallback[] = [];
  const router = new SandboxRouter();
  let base = '';
  for (const path of PATHS) {
    router.on('POST', path, (req) => {
      const query = req.query.toString();
      received.push({ url: `${base}${req.path}${query ? `?${query}` : ''}`, path: req.path, form: Object.fromEntries(req.form), rawBody: req.rawBody, headers: req.headers });
      return { status: 200, body: { ok: true } };
    });
  }
  const running = await serveSandbox(router, 0);
  base = running.url;
  return {
    url: running.url,
    received,
    async waitFor(path, count, timeoutMs = 10_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const matching = received.filter((r) => r.path === path);
        if (matching.length >= count) return matching;
        if (Date.now() > deadline) throw new Error(`expected ${count} callbacks to ${path}, got ${matching.length}`);
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    },
    close: () => running.close(),
  };
}
