// Maker-checker compares people: the checker must not be the proposer. A proposal made with an
// API key names the key, not the person who holds it, so that person could approve their own
// proposal as themselves. So what waits for a second person is proposed by a person, never by a
// key: write-offs, activations, promotions, and any arrangement outside the policy's bounds (a key
// may still propose what is applied at once, within them).
import { ProblemException } from '../http/problem.js';
import type { Principal } from '../auth/principal.js';

export function mustBePersonToPropose(caller: Pick<Principal, 'kind'>, what: string): void {
  if (caller.kind !== 'person') throw new ProblemException('personProposes', `${what} waits for a second person, so a person proposes it, not an API key (the checker is compared with the proposer)`);
}
