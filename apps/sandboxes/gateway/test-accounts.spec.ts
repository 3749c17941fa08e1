import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { behaviourFor, GATEWAY_TEST_ACCOUNTS } from './test-accounts.js';

describe('gateway test accounts', () => {
  const doc = readFileSync(join(import.meta.dirname, 'TEST-ACCOUNTS.md'), 'utf8');

  it('are all published in TEST-ACCOUNTS.md, with their failure codes', () => {
    for (const [name, account] of Object.entries(GATEWAY_TEST_ACCOUNTS)) {
      const row = doc.split('\n').find((line) => line.startsWith(`| \`${account.accountNumber}\` | \`${name}\` |`));
      expect(row).toBeDefined();
      for (const behaviour of [account.payout, account.collection, account.refund]) {
        if (behaviour.kind === 'decline') expect(row).toContain(behaviour.failureCode);
      }
    }
  });

  it('treat any unlisted account as an ordinary one', () => {
    expect(behaviourFor('payout', '1234567890')).toEqual({ kind: 'succeed' });
    expect(behaviourFor('collection', GATEWAY_TEST_ACCOUNTS.insufficientFunds.accountNumber)).toMatchObject({ kind: 'decline', failureCode: 'insufficient_funds' });
  });
});
