// The Twilio sandbox's REST API (README.md documents it): Messages and Calls under
// /2010-04-01/Accounts/{AccountSid}, form-encoded with HTTP Basic auth as the twilio SDK sends
// them, answered in Twilio's JSON and error shapes. Accepted sends then live their lifecycle
// (lifecycle.ts): signed status callbacks, and the test borrowers' replies.
import { SandboxRouter, type Handler, type SandboxRequest, type SandboxResponse } from '../http-server.js';
import { CallbackPoster, type CallbackRetry } from '../callback-poster.js';
import type { GatewayAccess } from '../borrower-payment.js';
import { TWILIO_TEST_NUMBERS } from '../recovery-borrowers.js';
import { Lifecycle, type LifecycleTiming } from './lifecycle.js';
import { mountHoldControls, SendHolds } from '../send-holds.js';
import { callEventJson, callJson, messageJson, newSid, page, twilioError, type CallRecord, type MessageRecord } from './twilio-resources.js';

export interface TwilioSandboxOptions {
  accountSid: string;
  authToken: string;
  /** the numbers the account owns: sends must come from one of them */
  fromNumber: string;
  whatsappFrom: string;
  /** the API's base URL: inbound texts go to <apiUrl>/v1/webhooks/twilio/inbound (settable later) */
  apiUrl?: string;
  /** where the paying borrower pays */
  gateway?: GatewayAccess;
  timing?: Partial<LifecycleTiming>;
  callbackRetry?: CallbackRetry;
}

export interface TwilioRouter {
  router: SandboxRouter;
  lifecycle: Lifecycle;
  setApiUrl(url: string | undefined): void;
  settled(): Promise<void>;
  stop(): void;
}

const E164 = /^\+[1-9]\d{6,14}$/;
const MAX_BODY = 1600;

