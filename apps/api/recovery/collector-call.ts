// What a collector's outcome on a work item says about the telephone call behind it: a call
// placed, and a conversation about the debt unless nobody answered or someone else did
// (isConversation, shared with the recovery workflow). Reg F counts both (12 CFR
// 1006.14(b)(2)(i): seven calls in seven days; none within seven days after a conversation), and
// so does the gate, which reads them from the contact log.
import { isConversation, type CaseOutcome } from '../../../workflows/recovery/definitions.js';

export function collectorCallOf(outcome: CaseOutcome): { outcome: CaseOutcome; conversation: boolean } {
  return { outcome, conversation: isConversation(outcome) };
}
