// The SendGrid sandbox (README.md documents it): Mail Send (`POST /v3/mail/send`, Bearer key, 202
// with X-Message-Id, SendGrid's 400 body for bad requests), the Email Activity API
// (`GET /v3/messages?query=…`, which shows an email only `activityLagMs` after it was taken, as
// SendGrid's lags) and the signed event webhook, with the test borrowers' fates: delivered and
// opened, the bouncer's bounce, the stopper's unsubscribe. Send holds (../send-holds.ts) and held
// events let a test kill a worker mid-send. In memory only.
import { randomBytes } from 'node:crypto';
import { CallbackPoster, type CallbackRetry } from '../callback-poster.js';
import { SandboxRouter, type Handler, type SandboxRequest, type SandboxResponse } from '../http-server.js';
import { mountHoldControls, SendHolds, type HoldStage } from '../send-holds.js';
import { borrowerByEmail, SENDGRID_TEST_ADDRESSES } from '../recovery-borrowers.js';
import { parseActivityQuery } from './activity-query.js';
import { EventSigner } from './event-signer.js';
import { readMailRequest, type MailRequest } from './mail-request.js';

export interface SendGridSandboxOptions {
  apiKey: string;
  /** base64 DER (PKCS#8) P-256 key the event webhook is signed with */
  eventPrivateKey: string;
  /** the API's base URL: events go to <apiUrl>/v1/webhooks/sendgrid/events (settable later) */
  apiUrl?: string;
  timing?: Partial<{ stepMs: number; replyDelayMs: number }>;
  callbackRetry?: CallbackRetry;
  /** how long after an email is taken the Email Activity API shows it (default 0; SendGrid's: minutes); settable by POST /_sandbox/activity-lag */
  activityLagMs?: number;
}

export interface SentMail extends Omit<MailRequest, 'recipients'> {
  msgId: string;
  to: string;
  createdAt: Date;
  status: 'processed' | 'delivered' | 'not_delivered';
  lastEventTime: Date;
  events: string[];
}

export interface SendGridRouter {
  router: SandboxRouter;
  mails: SentMail[];
  setApiUrl(url: string | undefined): void;
  settled(): Promise<void>;
  stop(): void;
}

const id = (bytes: number) => randomBytes(bytes).toString('base64url');

