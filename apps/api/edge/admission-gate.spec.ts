import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals';
import { AdmissionGate, type Admission, type RefusalReason } from './admission-gate.js';

let clock = 0;
beforeEach(() => {
  clock = 0;
  jest.useFakeTimers();
});
afterEach(() => {
  jest.useRealTimers();
});

function advance(ms: number): void {
  clock += ms;
  jest.advanceTimersByTime(ms);
}

/** A request as the gate sees it: what happened to it, and a switch for its client hanging up. */
function request(): Admission & { outcome: 'waiting' | 'ran' | RefusalReason; retryAfter?: number; left: boolean } {
  const r = {
    outcome: 'waiting' as 'waiting' | 'ran' | RefusalReason,
    retryAfter: undefined as number | undefined,
    left: false,
    run: () => void (r.outcome = 'ran'),
    refuse: (reason: RefusalReason, retryAfter: number) => {
      r.outcome = reason;
      r.retryAfter = retryAfter;
    },
    gone: () => r.left,
  };
  return r;
}

const gate = (concurrency: number, queue: number, maxWaitMs: number) => new AdmissionGate({ concurrency, queue, maxWaitMs }, () => clock);

describe('AdmissionGate', () => {
  it('runs up to its concurrency at once, queues the next ones and starts them oldest first as slots free', () => {
    const g = gate(2, 10, 1000);
    const [a, b, c, d] = [request(), request(), request(), request()];
    const tickets = [a, b, c, d].map((r) => g.enter(r));
    expect([a, b, c, d].map((r) => r.outcome)).toEqual(['ran', 'ran', 'waiting', 'waiting']);
    tickets[0]!.leave();
    expect(c.outcome).toBe('ran');
    expect(d.outcome).toBe('waiting');
    tickets[1]!.leave();
    expect(d.outcome).toBe('ran');
    expect(g.stats()).toMatchObject({ running: 2, waiting: 0, admitted: 4 });
  });

  it('refuses at once when the queue is full, with a Retry-After of at least a second', () => {
    const g = gate(1, 1, 1000);
    g.enter(request());
    const queued = request();
    g.enter(queued);
    const refused = request();
    g.enter(refused);
    expect(queued.outcome).toBe('waiting');
    expect(refused).toMatchObject({ outcome: 'queue_full', retryAfter: 1 });
  });

  it('refuses a waiting request at its deadline, and never starts it afterwards', () => {
    const g = gate(1, 5, 200);
    const running = g.enter(request());
    const late = request();
    g.enter(late);
    advance(199);
    expect(late.outcome).toBe('waiting');
    advance(1);
    expect(late.outcome).toBe('wait_too_long');
    running.leave();
    expect(late.outcome).toBe('wait_too_long');
    expect(g.stats()).toMatchObject({ running: 0, waiting: 0, refused: { wait_too_long: 1 } });
  });

  it('refuses at once a request whose expected wait, from how fast slots have freed, exceeds the deadline', () => {
    const g = gate(2, 100, 250);
    // Two requests that took 200 ms each: with two slots, a place in the queue frees every 100 ms.
    const first = [g.enter(request()), g.enter(request())];
    advance(200);
    first.forEach((t) => t.leave());
    g.enter(request());
    g.enter(request());
    const positions = [request(), request(), request()];
    positions.forEach((r) => g.enter(r));
    // Expected waits 100, 200 and 300 ms: the third would wait past 250 ms, so it is told now.
    expect(positions.map((r) => r.outcome)).toEqual(['waiting', 'waiting', 'wait_too_long']);
  });

  it('drops a waiting request whose client has gone, without ever running it', () => {
    const g = gate(1, 5, 10_000);
    const running = g.enter(request());
    const gone = request();
    const goneTicket = g.enter(gone);
    const next = request();
    g.enter(next);
    goneTicket.leave();
    running.leave();
    expect(gone.outcome).toBe('waiting');
    expect(next.outcome).toBe('ran');
    expect(g.stats()).toMatchObject({ abandoned: 1, running: 1, waiting: 0 });
  });

  it('skips a waiting request whose client is found gone when its turn comes', () => {
    const g = gate(1, 5, 10_000);
    const running = g.enter(request());
    const gone = request();
    g.enter(gone);
    gone.left = true;
    running.leave();
    expect(gone.outcome).toBe('waiting');
    expect(g.stats()).toMatchObject({ abandoned: 1, running: 0, admitted: 1 });
  });

  it('counts a ticket once however often it is left', () => {
    const g = gate(1, 5, 1000);
    const t = g.enter(request());
    t.leave();
    t.leave();
    const r = request();
    g.enter(r);
    expect(r.outcome).toBe('ran');
    expect(g.stats().running).toBe(1);
  });

  it('keeps its queue small when clients keep leaving while the slots stay busy', () => {
    const g = gate(1, 10, 10_000);
    g.enter(request());
    for (let i = 0; i < 5000; i++) g.enter(request()).leave();
    expect(g.stats()).toMatchObject({ waiting: 0, abandoned: 5000 });
    expect((g as unknown as { queue: unknown[] }).queue.length).toBeLessThan(1100);
  });
});
