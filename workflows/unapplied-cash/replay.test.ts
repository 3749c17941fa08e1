import { describe, expect, it } from '@jest/globals';
import { quietTemporalRuntime } from '../../apps/testkit/loan-env.js';
import { replayFailures } from '../../apps/testkit/replay-check.js';
import { dataConverter } from '../../apps/shared/temporal/data-converter.js';
import { workflowsPath } from '../../apps/worker/workflow-bundle.js';
import { FIXTURE_KEYRING } from '../loan/histories/fixture-keyring.js';
import { recordedHistories } from './histories/history-files.js';

describe('replay of recorded unapplied-cash histories', () => {
  const histories = recordedHistories();

  it('covers an application, a refund, and each refusal', () => {
    const names = histories.map((h) => h.file);
    for (const scenario of ['applied-to-a-loan', 'refunded', 'refund-declined-by-the-bank', 'refund-refused-already-applied', 'apply-refused-by-a-closed-loan']) {
      expect(names.some((n) => n.startsWith(scenario))).toBe(true);
    }
  });

  it('the current workflow code replays each of them without a determinism error', async () => {
    quietTemporalRuntime();
    const failures = await replayFailures(
      { workflowsPath: workflowsPath(), dataConverter: dataConverter(FIXTURE_KEYRING) },
      histories.map(({ workflowId, history }) => ({ workflowId, history })),
    );
    expect(failures).toEqual([]);
  });
});