export function createSendGridRouter(options: SendGridSandboxOptions): SendGridRouter {
  const mails: SentMail[] = [];
  const poster = new CallbackPoster(options.callbackRetry);
  const signer = new EventSigner(options.eventPrivateKey);
  const timing = { stepMs: 50, replyDelayMs: 1000, ...options.timing };
  let apiUrl = options.apiUrl;
  let activityLagMs = options.activityLagMs ?? 0;
  const holds = new SendHolds((to) => to.toLowerCase());
  /** The caller went away while its send was held: nobody is left to answer. */
  const abandoned: SandboxResponse = { status: 499, dropConnection: true };
  let stopped = false;
  const timers = new Set<NodeJS.Timeout>();
  let running = 0;
  let waiters: (() => void)[] = [];
  const router = new SandboxRouter();
  const auth = bearer(options.apiKey);

  const later = (ms: number, work: () => void) => {
    if (stopped) return;
    running++;
    const timer = setTimeout(() => {
      timers.delete(timer);
      try {
        if (!stopped) work();
      } finally {
        running--;
        if (running === 0) for (const wake of waiters.splice(0)) wake();
      }
    }, ms);
    timers.add(timer);
  };

  const emit = (mail: SentMail, event: string, extra: Record<string, unknown> = {}) => {
    mail.events.push(event);
    mail.lastEventTime = new Date();
    if (event === 'delivered') mail.status = 'delivered';
    if (event === 'bounce' || event === 'dropped') mail.status = 'not_delivered';
    if (!apiUrl) return;
    const body = JSON.stringify([
      {
        email: mail.to,
        timestamp: Math.floor(Date.now() / 1000),
        'smtp-id': `<${mail.msgId}@sandbox.sendgrid.local>`,
        event,
        category: [],
        sg_event_id: id(16),
        sg_message_id: `${mail.msgId}.sandbox-filter-0.${mails.indexOf(mail)}.0`,
        ...mail.customArgs,
        ...extra,
      },
    ]);
    poster.post({ url: `${apiUrl.replace(/\/+$/, '')}/v1/webhooks/sendgrid/events`, chain: mail.msgId, contentType: 'application/json', body, sign: () => signer.headers(body) });
  };

  const lifecycle = (mail: SentMail) => {
    const borrower = borrowerByEmail(mail.to);
    later(timing.stepMs, () => {
      emit(mail, 'processed');
      later(timing.stepMs, () => {
        if (borrower?.behaviour.kind === 'email_bounces') {
          emit(mail, 'bounce', { type: 'bounce', status: '5.1.1', reason: '550 5.1.1 The email account that you tried to reach does not exist.', bounce_classification: 'Invalid Address' });
          return;
        }
        emit(mail, 'delivered', { response: '250 2.0.0 OK', ip: '127.0.0.1', tls: 1 });
        if (!borrower) return;
        later(timing.replyDelayMs, () => {
          emit(mail, 'open', { useragent: 'Mozilla/5.0 (sandbox)', ip: '127.0.0.1', sg_machine_open: false });
          if (borrower.behaviour.kind === 'replies' && borrower.behaviour.text === 'STOP') emit(mail, 'unsubscribe');
        });
      });
    });
  };

  router.on('GET', '/health', () => ({ status: 200, body: { status: 'ok' } }));

  router.on(
    'POST',
    '/v3/mail/send',
    auth(async (req) => {
      const held = (stage: HoldStage) => holds.hold(stage, heldFor(req.body) ?? '', req.signal);
      if (await held('received')) return abandoned;
      const read = readMailRequest(req.body);
      if ('faults' in read) return { status: 400, body: { errors: read.faults } };
      const { recipients, ...rest } = read.request;
      const msgId = id(16);
      const now = new Date();
      for (const to of recipients) {
        const mail: SentMail = { ...rest, msgId, to, createdAt: now, status: 'processed', lastEventTime: now, events: [] };
        mails.push(mail);
        lifecycle(mail);
      }
      if (await held('accepted')) return abandoned;
      const lost = recipients.some((r) => r.toLowerCase() === SENDGRID_TEST_ADDRESSES.answerLost);
      return { status: 202, headers: { 'X-Message-Id': msgId }, ...(lost ? { dropConnection: true } : {}) };
    }),
  );

  router.on(
    'GET',
    '/v3/messages',
    auth((req) => {
      const query = req.query.get('query') ?? '';
      const limit = Number(req.query.get('limit') ?? 10);
      if (!Number.isInteger(limit) || limit < 1 || limit > 1000) return { status: 400, body: { errors: [{ field: 'limit', message: 'limit must be between 1 and 1000' }] } };
      const filter = parseActivityQuery(query);
      if ('error' in filter) return { status: 400, body: { errors: [{ field: 'query', message: filter.error }] } };
      const searchable = Date.now() - activityLagMs;
      const matches = mails
        .filter((m) => m.createdAt.getTime() <= searchable)
        .filter((m) => Object.entries(filter.uniqueArgs).every(([k, v]) => m.customArgs[k] === v))
        .filter((m) => Object.entries(filter.fields).every(([k, v]) => fieldOf(m, k) === v))
        .filter((m) => !filter.between || (m.lastEventTime.getTime() >= filter.between.from && m.lastEventTime.getTime() <= filter.between.to))
        .sort((a, b) => b.lastEventTime.getTime() - a.lastEventTime.getTime())
        .slice(0, limit);
      return {
        status: 200,
        body: {
          messages: matches.map((m) => ({
            from_email: m.from,
            msg_id: `${m.msgId}.sandbox-filter-0.${mails.indexOf(m)}.0`,
            subject: m.subject,
            to_email: m.to,
            status: m.status,
            opens_count: m.events.filter((e) => e === 'open').length,
            clicks_count: m.events.filter((e) => e === 'click').length,
            last_event_time: m.lastEventTime.toISOString(),
          })),
        },
      };
    }),
  );

  router.on('POST', '/_sandbox/api-url', (req) => {
    const url = (req.body as { url?: unknown } | undefined)?.url;
    if (url !== null && (typeof url !== 'string' || !URL.canParse(url))) return { status: 400, body: { error: 'url must be an http(s) URL, or null' } };
    apiUrl = url ?? undefined;
    return { status: 200, body: { url } };
  });
  router.on('GET', '/_sandbox/activity', () => ({ status: 200, body: { mails, callbacks: poster.log } }));
  mountHoldControls(router, holds, poster, (to) => (to.includes('@') ? null : 'to must be an email address'));
  router.on('POST', '/_sandbox/activity-lag', (req) => {
    const ms = (req.body as { ms?: unknown } | undefined)?.ms;
    if (typeof ms !== 'number' || !Number.isInteger(ms) || ms < 0) return { status: 400, body: { error: 'ms must be a whole number of milliseconds, 0 or more' } };
    activityLagMs = ms;
    return { status: 200, body: { ms } };
  });

  return {
    router,
    mails,
    setApiUrl: (url) => (apiUrl = url),
    async settled() {
      while (running > 0) await new Promise<void>((resolve) => waiters.push(resolve));
      await poster.settled();
    },
    stop() {
      stopped = true;
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      running = 0;
      for (const wake of waiters.splice(0)) wake();
      waiters = [];
      poster.stop();
    },
  };
}

/** The first recipient a mail/send body names (what a hold is armed for), read before the body is checked. */
function heldFor(body: unknown): string | undefined {
  const personalizations = (body as { personalizations?: { to?: { email?: unknown }[] }[] } | undefined)?.personalizations;
  const email = Array.isArray(personalizations) ? personalizations[0]?.to?.[0]?.email : undefined;
  return typeof email === 'string' ? email : undefined;
}

function fieldOf(mail: SentMail, field: string): string | undefined {
  if (field === 'to_email') return mail.to;
  if (field === 'from_email') return mail.from;
  if (field === 'msg_id') return mail.msgId;
  if (field === 'status') return mail.status;
  if (field === 'subject') return mail.subject;
  return undefined;
}

function bearer(apiKey: string) {
  return (handler: Handler): Handler =>
    (req: SandboxRequest) =>
      req.headers.authorization === `Bearer ${apiKey}`
        ? handler(req)
        : { status: 401, body: { errors: [{ field: null, message: 'The provided authorization grant is invalid, expired, or revoked' }] } };
}
