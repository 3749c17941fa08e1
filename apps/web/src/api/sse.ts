// Server-sent events read from a fetch body: EventSource cannot send the bearer header or a POST
// body, so POST /v1/assistant/ask/stream is read with fetch and a ReadableStream, and its frames
// (`event:` / `data:` lines, a blank line between) are parsed here as they arrive.
import { session } from '../auth/session.ts';
import { ApiProblem } from './client.ts';

export interface SseEvent {
  event: string;
  data: string;
}

/** Splits what has arrived so far into whole events and the unfinished rest. */
export function parseSse(buffer: string): { events: SseEvent[]; rest: string } {
  const frames = buffer.replace(/\r\n/g, '\n').split('\n\n');
  const rest = frames.pop() ?? '';
  const events = frames.flatMap((frame): SseEvent[] => {
    let event = 'message';
    const data: string[] = [];
    for (const line of frame.split('\n')) {
      if (line.startsWith('event:')) event = line.slice(6).trim();
      else if (line.startsWith('data:')) data.push(line.slice(5).replace(/^ /, ''));
    }
    return data.length ? [{ event, data: data.join('\n') }] : [];
  });
  return { events, rest };
}

/** POSTs a JSON body and calls onEvent for each event as it arrives; a refusal before the stream is an ApiProblem. */
export async function postEventStream(path: string, body: unknown, onEvent: (e: SseEvent) => void, signal?: AbortSignal): Promise<void> {
  const token = session.token();
  const response = await fetch(path, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'text/event-stream', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
    ...(signal ? { signal } : {}),
  });
  if (response.status === 401 && token) session.signOut();
  if (!response.ok || !response.body) {
    const text = await response.text();
    let problem: ConstructorParameters<typeof ApiProblem>[1] = {};
    try {
      problem = JSON.parse(text) as typeof problem;
    } catch {
      problem = { title: text || `HTTP ${response.status}` };
    }
    throw new ApiProblem(response.status, problem);
  }
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (value) buffer += value;
    const { events, rest } = parseSse(done ? `${buffer}\n\n` : buffer);
    buffer = rest;
    for (const e of events) onEvent(e);
    if (done) return;
  }
}
