import { describe, expect, it } from '@jest/globals';
import { quietTemporalRuntime } from '../../apps/testkit/loan-env.js';
import { replayFailures } from '../../apps/testkit/replay-check.js';
import { dataConverter } from '../../apps/shared/temporal/data-converter.js';
import { workflowsPath } from '../../apps/worker/workflow-bundle.js';
import { FIXTURE_KEYRING } from './histories/fixture-keyring.js';
import { patchIds, recordedHistories } from './histories/history-files.js';
import { CONTACT_PROFILE_AT_ACTIVATION } from './contact-profile.js';
import { ARRANGEMENTS_KEEP_EPISODE, RECOVERY_ACCOUNT_KEPT_CURRENT, RECOVERY_EPISODES, RECOVERY_EPISODE_STARTED_BY_ACTIVITY } from './recovery-episode.js';
import { LOAN_ARRANGEMENTS, RESTRUCTURE_INTEREST_ONCE } from './arrangement.js';

// Every history a test run produces is replayed too, when its environment tears down
// (apps/testkit/replay-check.ts); these are the recorded ones, kept across code changes.

/** Replaying every recording is CPU-bound (20 s here when idle): room for a busy CI machine. */
const REPLAY_TIMEOUT_MS = 600_000;
describe('replay of recorded loan histories', () => {
  const histories = recordedHistories();

  it('covers every lifecycle ending and a continued-as-new loan', () => {
    const names = histories.map((h) => h.file);
    for (const scenario of [
      'paid-off-by-autopay',
      'charged-off-with-continue-as-new',
      'late-then-paid-off-early',
      'declined',
      'review-timed-out',
      'payout-failed-compensated',
      'withdrawn',
      // recorded with local activities taking turns, money as activities, every command answered before close
      'declined-at-kyc',
      'malformed-signal-then-paid',
      'segmented-then-charged-off',
      // recorded under payment-signal-shapes, and the payout unwind after a recorded commit
      'malformed-shapes-rejected',
      'payout-failed-after-commit',
      'continued-as-new-then-charged-off',
      // imported from another system, delinquent at once, then charged off
      'imported-delinquent',
      // a contact profile at activation, a recovery episode started on the fall into arrears and
      // told until the cure (recorded by workflows/recovery/histories/record.tool.ts): started as
      // a child before recovery-episode-started-by-activity, by an activity since
      'delinquent-recovery-cured-as-child',
      'delinquent-recovery-cured',
      // a late fee assessed between bucket changes, told to the episode (recovery-account-kept-current)
      'delinquent-late-fee-told',
      // arrangements (loan-arrangements): a plan kept, a plan broken then written off, a restructure,
      // a settlement ending settled, a write-off of a current loan
      'plan-kept',
      'plan-broken-then-written-off',
      'restructured-then-paid-off',
      // a restructure without a holiday, its first period's interest charged once (restructure-interest-once)
      'restructured-without-holiday',
      'settled',
      'written-off',
    ]) {
      expect(names.some((n) => n.startsWith(scenario))).toBe(true);
    }
    expect(names.filter((n) => n.startsWith('charged-off-with-continue-as-new')).length).toBeGreaterThan(1);
  });

  it('a recording took each patch that guards the recovery paths and the arrangements', () => {
    const taken = new Set(histories.flatMap((h) => patchIds(h.history)));
    for (const patch of [CONTACT_PROFILE_AT_ACTIVATION, RECOVERY_EPISODES, RECOVERY_EPISODE_STARTED_BY_ACTIVITY, RECOVERY_ACCOUNT_KEPT_CURRENT, LOAN_ARRANGEMENTS, ARRANGEMENTS_KEEP_EPISODE, RESTRUCTURE_INTEREST_ONCE]) {
      expect(taken).toContain(patch);
    }
  });

  it('the current workflow code replays each of them without a determinism error', async () => {
    quietTemporalRuntime();
    const failures = await replayFailures(
      { workflowsPath: workflowsPath(), dataConverter: dataConverter(FIXTURE_KEYRING) },
      histories.map(({ workflowId, history }) => ({ workflowId, history })),
    );
    expect(failures).toEqual([]);
  }, REPLAY_TIMEOUT_MS);
});
