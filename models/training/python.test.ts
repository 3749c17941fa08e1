// The training pipeline's own tests (models/training/tests, Python's unittest) run in the pinned
// training venv: the hand-computed scorecard, monotone binning, the champion rule and the logistic
// champion on linear data, calibration of a mis-calibrated model. Run here so `npm test` (and CI)
// runs them with everything else.
import { describe, expect, it } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { trainingPython } from '../cli/train.js';

const training = resolve(import.meta.dirname);
const TIMEOUT = 900_000;

describe('the training pipeline (Python unittest in the pinned venv)', () => {
  it('passes every test in models/training/tests', () => {
    const run = spawnSync(trainingPython(), ['-m', 'unittest', 'discover', '-s', join(training, 'tests'), '-t', training], {
      encoding: 'utf8',
      cwd: training,
      env: { ...process.env, PYTHONPATH: training, PYTHONUNBUFFERED: '1' },
      maxBuffer: 1 << 26,
    });
    const summary = /Ran (\d+) tests? in/.exec(run.stderr);
    if (run.status !== 0) throw new Error(`unittest failed (${run.status}):\n${run.stderr.slice(-8000)}`);
    expect(Number(summary?.[1])).toBeGreaterThanOrEqual(16);
    expect(run.stderr).toMatch(/\nOK\n?$/);
  }, TIMEOUT);
});
