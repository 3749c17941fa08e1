// Admission control for one class of request: at most `concurrency` being worked on, at most
// `queue` waiting, none waiting longer than `maxWaitMs`. A request that cannot be served in time
// is refused at once, while refusing is still cheap and its client can still go elsewhere or
// retry, instead of sitting in the event loop until its client has given up (and then being
// served anyway, to nobody). A waiting request whose client hangs up leaves the queue without
// being worked on.
import type { AdmissionLimit } from '../../shared/config.js';

export type RefusalReason = 'queue_full' | 'wait_too_long';

export interface Admission {
  /** Start the request's work. */
  run(): void;
  /** Answer 503: the request will not be worked on. */
  refuse(reason: RefusalReason, retryAfterSeconds: number): void;
  /** Whether the client has gone already (checked before work starts). */
  gone(): boolean;
}

export interface Ticket {
  /** Call once the answer is finished or the client has gone: frees the slot or the place in the queue. */
  readonly leave: () => void;
}

interface Entry extends Ticket {
  state: 'waiting' | 'running' | 'done';
  admission: Admission;
  since: number;
  timer?: NodeJS.Timeout;
}

export interface GateStats {
  running: number;
  waiting: number;
  admitted: number;
  refused: Record<RefusalReason, number>;
  /** requests whose clients left while they waited */
  abandoned: number;
  /** the longest any admitted request waited for its slot, in ms */
  longestWaitMs: number;
  /** recent mean time from admission to answer, in ms */
  serviceMs: number;
}

export class AdmissionGate {
  private running = 0;
  private readonly queue: Entry[] = [];
  private head = 0;
  private waiting = 0;
  private serviceMs = 0;
  private readonly counts = { admitted: 0, abandoned: 0, longestWaitMs: 0, refused: { queue_full: 0, wait_too_long: 0 } };

  constructor(
    readonly limit: AdmissionLimit,
    private readonly now: () => number = () => performance.now(),
  ) {}

  enter(admission: Admission): Ticket {
    const entry: Entry = { state: 'waiting', admission, since: this.now(), leave: () => this.leave(entry) };
    if (this.running < this.limit.concurrency && this.waiting === 0) {
      this.start(entry);
      return entry;
    }
    if (this.waiting >= this.limit.queue) return this.refuse(entry, 'queue_full');
    // What the wait would be, from how fast slots have been freeing up: refusing now beats
    // refusing at the deadline, after the client has spent it waiting.
    if (this.expectedWaitMs(this.waiting + 1) > this.limit.maxWaitMs) return this.refuse(entry, 'wait_too_long');
    this.queue.push(entry);
    this.waiting += 1;
    entry.timer = setTimeout(() => this.expire(entry), this.limit.maxWaitMs);
    entry.timer.unref();
    return entry;
  }

  stats(): GateStats {
    return { running: this.running, waiting: this.waiting, ...this.counts, refused: { ...this.counts.refused }, serviceMs: Math.round(this.serviceMs * 10) / 10 };
  }

  private start(entry: Entry): void {
    entry.state = 'running';
    this.running += 1;
    this.counts.admitted += 1;
    this.counts.longestWaitMs = Math.max(this.counts.longestWaitMs, this.now() - entry.since);
    entry.since = this.now();
    entry.admission.run();
  }

  private refuse(entry: Entry, reason: RefusalReason): Entry {
    entry.state = 'done';
    this.counts.refused[reason] += 1;
    entry.admission.refuse(reason, Math.min(60, Math.max(1, Math.ceil(this.expectedWaitMs(this.waiting + 1) / 1000))));
    return entry;
  }

  private leave(entry: Entry): void {
    if (entry.state === 'waiting') {
      this.dequeued(entry);
      entry.state = 'done';
      this.counts.abandoned += 1;
      this.compact();
    } else if (entry.state === 'running') {
      entry.state = 'done';
      this.running -= 1;
      const took = this.now() - entry.since;
      this.serviceMs = this.serviceMs === 0 ? took : this.serviceMs + (took - this.serviceMs) / 8;
      this.pump();
    }
  }

  private expire(entry: Entry): void {
    if (entry.state !== 'waiting') return;
    this.dequeued(entry);
    this.refuse(entry, 'wait_too_long');
  }

  private dequeued(entry: Entry): void {
    clearTimeout(entry.timer);
    this.waiting -= 1;
  }

  /** Starts waiting requests while slots are free, oldest first, skipping those whose clients left. */
  private pump(): void {
    while (this.running < this.limit.concurrency && this.head < this.queue.length) {
      const entry = this.queue[this.head++]!;
      if (entry.state !== 'waiting') continue;
      this.dequeued(entry);
      if (entry.admission.gone()) {
        entry.state = 'done';
        this.counts.abandoned += 1;
      } else if (this.now() - entry.since > this.limit.maxWaitMs) this.refuse(entry, 'wait_too_long');
      else this.start(entry);
    }
    this.compact();
  }

  /** Drops what the head has passed, and entries whose clients left, once they pile up. */
  private compact(): void {
    if (this.head === this.queue.length) {
      this.queue.length = 0;
      this.head = 0;
    } else if (this.queue.length - this.head > 2 * this.waiting + 1024) {
      const live = this.queue.slice(this.head).filter((e) => e.state === 'waiting');
      this.queue.length = 0;
      this.queue.push(...live);
      this.head = 0;
    }
  }

  private expectedWaitMs(position: number): number {
    return (position * this.serviceMs) / this.limit.concurrency;
  }
}
