// The real twilio SDK, pointed at a configured base URL. The SDK has no base-URL setting (region
// and edge rewrite host names and mangle a local host), so a RequestClient that moves every
// request to the configured host is what lets the same code talk to the sandbox and to Twilio.
import twilio from 'twilio';
import type RequestClient from 'twilio/lib/base/RequestClient.js';
import type * as ResponseModule from 'twilio/lib/http/response.js';

export interface TwilioClientOptions {
  /** https://api.twilio.com in production, the sandbox locally */
  url: string;
  accountSid: string;
  authToken: string;
  timeoutMs: number;
}

export const TWILIO_API_URL = 'https://api.twilio.com';

class RehostingRequestClient extends twilio.RequestClient {
  constructor(
    private readonly base: URL,
    timeoutMs: number,
  ) {
    // No automatic 429 retries: a throttled send is a transient failure the caller retries with backoff.
    super({ timeout: timeoutMs, keepAlive: true, autoRetry: false });
  }

  override request<TData>(opts: RequestClient.RequestOptions<TData>): Promise<ResponseModule.default<TData>> {
    const target = new URL(opts.uri);
    const rehosted = new URL(`${this.base.pathname.replace(/\/+$/, '')}${target.pathname}${target.search}`, this.base);
    return super.request({ ...opts, uri: rehosted.toString() });
  }
}

export type TwilioClient = twilio.Twilio;

export function createTwilioClient(options: TwilioClientOptions): TwilioClient {
  const base = new URL(options.url);
  const rehost = base.origin !== TWILIO_API_URL || base.pathname.replace(/\/+$/, '') !== '';
  return twilio(options.accountSid, options.authToken, {
    timeout: options.timeoutMs,
    autoRetry: false,
    ...(rehost ? { httpClient: new RehostingRequestClient(base, options.timeoutMs) } : {}),
  });
}
