// Messages and calls as the sandbox keeps them, and as Twilio's REST API shows them (snake_case
// JSON, RFC 2822 dates, SIDs of two letters and 32 hex digits). In memory: a restart forgets them,
// which a sandbox can afford (nothing of Credence's depends on reading them back after a restart).
import { randomBytes } from 'node:crypto';

export interface MessageRecord {
  sid: string;
  accountSid: string;
  direction: 'outbound-api' | 'inbound';
  to: string;
  from: string;
  body: string;
  status: string;
  errorCode: number | null;
  errorMessage: string | null;
  dateCreated: Date;
  dateSent: Date | null;
  dateUpdated: Date;
  statusCallback: string | null;
}

export interface CallRecord {
  sid: string;
  accountSid: string;
  to: string;
  from: string;
  twiml: string;
  status: string;
  dateCreated: Date;
  dateUpdated: Date;
  startTime: Date | null;
  endTime: Date | null;
  duration: number | null;
  statusCallback: string | null;
  statusCallbackEvents: string[];
  /** the TwiML the Gather action answered with, when a key was pressed */
  gatherAnswer: string | null;
  /** when it reached its terminal status: Twilio shows its Events only some time after */
  endedAt: Date | null;
  /** every request Twilio made to the application for this call (status callbacks, the Gather action), as its Events show them */
  events: CallEventRecord[];
}

/** One request made for a call and how the application answered it (Twilio's Call Event resource). */
export interface CallEventRecord {
  request: { method: string; url: string; parameters: Record<string, string> };
  response: { dateCreated: Date; requestDurationMs: number; responseCode: number | null; contentType: string | null; responseBody: string | null };
}

export function newSid(prefix: 'SM' | 'CA'): string {
  return prefix + randomBytes(16).toString('hex');
}

/** Twilio's date format, which the SDK parses: `Thu, 30 Jul 2015 20:12:31 +0000`. */
export function rfc2822(date: Date | null): string | null {
  return date ? date.toUTCString().replace('GMT', '+0000') : null;
}

const API = '/2010-04-01/Accounts';

export function messageJson(m: MessageRecord) {
  const uri = `${API}/${m.accountSid}/Messages/${m.sid}.json`;
  return {
    account_sid: m.accountSid,
    api_version: '2010-04-01',
    body: m.body,
    date_created: rfc2822(m.dateCreated),
    date_sent: rfc2822(m.dateSent),
    date_updated: rfc2822(m.dateUpdated),
    direction: m.direction,
    error_code: m.errorCode,
    error_message: m.errorMessage,
    from: m.from,
    messaging_service_sid: null,
    num_media: '0',
    num_segments: String(Math.max(1, Math.ceil(m.body.length / 153))),
    price: null,
    price_unit: 'USD',
    sid: m.sid,
    status: m.status,
    subresource_uris: { media: uri.replace('.json', '/Media.json') },
    to: m.to,
    uri,
  };
}

export function callJson(c: CallRecord) {
  const uri = `${API}/${c.accountSid}/Calls/${c.sid}.json`;
  return {
    account_sid: c.accountSid,
    annotation: null,
    answered_by: null,
    api_version: '2010-04-01',
    caller_name: null,
    date_created: rfc2822(c.dateCreated),
    date_updated: rfc2822(c.dateUpdated),
    direction: 'outbound-api',
    duration: c.duration === null ? null : String(c.duration),
    end_time: rfc2822(c.endTime),
    forwarded_from: null,
    from: c.from,
    from_formatted: c.from,
    group_sid: null,
    parent_call_sid: null,
    phone_number_sid: null,
    price: null,
    price_unit: 'USD',
    sid: c.sid,
    start_time: rfc2822(c.startTime),
    status: c.status,
    subresource_uris: {},
    to: c.to,
    to_formatted: c.to,
    trunk_sid: null,
    uri,
  };
}

/** As Twilio shows a Call Event: the request's parameter names in snake_case, lower-cased. */
export function callEventJson(e: CallEventRecord) {
  return {
    request: {
      method: e.request.method,
      url: e.request.url,
      parameters: Object.fromEntries(Object.entries(e.request.parameters).map(([k, v]) => [k.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase(), v])),
    },
    response: {
      date_created: rfc2822(e.response.dateCreated),
      request_duration: e.response.requestDurationMs,
      response_code: e.response.responseCode,
      content_type: e.response.contentType,
      response_body: e.response.responseBody,
    },
  };
}

/** Twilio's error body, which the SDK turns into a RestException. */
export function twilioError(status: number, code: number, message: string) {
  return { status, body: { code, message, more_info: `https://www.twilio.com/docs/errors/${code}`, status } };
}

/** A page of a list, in Twilio's shape (newest first), with next_page_uri while more remain. */
export function page<T>(path: string, key: string, items: T[], query: URLSearchParams) {
  const pageSize = Math.min(Math.max(Number(query.get('PageSize') ?? 50) || 50, 1), 1000);
  const pageNo = Math.max(Number(query.get('Page') ?? 0) || 0, 0);
  const start = pageNo * pageSize;
  const slice = items.slice(start, start + pageSize);
  const withPage = (n: number) => {
    const q = new URLSearchParams(query);
    q.set('PageSize', String(pageSize));
    q.set('Page', String(n));
    return `${path}?${q.toString()}`;
  };
  return {
    [key]: slice,
    start,
    end: start + Math.max(slice.length - 1, 0),
    page: pageNo,
    page_size: pageSize,
    uri: withPage(pageNo),
    first_page_uri: withPage(0),
    previous_page_uri: pageNo > 0 ? withPage(pageNo - 1) : null,
    next_page_uri: start + pageSize < items.length ? withPage(pageNo + 1) : null,
  };
}
