// Writes the published request bodies (one JSON file per test identity, beside this file) from
// identities.ts. Run after changing an identity:
//   node --experimental-vm-modules node_modules/jest/bin/jest.js -c jest.tools.config.js apps/sandboxes/identities
// identities.spec.ts fails while a file differs from what this writes.
import { it } from '@jest/globals';
import { writeFileSync } from 'node:fs';
import { readyBody, readyBodyPath, readyBodyText, TEST_IDENTITY_KEYS } from '../identities.js';

it('writes every identity body', () => {
  for (const key of TEST_IDENTITY_KEYS) writeFileSync(new URL(`../${readyBodyPath(key)}`, import.meta.url), readyBodyText(readyBody(key)));
});
