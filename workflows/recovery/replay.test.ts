import { describe, expect, it } from '@jest/globals';
import { quietTemporalRuntime } from '../../apps/testkit/loan-env.js';
import { replayFailures } from '../../apps/testkit/replay-check.js';
import { dataConverter } from '../../apps/shared/temporal/data-converter.js';
import { workflowsPath } from '../../apps/worker/workflow-bundle.js';
import { FIXTURE_KEYRING } from '../loan/histories/fixture-keyring.js';
import { recordedHistories } from '../loan/histories/history-files.js';

// The recovery workflow's recorded histories (histories/record.tool.ts), held to the current code
// like the loan's: a change that alters the commands an episode issues needs a patch.

/** Replaying every recording is CPU-bound (20 s here when idle): room for a busy CI machine. */
const REPLAY_TIMEOUT_MS = 600_000;
describe('replay of recorded recovery histories', () => {
  const histories = recordedHistories(new URL('./histories/', import.meta.url));

  it('covers a cure, a broken promise handed off, STOP, a dispute, a policy switch, a challenger, a continued episode, a contact held until morning, a late fee told between bucket changes, case signals sent twice and applied once, the validation notice after a collector\'s call (by email, and by letter) an original creditor answered, a broken arrangement and drafted sends', () => {
    const names = histories.map((h) => h.file);
    for (const scenario of [
      'recovery-cured',
      'recovery-promise-broken-handoff-sla',
      'recovery-stop-then-email',
      'recovery-dispute-verified',
      'recovery-policy-switched',
      'recovery-experiment-challenger',
      'recovery-continued-as-new',
      'recovery-contact-rescheduled',
      'recovery-late-fee-told',
      'recovery-case-signals-applied-once',
      'recovery-validation-after-collector-call',
      'recovery-validation-by-letter',
      'recovery-original-creditor-answered',
      // a loan's plan broken, treated as a broken promise (recovery-arrangement-broken)
      'recovery-arrangement-broken',
      // a text and an email the drafting agent wrote, one draft refused for the hour first (recovery-drafted-sends)
      'recovery-drafted-sends',
    ]) {
      expect(names.some((n) => n.startsWith(`${scenario}.run`))).toBe(true);
    }
    expect(names.filter((n) => n.startsWith('recovery-continued-as-new.run')).length).toBeGreaterThan(1);
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
