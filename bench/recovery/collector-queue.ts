// The simulated collectors: cases opened by a policy's handoff wait in one queue, highest
// priority first, and the team works as many calls a day as it has capacity for (every skill
// is covered; the people issue brings skills per assignee). A case is called at 11:00 in the
// borrower's zone (or when the gate next allows), up to three times; a conversation, or the
// third unanswered call, returns it to the recovery path.
import type { Episode } from './world.js';

export interface CollectorCase {
  ep: Episode;
  queue: string;
  priority: number;
  openedAt: number;
  attempts: number;
  /** not called before this instant (a blocked call's retry) */
  notBefore: number;
  /** the contact chain this case's calls belong to */
  contactId: number;
  /** its last call was blocked and waits for the gate's retry */
  blocked: boolean;
}

/** One collector per 400 delinquent loans (25 for 10,000), each making 40 calls a day. */
export const COLLECTORS = { loansPerPerson: 400, callsPerPersonPerDay: 40, attemptsPerCase: 3 } as const;

export class CollectorQueue {
  private cases: CollectorCase[] = [];
  opened = 0;
  callsAssigned = 0;
  private readonly capacity: number;

  constructor(loans: number) {
    this.capacity = Math.max(1, Math.ceil(loans / COLLECTORS.loansPerPerson)) * COLLECTORS.callsPerPersonPerDay;
  }

  open(c: CollectorCase): void {
    this.cases.push(c);
    this.opened++;
  }

  close(c: CollectorCase): void {
    const i = this.cases.indexOf(c);
    if (i >= 0) this.cases.splice(i, 1);
  }

  /** The day's calls: the highest priorities whose next call may fall on this day. */
  assign(dayEnd: number): CollectorCase[] {
    this.cases = this.cases.filter((c) => !c.ep.ended);
    const ready = this.cases.filter((c) => c.notBefore < dayEnd).sort((a, b) => b.priority - a.priority || a.openedAt - b.openedAt);
    const today = ready.slice(0, this.capacity);
    this.callsAssigned += today.length;
    return today;
  }
}
