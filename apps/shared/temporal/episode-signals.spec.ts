// The outbox stores a signal by name and the sender looks its definition up by that name: each name
// the outbox may hold must be the workflow's own name for the signal, or the episode would never hear it.
import { expect, it } from '@jest/globals';
import { OUTBOX_SIGNALS } from '../../../db/repositories/episode-signal-outbox.repository.js';
import { OUTBOX_SIGNAL_DEFINITIONS } from './episode-signals.js';

it('sends every signal the outbox holds under the name the recovery workflow handles', () => {
  expect(Object.keys(OUTBOX_SIGNAL_DEFINITIONS).sort()).toEqual([...OUTBOX_SIGNALS].sort());
  for (const name of OUTBOX_SIGNALS) expect(OUTBOX_SIGNAL_DEFINITIONS[name].name).toBe(name);
});
