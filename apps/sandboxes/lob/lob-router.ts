// The Lob sandbox (README.md documents it): `POST /v1/letters` (HTTP Basic with the API key as
// the user name, an Idempotency-Key that answers a repeated create with the letter already made,
// Lob's 422 for a letter it would not print), `GET /v1/letters/:id`, `GET /v1/letters` filtered as
// Lob's OpenAPI document writes it (`metadata[key]=value`, `date_created[gte]=…`: deepObject),
// and the signed webhooks a letter's life sends: created, mailed, in transit, in the local area,
// processed for delivery, delivered (or returned to sender). Days of post pass in `stepMs`. Send
// holds (../send-holds.ts) and held webhooks let a test kill a worker mid-send. In memory only.
import { createHmac, randomBytes } from 'node:crypto';
import { CallbackPoster, type CallbackRetry } from '../callback-poster.js';
import { SandboxRouter, type Handler, type SandboxRequest, type SandboxResponse } from '../http-server.js';
import { LOB_TEST_ADDRESSES } from '../recovery-borrowers.js';
import { mountHoldControls, SendHolds, type HoldStage } from '../send-holds.js';
import { readLetterRequest, type LetterAddress, type LetterRequest } from './letter-request.js';

export interface LobSandboxOptions {
  apiKey: string;
  /** the secret webhooks are signed with (the API's LOB_WEBHOOK_SECRET) */
  webhookSecret: string;
  /** the API's base URL: events go to <apiUrl>/v1/webhooks/lob/events (settable later) */
  apiUrl?: string;
  /** how long each leg of a letter's life takes here (Lob's take days) */
  timing?: Partial<{ stepMs: number }>;
  callbackRetry?: CallbackRetry;
}

export interface TrackingEvent {
  id: string;
  type: 'normal';
  name: string;
  location: string | null;
  time: string;
  date_created: string;
  date_modified: string;
  object: 'tracking_event';
}

export interface SandboxLetter {
  id: string;
  description: string | null;
  metadata: Record<string, string>;
  to: LetterAddress & { id: string; object: 'address' };
  from: LetterAddress & { id: string; object: 'address' };
  color: boolean;
  double_sided: boolean;
  address_placement: string;
  mail_type: string;
  use_type: string;
  carrier: 'USA Postal Service';
  tracking_number: null;
  tracking_events: TrackingEvent[];
  thumbnails: [];
  url: string;
  expected_delivery_date: string;
  send_date: string;
  date_created: string;
  date_modified: string;
  deleted: false;
  object: 'letter';
}

/** A letter as the sandbox holds it: Lob's object, and the HTML it prints (Lob keeps a PDF behind `url`; the sandbox keeps what it was given, shown only by its activity log). */
export interface HeldLetter {
  letter: SandboxLetter;
  file: string;
}

export interface LobRouter {
  router: SandboxRouter;
  letters: HeldLetter[];
  setApiUrl(url: string | undefined): void;
  settled(): Promise<void>;
  stop(): void;
}

const hex = (bytes: number) => randomBytes(bytes).toString('hex');
const DAY_MS = 86_400_000;
/** What each step of a delivered letter's life is called, as Lob names its events and tracking events. */
const DELIVERED: readonly [string, string | null][] = [
  ['letter.mailed', 'Mailed'],
  ['letter.in_transit', 'In Transit'],
  ['letter.in_local_area', 'In Local Area'],
  ['letter.processed_for_delivery', 'Processed for Delivery'],
  ['letter.delivered', 'Delivered'],
];
const RETURNED: readonly [string, string | null][] = [...DELIVERED.slice(0, 4), ['letter.returned_to_sender', 'Returned to Sender']];