export function createTwilioRouter(options: TwilioSandboxOptions): TwilioRouter {
  const messages = new Map<string, MessageRecord>();
  const calls = new Map<string, CallRecord>();
  const poster = new CallbackPoster(options.callbackRetry);
  const lifecycle = new Lifecycle({ ...options, poster, messages });
  const holds = new SendHolds((to) => to.replace(/^whatsapp:/, ''));
  /** The caller went away while its send was held (../send-holds.ts): nobody is left to answer. */
  const abandoned: SandboxResponse = { status: 499, dropConnection: true };
  const router = new SandboxRouter();
  const base = `/2010-04-01/Accounts/:accountSid`;
  const auth = basicAuth(options.accountSid, options.authToken);

  router.on('GET', '/health', () => ({ status: 200, body: { status: 'ok' } }));

  router.on(
    'POST',
    `${base}/Messages.json`,
    auth(async (req) => {
      if (await holds.hold('received', req.form.get('To') ?? '', req.signal)) return abandoned;
      const to = req.form.get('To') ?? '';
      const from = req.form.get('From') ?? '';
      const body = req.form.get('Body') ?? '';
      const statusCallback = req.form.get('StatusCallback');
      if (!to) return twilioError(400, 21604, "A 'To' phone number is required.");
      if (!from) return twilioError(400, 21603, "A 'From' phone number is required.");
      if (!body) return twilioError(400, 21602, 'Message body is required.');
      if (body.length > MAX_BODY) return twilioError(400, 21617, 'The concatenated message body exceeds the 1600 character limit.');
      const whatsapp = to.startsWith('whatsapp:');
      if (!E164.test(to.replace(/^whatsapp:/, ''))) return twilioError(400, 21211, `The 'To' number ${to} is not a valid phone number.`);
      if (from !== (whatsapp ? options.whatsappFrom : options.fromNumber)) {
        return whatsapp
          ? twilioError(400, 63007, `Twilio could not find a Channel with the specified From address: ${from}`)
          : twilioError(400, 21606, `The From phone number ${from} is not a valid, SMS-capable inbound phone number or short code for your account.`);
      }
      if (statusCallback !== null && !isHttpUrl(statusCallback)) return twilioError(400, 21609, 'Invalid StatusCallback URL.');
      const refusal = testNumberRefusal(to.replace(/^whatsapp:/, ''));
      if (refusal) return refusal;
      const now = new Date();
      const message: MessageRecord = {
        sid: newSid('SM'),
        accountSid: options.accountSid,
        direction: 'outbound-api',
        to,
        from,
        body,
        status: 'queued',
        errorCode: null,
        errorMessage: null,
        dateCreated: now,
        dateSent: null,
        dateUpdated: now,
        statusCallback,
      };
      messages.set(message.sid, message);
      lifecycle.message(message);
      if (await holds.hold('accepted', to, req.signal)) return abandoned;
      return answered(to, { status: 201, body: messageJson(message) });
    }),
  );

  router.on(
    'POST',
    `${base}/Calls.json`,
    auth(async (req) => {
      if (await holds.hold('received', req.form.get('To') ?? '', req.signal)) return abandoned;
      const to = req.form.get('To') ?? '';
      const from = req.form.get('From') ?? '';
      const twiml = req.form.get('Twiml');
      const statusCallback = req.form.get('StatusCallback');
      if (!to) return twilioError(400, 21201, "No 'To' number is specified");
      if (!from) return twilioError(400, 21213, "No 'From' number is specified");
      if (!twiml) return twilioError(400, 21205, req.form.get('Url') ? 'The sandbox plays inline Twiml only; it fetches no Url.' : 'Twiml or Url parameter is required.');
      if (!/^\s*(<\?xml[^>]*>\s*)?<Response>[\s\S]*<\/Response>\s*$/.test(twiml)) return twilioError(400, 12100, 'Document parse failure: Twiml must be a <Response> document.');
      if (!E164.test(to)) return twilioError(400, 21211, `The 'To' number ${to} is not a valid phone number.`);
      if (from !== options.fromNumber) return twilioError(400, 21210, `The source phone number provided, ${from}, is not yet verified for your account.`);
      if (statusCallback !== null && !isHttpUrl(statusCallback)) return twilioError(400, 21609, 'Invalid StatusCallback URL.');
      const refusal = testNumberRefusal(to);
      if (refusal) return refusal;
      const now = new Date();
      const call: CallRecord = {
        sid: newSid('CA'),
        accountSid: options.accountSid,
        to,
        from,
        twiml,
        status: 'queued',
        dateCreated: now,
        dateUpdated: now,
        startTime: null,
        endTime: null,
        duration: null,
        statusCallback,
        statusCallbackEvents: req.form.getAll('StatusCallbackEvent').flatMap((e) => e.split(/\s+/)).filter(Boolean),
        gatherAnswer: null,
        endedAt: null,
        events: [],
      };
      calls.set(call.sid, call);
      lifecycle.call(call);
      if (await holds.hold('accepted', to, req.signal)) return abandoned;
      return answered(to, { status: 201, body: callJson(call) });
    }),
  );

  router.on(
    'GET',
    `${base}/Messages.json`,
    auth((req) => {
      const to = req.query.get('To');
      const from = req.query.get('From');
      const after = dateFilter(req.query.get('DateSent>'));
      const list = [...messages.values()]
        .filter((m) => (!to || m.to === to) && (!from || m.from === from) && (after === null || (m.dateSent !== null && m.dateSent.getTime() >= after)))
        .sort((a, b) => b.dateCreated.getTime() - a.dateCreated.getTime())
        .map(messageJson);
      return { status: 200, body: page(`/2010-04-01/Accounts/${options.accountSid}/Messages.json`, 'messages', list, req.query) };
    }),
  );

  router.on(
    'GET',
    `${base}/Calls.json`,
    auth((req) => {
      const to = req.query.get('To');
      const from = req.query.get('From');
      const status = req.query.get('Status');
      const list = [...calls.values()]
        .filter((c) => (!to || c.to === to) && (!from || c.from === from) && (!status || c.status === status))
        .sort((a, b) => b.dateCreated.getTime() - a.dateCreated.getTime())
        .map(callJson);
      return { status: 200, body: page(`/2010-04-01/Accounts/${options.accountSid}/Calls.json`, 'calls', list, req.query) };
    }),
  );

  router.on('GET', `${base}/Messages/:sid.json`, auth((req) => found(messages.get(req.params['sid'] ?? ''), messageJson, 'Message')));
  router.on('GET', `${base}/Calls/:sid.json`, auth((req) => found(calls.get(req.params['sid'] ?? ''), callJson, 'Call')));
  router.on(
    'GET',
    `${base}/Calls/:sid/Events.json`,
    auth((req) => {
      const call = calls.get(req.params['sid'] ?? '');
      if (!call) return twilioError(404, 20404, 'The requested Call resource was not found');
      // Twilio shows a call's events only a while after it ended; until then the list is empty.
      const readable = call.endedAt !== null && Date.now() >= call.endedAt.getTime() + lifecycle.timing.callEventsAfterMs;
      return { status: 200, body: page(`/2010-04-01/Accounts/${options.accountSid}/Calls/${call.sid}/Events.json`, 'events', readable ? call.events.map(callEventJson) : [], req.query) };
    }),
  );

  // Test controls a real Twilio does not have.
  router.on('POST', '/_sandbox/api-url', (req) => {
    const url = (req.body as { url?: unknown } | undefined)?.url;
    if (url !== null && (typeof url !== 'string' || !isHttpUrl(url))) return { status: 400, body: { error: 'url must be an http(s) URL, or null' } };
    lifecycle.apiUrl = url ?? undefined;
    return { status: 200, body: { url } };
  });
  mountHoldControls(router, holds, poster, (to) => (E164.test(to.replace(/^whatsapp:/, '')) ? null : 'to must be a +E164 number'));
  router.on('GET', '/_sandbox/activity', () => ({
    status: 200,
    body: { callbacks: poster.log, payments: lifecycle.payments, calls: [...calls.values()].map((c) => ({ sid: c.sid, to: c.to, status: c.status, gatherAnswer: c.gatherAnswer })) },
  }));

  return {
    router,
    lifecycle,
    setApiUrl: (url) => (lifecycle.apiUrl = url),
    settled: () => lifecycle.settled(),
    stop: () => lifecycle.stop(),
  };
}

