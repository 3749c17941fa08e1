// A webhook endpoint for tests: records every delivery with its raw body and headers, and answers
// with whatever status the test scripts per attempt (a 500 first, to exercise the retries).
import { SandboxRouter, serveSandbox } from '../http-server.js';

export interface ReceivedWebhook {
  rawBody: string;
  headers: Record<string, string | string[] | undefined>;
  /** what the receiver answered */
  status: number;
}

export interface TestWebhookReceiver {
  url: string;
  received: ReceivedWebhook[];
  close(): Promise<void>;
}

/** `statusFor(n)` picks the answer to the n-th delivery (1-based); 200 by default. */
export async function startTestWebhookReceiver(statusFor: (n: number) => number = () => 200): Promise<TestWebhookReceiver> {
  const received: ReceivedWebhook[] = [];
  const router = new SandboxRouter().on('POST', '/webhooks', (req) => {
    const status = statusFor(received.length + 1);
    received.push({ rawBody: req.rawBody, headers: req.headers, status });
    return { status, body: { received: status < 300 } };
  });
  const running = await serveSandbox(router, 0);
  return { url: `${running.url}/webhooks`, received, close: () => running.close() };
}
