// Magic account numbers, published like a card network's test cards, so every failure path of
// payouts, collections and refunds can be driven from a test without a switch in the sandbox's
// API. A refund follows the account the refunded collection was taken from.
// TEST-ACCOUNTS.md renders this table for people; code and specs read it from here.

export type GatewayOperation = 'payout' | 'collection' | 'refund';

/** What the sandbox does with a request against an account, per operation. */
export type AccountBehaviour =
  | { kind: 'succeed' }
  /** the money does not move; the object is recorded as failed (200, status 'failed') */
  | { kind: 'decline'; failureCode: string; failureMessage: string }
  /** 503 before anything executes, once per Idempotency-Key; the retry proceeds normally */
  | { kind: 'unavailable_once' }
  /** executes and records the result, but the first response per key is a 504; the retry replays it */
  | { kind: 'timeout_after_commit_once' };

export interface GatewayTestAccount {
  accountNumber: string;
  description: string;
  payout: AccountBehaviour;
  collection: AccountBehaviour;
  /** a refund of a collection taken from this account */
  refund: AccountBehaviour;
}

const succeed: AccountBehaviour = { kind: 'succeed' };
const decline = (failureCode: string, failureMessage: string): AccountBehaviour => ({ kind: 'decline', failureCode, failureMessage });

export const GATEWAY_TEST_ACCOUNTS = {
  success: {
    accountNumber: '1000000000',
    description: 'Any account not listed here behaves like this one: payouts are paid, collections and refunds succeed.',
    payout: succeed,
    collection: succeed,
    refund: succeed,
  },
  accountClosed: {
    accountNumber: '4000000000',
    description: 'The account is closed: payouts, collections and refunds fail with account_closed.',
    payout: decline('account_closed', 'The destination account is closed.'),
    collection: decline('account_closed', 'The source account is closed.'),
    refund: decline('account_closed', 'The account the money came from is closed.'),
  },
  invalidAccount: {
    accountNumber: '4000000001',
    description: 'No such account at the bank: payouts, collections and refunds fail with invalid_account.',
    payout: decline('invalid_account', 'The account number does not exist at the bank.'),
    collection: decline('invalid_account', 'The account number does not exist at the bank.'),
    refund: decline('invalid_account', 'The account number does not exist at the bank.'),
  },
  closedBeforeRefund: {
    accountNumber: '4000000002',
    description: 'Collections from it succeed, but the account closes before a refund can reach it: refunds fail with account_closed.',
    payout: succeed,
    collection: succeed,
    refund: decline('account_closed', 'The account the money came from has since been closed.'),
  },
  insufficientFunds: {
    accountNumber: '5000000000',
    description: 'Collections fail with insufficient_funds; payouts to it are paid.',
    payout: succeed,
    collection: decline('insufficient_funds', 'The source account has insufficient funds.'),
    refund: succeed,
  },
  mandateRevoked: {
    accountNumber: '5000000001',
    description: 'The borrower revoked the debit mandate: collections fail with mandate_revoked; payouts are paid.',
    payout: succeed,
    collection: decline('mandate_revoked', 'The debit mandate has been revoked by the account holder.'),
    refund: succeed,
  },
  unavailableOnce: {
    accountNumber: '6000000000',
    description: 'The first request per Idempotency-Key gets 503 before anything executes; a retry with the same key succeeds.',
    payout: { kind: 'unavailable_once' },
    collection: { kind: 'unavailable_once' },
    refund: { kind: 'unavailable_once' },
  },
  timeoutAfterCommitOnce: {
    accountNumber: '6000000001',
    description:
      'The first request per Idempotency-Key moves the money but its response is lost (504); a retry with the same key replays the recorded result and moves nothing.',
    payout: { kind: 'timeout_after_commit_once' },
    collection: { kind: 'timeout_after_commit_once' },
    refund: { kind: 'timeout_after_commit_once' },
  },
} as const satisfies Record<string, GatewayTestAccount>;

const byNumber = new Map<string, GatewayTestAccount>(Object.values(GATEWAY_TEST_ACCOUNTS).map((a) => [a.accountNumber, a]));

export function behaviourFor(operation: GatewayOperation, accountNumber: string): AccountBehaviour {
  return byNumber.get(accountNumber)?.[operation] ?? succeed;
}