function basicAuth(accountSid: string, authToken: string) {
  const expected = `Basic ${Buffer.from(`${accountSid}:${authToken}`).toString('base64')}`;
  return (handler: Handler): Handler =>
    (req: SandboxRequest) => {
      if (req.headers.authorization !== expected) return { ...twilioError(401, 20003, 'Authenticate'), headers: { 'WWW-Authenticate': 'Basic realm="Twilio API"' } };
      if (req.params['accountSid'] !== accountSid) return twilioError(404, 20404, `The requested resource ${req.path} was not found`);
      return handler(req);
    };
}

/** The test numbers that fail at the API, as Twilio's magic numbers and a provider under load do. */
function testNumberRefusal(to: string): SandboxResponse | null {
  switch (to) {
    case TWILIO_TEST_NUMBERS.invalid:
      return twilioError(400, 21211, `The 'To' number ${to} is not a valid phone number.`);
    case TWILIO_TEST_NUMBERS.blocked:
      return twilioError(400, 21610, 'Attempt to send to unsubscribed recipient');
    case TWILIO_TEST_NUMBERS.notMobile:
      return twilioError(400, 21614, `'To' number ${to} is not a valid mobile number`);
    case TWILIO_TEST_NUMBERS.rateLimited:
      return twilioError(429, 20429, 'Too Many Requests');
    case TWILIO_TEST_NUMBERS.providerError:
      return twilioError(500, 20500, 'An internal server error has occurred');
    default:
      return null;
  }
}

/** The answer-lost test number's send takes effect, and its answer never arrives. */
function answered(to: string, response: SandboxResponse): SandboxResponse {
  return to.replace(/^whatsapp:/, '') === TWILIO_TEST_NUMBERS.answerLost ? { ...response, dropConnection: true } : response;
}

function found<T>(record: T | undefined, json: (r: T) => unknown, what: string): SandboxResponse {
  return record ? { status: 200, body: json(record) } : twilioError(404, 20404, `The requested ${what} resource was not found`);
}

function isHttpUrl(value: string): boolean {
  return URL.canParse(value) && /^https?:$/.test(new URL(value).protocol);
}

function dateFilter(raw: string | null): number | null {
  if (!raw) return null;
  const ms = Date.parse(raw);
  return Number.isNaN(ms) ? null : ms;
}