export function createLobRouter(options: LobSandboxOptions): LobRouter {
  const letters: HeldLetter[] = [];
  const byKey = new Map<string, SandboxLetter>();
  const poster = new CallbackPoster(options.callbackRetry);
  const stepMs = options.timing?.stepMs ?? 200;
  let apiUrl = options.apiUrl;
  const holds = new SendHolds((line1) => line1.trim().replace(/\s+/g, ' ').toLowerCase());
  const abandoned: SandboxResponse = { status: 499, dropConnection: true };
  let stopped = false;
  const timers = new Set<NodeJS.Timeout>();
  let running = 0;
  let waiters: (() => void)[] = [];
  const router = new SandboxRouter();
  const auth = basic(options.apiKey);

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

  const emit = (letter: SandboxLetter, type: string) => {
    if (!apiUrl) return;
    const now = new Date().toISOString();
    const body = JSON.stringify({
      id: `evt_${hex(8)}`,
      body: letter,
      reference_id: letter.id,
      event_type: { id: type, enabled_for_test: true, resource: 'letters', object: 'event_type' },
      date_created: now,
      object: 'event',
    });
    poster.post({ url: `${apiUrl.replace(/\/+$/, '')}/v1/webhooks/lob/events`, chain: letter.id, contentType: 'application/json', body, sign: () => signed(options.webhookSecret, body) });
  };

  const track = (letter: SandboxLetter, name: string) => {
    const now = new Date().toISOString();
    letter.tracking_events.push({ id: `evnt_${hex(8)}`, type: 'normal', name, location: letter.to.address_zip, time: now, date_created: now, date_modified: now, object: 'tracking_event' });
    letter.date_modified = now;
  };

  const lifecycle = (letter: SandboxLetter) => {
    emit(letter, 'letter.created');
    const returned = letter.to.address_line1.trim().toLowerCase() === LOB_TEST_ADDRESSES.returned.toLowerCase();
    const steps = returned ? RETURNED : DELIVERED;
    const next = (i: number) =>
      later(stepMs, () => {
        const [type, name] = steps[i]!;
        if (name) track(letter, name);
        emit(letter, type);
        if (i + 1 < steps.length) next(i + 1);
      });
    next(0);
  };

  router.on('GET', '/health', () => ({ status: 200, body: { status: 'ok' } }));

  router.on(
    'POST',
    '/v1/letters',
    auth(async (req) => {
      const key = idempotencyKey(req);
      if ('fault' in key) return lobError(422, key.fault, 'invalid');
      const earlier = key.key ? byKey.get(key.key) : undefined;
      if (earlier) return { status: 200, body: earlier };
      const held = (stage: HoldStage) => holds.hold(stage, heldFor(req.body) ?? '', req.signal);
      if (await held('received')) return abandoned;
      const read = readLetterRequest(req.body);
      if ('fault' in read) return lobError(422, read.fault.message, read.fault.code);
      if (read.request.to.address_line1.trim().toLowerCase() === LOB_TEST_ADDRESSES.undeliverable.toLowerCase()) {
        return lobError(422, "The to address doesn't meet strictness requirements.", 'failed_deliverability_strictness');
      }
      const letter = made(read.request);
      letters.push({ letter, file: read.request.file });
      if (key.key) byKey.set(key.key, letter);
      lifecycle(letter);
      if (await held('accepted')) return abandoned;
      const lost = letter.to.address_line1.trim().toLowerCase() === LOB_TEST_ADDRESSES.answerLost.toLowerCase();
      return { status: 200, body: letter, ...(lost ? { dropConnection: true } : {}) };
    }),
  );

  router.on(
    'GET',
    '/v1/letters/:id',
    auth((req) => {
      const letter = letters.find((l) => l.letter.id === req.params.id)?.letter;
      return letter ? { status: 200, body: letter } : lobError(404, 'letter not found', 'not_found');
    }),
  );

  router.on(
    'GET',
    '/v1/letters',
    auth((req) => {
      const filter = listFilter(req.query);
      if ('fault' in filter) return lobError(422, filter.fault, 'invalid');
      const matches = letters
        .map((l) => l.letter)
        .filter((l) => Object.entries(filter.metadata).every(([k, v]) => l.metadata[k] === v))
        .filter((l) => filter.created.every(([op, at]) => compare(Date.parse(l.date_created), op, at)))
        .sort((a, b) => Date.parse(b.date_created) - Date.parse(a.date_created));
      const data = matches.slice(0, filter.limit);
      return { status: 200, body: { data, object: 'list', next_url: null, previous_url: null, count: data.length } };
    }),
  );

  router.on('POST', '/_sandbox/api-url', (req) => {
    const url = (req.body as { url?: unknown } | undefined)?.url;
    if (url !== null && (typeof url !== 'string' || !URL.canParse(url))) return { status: 400, body: { error: 'url must be an http(s) URL, or null' } };
    apiUrl = url ?? undefined;
    return { status: 200, body: { url } };
  });
  router.on('GET', '/_sandbox/activity', () => ({ status: 200, body: { letters, callbacks: poster.log } }));
  mountHoldControls(router, holds, poster, (to) => (to.trim() === '' ? "to must be the recipient's first address line" : null));

  return {
    router,
    letters,
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

function made(request: LetterRequest): SandboxLetter {
  const now = new Date();
  const id = `ltr_${hex(8)}`;
  const address = (a: LetterAddress) => ({ id: `adr_${hex(8)}`, ...a, object: 'address' as const });
  return {
    id,
    description: request.description,
    metadata: request.metadata,
    to: address(request.to),
    from: address(request.from),
    color: request.color,
    double_sided: request.double_sided,
    address_placement: request.address_placement,
    mail_type: request.mail_type,
    use_type: request.use_type,
    carrier: 'USA Postal Service',
    tracking_number: null,
    tracking_events: [],
    thumbnails: [],
    // Lob's signed link to the rendered PDF, in the form its SDK checks; the sandbox renders no PDF (the HTML is in /_sandbox/activity).
    url: `https://lob-assets.com/letters/${id}.pdf?expires=${Math.floor(now.getTime() / 1000) + 30 * 86_400}&signature=${randomBytes(24).toString('base64url')}`,
    // First class in the US takes three to five business days; the sandbox says five calendar days.
    expected_delivery_date: new Date(now.getTime() + 5 * DAY_MS).toISOString().slice(0, 10),
    send_date: now.toISOString(),
    date_created: now.toISOString(),
    date_modified: now.toISOString(),
    deleted: false,
    object: 'letter',
  };
}

/** Lob takes the key as a header or a query parameter, not both, of at most 256 characters. */
function idempotencyKey(req: SandboxRequest): { key: string | null } | { fault: string } {
  const header = req.headers['idempotency-key'];
  const query = req.query.get('idempotency_key');
  const value = typeof header === 'string' ? header : null;
  if (value !== null && query !== null) return { fault: 'only one idempotency key may be given (the Idempotency-Key header or the idempotency_key parameter)' };
  const key = value ?? query;
  if (key !== null && (key.length === 0 || key.length > 256)) return { fault: 'the idempotency key must be 1 to 256 characters' };
  return { key };
}

type Op = 'gt' | 'gte' | 'lt' | 'lte';

/** The list's filters as Lob's OpenAPI document defines them: `metadata` and `date_created` are deepObject parameters. */
function listFilter(query: URLSearchParams): { limit: number; metadata: Record<string, string>; created: [Op, number][] } | { fault: string } {
  const limit = Number(query.get('limit') ?? 10);
  if (!Number.isInteger(limit) || limit < 1 || limit > 100) return { fault: 'limit must be between 1 and 100' };
  const metadata: Record<string, string> = {};
  const created: [Op, number][] = [];
  for (const [name, value] of query) {
    if (name === 'metadata' || name === 'date_created') return { fault: `${name} must be an object (${name}[key]=value)` };
    const meta = /^metadata\[([^\]]+)\]$/.exec(name);
    if (meta) metadata[meta[1]!] = value;
    const date = /^date_created\[(gt|gte|lt|lte)\]$/.exec(name);
    if (date) {
      const at = Date.parse(value);
      if (Number.isNaN(at)) return { fault: `date_created[${date[1]}] must be an ISO 8601 date or date-time` };
      created.push([date[1] as Op, at]);
    }
  }
  return { limit, metadata, created };
}

function compare(value: number, op: Op, at: number): boolean {
  return op === 'gt' ? value > at : op === 'gte' ? value >= at : op === 'lt' ? value < at : value <= at;
}

/** The recipient's first address line, read before the body is checked (what a hold is armed for). */
function heldFor(body: unknown): string | undefined {
  const line1 = (body as { to?: { address_line1?: unknown } } | undefined)?.to?.address_line1;
  return typeof line1 === 'string' ? line1 : undefined;
}

/** Lob's webhook signature: hex HMAC-SHA256 of `<timestamp in ms>.<raw body>` under the webhook's secret (Node's own crypto, apart from the adapter that verifies). */
export function signed(secret: string, body: string, timestampMs = Date.now()): Record<string, string> {
  const timestamp = String(timestampMs);
  return { 'Lob-Signature': createHmac('sha256', secret).update(`${timestamp}.${body}`, 'utf8').digest('hex'), 'Lob-Signature-Timestamp': timestamp };
}

function lobError(status: number, message: string, code: string): SandboxResponse {
  return { status, body: { error: { message, status_code: status, code } } };
}

/** HTTP Basic with the API key as the user name and no password, as Lob authenticates. */
function basic(apiKey: string) {
  const expected = `Basic ${Buffer.from(`${apiKey}:`).toString('base64')}`;
  return (handler: Handler): Handler =>
    (req: SandboxRequest) =>
      req.headers.authorization === expected ? handler(req) : lobError(401, 'Your API key is not valid. Please sign up on lob.com to get a valid api key.', 'unauthorized');
}
