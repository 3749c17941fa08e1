import { describe, expect, it } from '@jest/globals';
import { quietTemporalRuntime } from '../../apps/testkit/loan-env.js';
import { replayFailures } from '../../apps/testkit/replay-check.js';
import { dataConverter } from '../../apps/shared/temporal/data-converter.js';
import { workflowsPath } from '../../apps/worker/workflow-bundle.js';
import { FIXTURE_KEYRING } from '../loan/histories/fixture-keyring.js';
import { recordedHistories } from './histories/dead-letter-replay/history-files.js';

describe('replay of recorded dead-letter replay histories', () => {
  const histories = recordedHistories();

  it('covers a send, a send that dead-letters again, a letter already replayed and an unknown one', () => {
    const names = histories.map((h) => h.file);
    for (const scenario of ['sent', 'dead-lettered-again', 'already-replayed', 'not-found']) expect(names.some((n) => n.startsWith(scenario))).toBe(true);
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
