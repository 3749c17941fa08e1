// What a collector's outcome on a work item says about the telephone call behind it. Collectors
// work their cases by phone, so every outcome is a call placed; it was a conversation about the
// debt when the borrower was reached (whatever came of it: a refusal, a promise, a dispute, a
// hardship, a plan asked for), and not when nobody answered or someone else did. Reg F counts both
// (12 CFR 1006.14(b)(2)(i): seven calls in seven days; none within seven days after a
// conversation), and so does the gate, which reads them from the contact log.
import type { CaseOutcome } from '../../../workflows/recovery/definitions.js';

const NOT_THE_BORROWER: ReadonlySet<CaseOutcome> = new Set(['no_answer', 'wrong_party']);

export function collectorCallOf(outcome: CaseOutcome): { outcome: CaseOutcome; conversation: boolean } {
  return { outcome, conversation: !NOT_THE_BORROWER.has(outcome) };
}
