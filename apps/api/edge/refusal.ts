// Writes the 429s and 503s the edge answers before Express runs: the same problem document the
// problem filter writes, with Retry-After.
//
// Under a flood most answers are refusals, and when they are written matters. Written as each is
// decided, in libuv's poll phase, every refusal lets its client send its next request at once, so
// the phase goes on reading and refusing (libuv polls again while events keep coming, up to 48
// rounds of 1024) and the admitted requests' work that runs in a later phase (onnxruntime-node
// scores in setImmediate) waits for all of it: in the 10,000-connection bench, scoring waited 2-3 s
// per turn of the event loop. So the refusals decided during a turn are written together at the
// start of the next (a timer), after that turn's admitted work; each turn then reads every busy
// connection about once, and refusals still go out within the turn after they were decided.
import type { ServerResponse } from 'node:http';
import { PROBLEM_TYPES } from '../http/problem.js';
import type { ApiRequest } from '../http/request-context.js';
import { writeEdgeProblem } from './edge-answer.js';

interface Refusal {
  req: ApiRequest;
  res: ServerResponse;
  path: string;
  kind: 'rateLimited' | 'overloaded';
  detail: string;
  retryAfterSeconds: number;
}

export class Refusals {
  private pending: Refusal[] = [];
  private timer: NodeJS.Timeout | undefined;

  refuse(refusal: Refusal): void {
    this.pending.push(refusal);
    this.timer ??= setTimeout(() => this.flush(), 0);
  }

  flush(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    const batch = this.pending;
    this.pending = [];
    for (const refusal of batch) write(refusal);
  }
}

function write({ req, res, path, kind, detail, retryAfterSeconds }: Refusal): void {
  const { type, title, status } = PROBLEM_TYPES[kind];
  writeEdgeProblem(req, res, { type, title, status, detail, instance: path }, { 'Retry-After': String(retryAfterSeconds) });
}
