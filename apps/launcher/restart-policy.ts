// When the launcher restarts a child that exited on its own. A child that ran for a while before
// it died is restarted at once (a crash, an OOM kill); one that keeps dying soon after it starts
// waits longer each time (a lost dependency may come back), and after too many such deaths in a
// row the launcher gives up and says so rather than spin forever.
export interface RestartPolicy {
  /** the first wait after a quick death, doubled for each further one */
  initialDelayMs: number;
  maxDelayMs: number;
  /** a child that ran this long before it died was healthy: its count starts again */
  stableAfterMs: number;
  /** quick deaths in a row after which the launcher gives up */
  maxQuickDeaths: number;
}

export const DEFAULT_RESTART_POLICY: RestartPolicy = { initialDelayMs: 500, maxDelayMs: 30_000, stableAfterMs: 20_000, maxQuickDeaths: 8 };

export type RestartDecision = { restart: true; delayMs: number; quickDeaths: number } | { restart: false; quickDeaths: number };

/** `quickDeaths` is the count before this death; `ranMs` how long the child ran this time. */
export function nextRestart(policy: RestartPolicy, quickDeaths: number, ranMs: number): RestartDecision {
  if (ranMs >= policy.stableAfterMs) return { restart: true, delayMs: 0, quickDeaths: 0 };
  const count = quickDeaths + 1;
  if (count > policy.maxQuickDeaths) return { restart: false, quickDeaths: count };
  return { restart: true, delayMs: Math.min(policy.initialDelayMs * 2 ** (count - 1), policy.maxDelayMs), quickDeaths: count };
}
