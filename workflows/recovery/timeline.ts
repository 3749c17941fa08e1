// The episode's timeline and read model, written in the background: the main line and the signal
// handlers append entries (numbered by the workflow, so a retried write lands once) and one
// writer sends them with the episode's snapshot, in order, one activity at a time.
import { condition, workflowInfo } from '@temporalio/workflow';
import type { EpisodeSnapshot, TimelineEntry } from '../../db/repositories/recovery-episode.repository.js';
import { episodes } from './activities.js';
import { dpdNow, type EpisodeState } from './episode-state.js';

export class Timeline {
  private readonly pending: TimelineEntry[] = [];
  private writing = false;
  private stopped = false;

  constructor(private readonly s: EpisodeState) {}

  log(kind: string, data: Record<string, unknown> = {}): void {
    const path = this.s.path;
    this.pending.push({
      seq: ++this.s.actionSeq,
      at: new Date().toISOString(),
      kind,
      policyVersion: path?.version ?? null,
      ruleId: path?.ruleId ?? null,
      stepIndex: path ? path.stepIndex : null,
      data,
    });
  }

  /** The background writer; returns once stopped and drained. */
  async run(): Promise<void> {
    for (;;) {
      await condition(() => this.pending.length > 0 || this.stopped);
      if (this.pending.length === 0) return;
      this.writing = true;
      const batch = this.pending.splice(0);
      await episodes.recordProgress({ episode: snapshot(this.s, batch.at(-1)!.seq), actions: batch });
      this.writing = false;
    }
  }

  /** Waits until everything logged so far is written (before continue-as-new and at the end). */
  async drained(): Promise<void> {
    await condition(() => this.pending.length === 0 && !this.writing);
  }

  stop(): void {
    this.stopped = true;
  }
}

function snapshot(s: EpisodeState, version: number): EpisodeSnapshot {
  return {
    workflowId: workflowInfo().workflowId,
    loanId: s.loanId,
    episode: s.episode,
    status: s.ended ? 'ended' : 'running',
    stage: s.stage,
    currency: s.currency,
    product: s.product,
    country: s.country,
    bucketAtStart: s.bucketAtStart,
    bucket: s.account.bucket,
    dpd: dpdNow(s, Date.now()),
    segment: s.segment,
    propensityBand: s.propensityBand,
    delinquentMinor: s.delinquentMinor,
    outstandingMinor: s.account.outstandingMinor,
    recoveredMinor: s.recoveredMinor,
    policyVersion: s.path?.version ?? null,
    ruleId: s.path?.ruleId ?? null,
    experimentId: s.experiment?.id ?? null,
    arm: s.experiment?.arm ?? null,
    contacts: s.counts.contacts,
    blocked: s.counts.blocked,
    promisesKept: s.counts.promisesKept,
    promisesBroken: s.counts.promisesBroken,
    optedOut: s.optedOut,
    rolledForward: s.rolledForward,
    startedAt: new Date(s.startedAt).toISOString(),
    endedAt: s.ended ? new Date().toISOString() : null,
    endReason: s.ended?.reason ?? null,
    version,
  };
}
