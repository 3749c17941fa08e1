// The voice sandbox's scripted calls: a script file of transcript segments with their timings
// (call-scripts/*.json), streamed to the live-call assist's WebSocket as a contact-centre
// integration would stream a real call's transcription, each answer paired with its segment and
// timed from the segment leaving to the answer arriving (the collector's screen). A segment may
// carry what the assist is expected to find; `unmet` lists what it did not, for tests and demos.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import WebSocket from 'ws';

export interface ScriptSegment {
  /** seconds from the start of the call */
  at: number;
  speaker: 'borrower' | 'collector';
  text: string;
  expect?: {
    /** exactly these intents (order aside) */
    intents?: string[];
    /** these warning codes are new on this segment */
    warnings?: string[];
    nextBestAction?: string;
    /** dueOn may be a weekday name (the date must fall on it) or a date */
    promise?: { amountMinor?: number | null; dueOn?: string | null };
  };
}

export interface CallScript {
  name: string;
  description: string;
  segments: ScriptSegment[];
}

export const CALL_SCRIPTS_DIR = join(import.meta.dirname, 'call-scripts');

export function loadCallScript(nameOrPath: string): CallScript {
  const path = nameOrPath.endsWith('.json') ? nameOrPath : join(CALL_SCRIPTS_DIR, `${nameOrPath}.json`);
  const script = JSON.parse(readFileSync(path, 'utf8')) as CallScript;
  const problems: string[] = [];
  if (typeof script.name !== 'string' || !Array.isArray(script.segments) || script.segments.length === 0) problems.push('a script has a name and at least one segment');
  let last = -1;
  (script.segments ?? []).forEach((s, i) => {
    if (typeof s.at !== 'number' || s.at < last) problems.push(`segments[${i}].at: seconds from the start, never earlier than the segment before`);
    if (s.speaker !== 'borrower' && s.speaker !== 'collector') problems.push(`segments[${i}].speaker: borrower or collector`);
    if (typeof s.text !== 'string' || s.text.trim() === '') problems.push(`segments[${i}].text: what was said`);
    last = typeof s.at === 'number' ? s.at : last;
  });
  if (problems.length > 0) throw new Error(`${path}: ${problems.join('; ')}`);
  return script;
}

export interface AssistAnswer {
  type: string;
  seq?: number;
  intents?: { intent: string; probability: number; source: string }[];
  promise?: { amountMinor: number | null; currency: string; dueOn: string | null } | null;
  warnings?: { code: string; severity: string; message: string; citation: string }[];
  newWarnings?: string[];
  nextBestAction?: { code: string; say: string; record?: unknown };
  latencyMs?: number;
  [key: string]: unknown;
}

export interface StreamedSegment {
  segment: ScriptSegment;
  answer: AssistAnswer;
  /** from the segment leaving the client to its answer arriving, ms */
  screenMs: number;
}

export interface StreamedCall {
  ready: AssistAnswer;
  segments: StreamedSegment[];
}

export interface StreamOptions {
  /** ws://host:port/v1/calls/assist?caseId=... */
  url: string;
  headers?: Record<string, string>;
  /** 1 plays the script in real time; 0 sends each segment as soon as the last one is answered */
  speed?: number;
  /** called with each answer as it arrives (a demo prints them) */
  onAnswer?: (s: StreamedSegment) => void;
}

/** Opens the call, streams every segment at its time, and closes the call once each is answered. */
export async function streamCall(script: CallScript, { url, headers = {}, speed = 0, onAnswer }: StreamOptions): Promise<StreamedCall> {
  const ws = new WebSocket(url, { headers });
  const inbox: AssistAnswer[] = [];
  const waiters: ((a: AssistAnswer) => void)[] = [];
  ws.on('message', (data: Buffer) => {
    const answer = JSON.parse(data.toString('utf8')) as AssistAnswer;
    const waiter = waiters.shift();
    if (waiter) waiter(answer);
    else inbox.push(answer);
  });
  const next = () => new Promise<AssistAnswer>((resolve, reject) => {
    const queued = inbox.shift();
    if (queued) return resolve(queued);
    waiters.push(resolve);
    ws.once('close', (code, reason) => reject(new Error(`the call closed (${code} ${reason.toString()}) before an answer came`)));
  });
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('unexpected-response', (_req, res) => {
      let body = '';
      res.on('data', (c: Buffer) => (body += c.toString('utf8')));
      res.on('end', () => reject(Object.assign(new Error(`the assist refused the call: ${res.statusCode} ${body}`), { status: res.statusCode, body })));
    });
    ws.once('error', reject);
  });
  try {
    const ready = await next();
    const started = performance.now();
    const segments: StreamedSegment[] = [];
    for (const [i, segment] of script.segments.entries()) {
      const due = started + segment.at * 1000 * speed;
      const wait = due - performance.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      const sentAt = performance.now();
      ws.send(JSON.stringify({ type: 'segment', seq: i + 1, speaker: segment.speaker, text: segment.text }));
      const answer = await next();
      const streamed = { segment, answer, screenMs: performance.now() - sentAt };
      segments.push(streamed);
      onAnswer?.(streamed);
    }
    return { ready, segments };
  } finally {
    ws.close(1000, 'call ended');
  }
}

const WEEKDAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];

/** What each segment's answer did not find of what the script expects, one line each. */
export function unmet(call: StreamedCall): string[] {
  const out: string[] = [];
  call.segments.forEach(({ segment, answer }, i) => {
    const e = segment.expect;
    if (!e) return;
    const at = `segment ${i + 1} (${segment.speaker}: "${segment.text}")`;
    if (answer.type !== 'assist') return void out.push(`${at}: answered ${JSON.stringify(answer)}`);
    const intents = (answer.intents ?? []).map((x) => x.intent).sort();
    if (e.intents && JSON.stringify(intents) !== JSON.stringify([...e.intents].sort())) out.push(`${at}: intents ${JSON.stringify(intents)}, expected ${JSON.stringify(e.intents)}`);
    for (const w of e.warnings ?? []) if (!(answer.newWarnings ?? []).includes(w)) out.push(`${at}: no new warning ${w} (new: ${JSON.stringify(answer.newWarnings)})`);
    if (e.nextBestAction && answer.nextBestAction?.code !== e.nextBestAction) out.push(`${at}: next best action ${answer.nextBestAction?.code}, expected ${e.nextBestAction}`);
    if (e.promise) {
      const p = answer.promise;
      if (!p) out.push(`${at}: no promise read`);
      else {
        if (e.promise.amountMinor !== undefined && p.amountMinor !== e.promise.amountMinor) out.push(`${at}: promise amount ${p.amountMinor}, expected ${e.promise.amountMinor}`);
        const due = e.promise.dueOn;
        if (due !== undefined && due !== null && WEEKDAYS.includes(due)) {
          if (p.dueOn === null || WEEKDAYS[new Date(`${p.dueOn}T00:00:00Z`).getUTCDay()] !== due) out.push(`${at}: promise date ${p.dueOn}, expected a ${due}`);
        } else if (due !== undefined && p.dueOn !== due) out.push(`${at}: promise date ${p.dueOn}, expected ${due}`);
      }
    }
  });
  return out;
}
