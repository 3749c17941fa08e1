// The tone a draft takes, from the borrower's recovery segment (policies/recovery-segments.ts) and
// the credit decision: a borrower unable to pay (restructure, flexible schedule: income stopped or
// comes in seasons) is written to with empathy; one who avoids contact or breaks promises with
// capacity left (field_or_legal) firmly and fairly; someone new to credit (a thin bureau file)
// plainly, as is anyone else.
import type { DraftTone } from './draft-types.js';

export function toneFor(segment: string | null, thinFile: boolean | null): { tone: DraftTone; why: string } {
  if (segment === 'restructure' || segment === 'flexible_schedule') return { tone: 'empathetic', why: `segment ${segment}: unable rather than unwilling to pay` };
  if (segment === 'field_or_legal') return { tone: 'firm_fair', why: 'segment field_or_legal: unwilling rather than unable to pay' };
  if (thinFile === true) return { tone: 'plain', why: 'a thin credit file: new to credit' };
  return { tone: 'plain', why: segment ? `segment ${segment}` : 'no recovery segment on record' };
}
