import { describe, expect, it } from '@jest/globals';
import { DEFAULT_RESTART_POLICY, nextRestart } from './restart-policy.js';

const policy = DEFAULT_RESTART_POLICY;

describe('restart policy', () => {
  it('restarts a child that had been running a while at once, and forgets its earlier deaths', () => {
    expect(nextRestart(policy, 5, 60_000)).toEqual({ restart: true, delayMs: 0, quickDeaths: 0 });
  });

  it('doubles the wait for each quick death in a row, up to the cap', () => {
    const delays: number[] = [];
    let quickDeaths = 0;
    for (let i = 0; i < policy.maxQuickDeaths; i++) {
      const decision = nextRestart(policy, quickDeaths, 1000);
      if (!decision.restart) throw new Error('gave up too early');
      delays.push(decision.delayMs);
      quickDeaths = decision.quickDeaths;
    }
    expect(delays).toEqual([500, 1000, 2000, 4000, 8000, 16_000, 30_000, 30_000]);
  });

  it('gives up after too many quick deaths in a row', () => {
    expect(nextRestart(policy, policy.maxQuickDeaths, 1000)).toEqual({ restart: false, quickDeaths: policy.maxQuickDeaths + 1 });
  });
});
