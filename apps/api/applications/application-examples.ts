// Request examples for the OpenAPI spec: the sandbox's published test identities, so anyone
// trying the API against the sandboxes gets the outcome the example is named for.
import type { ExamplesObject } from '@nestjs/swagger';
import { testApplication, type TestIdentityKey } from '../../sandboxes/identities.js';

const EXAMPLES: [TestIdentityKey, string][] = [
  ['approved', 'Approved for the amount asked (Priya Sharma)'],
  ['declined', 'Declined with adverse-action reasons (Rohan Verma)'],
  ['review', 'Manual review: the score falls between the cut-offs (Ananya Iyer)'],
  ['newToCredit', 'No bureau file, approved on bank data (Kavya Reddy)'],
];

export function applicationExamples(): ExamplesObject {
  return Object.fromEntries(EXAMPLES.map(([key, summary]) => [key, { summary, value: testApplication(key) }]));
}
