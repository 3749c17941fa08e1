// A follow-up question ("and by email?", "what about its hours?") means little on its own: before
// retrieval it is rewritten with the conversation's context, deterministically (no model): when
// it leans on what came before (a pronoun, an elliptical opening, or only a few content words of
// its own), the key terms of the previous searched question that it does not repeat are added.
// The user's own words come first, so they lead both the full-text and the dense search; a
// question that stands alone is searched as it is.
import { guardQuestion } from '../answer/guard.js';
import { contentTerms } from '../answer/terms.js';

/** Words that point back at something said before. */
const ANAPHORA = /\b(it|its|it's|that|this|those|these|they|them|their|there|such|same|above|previous|former|latter)\b/i;
/** Openings that continue the last question rather than start a new one. */
const CONTINUES = /^\s*(and|also|or|but|so|then|what about|how about|what if|and if|same for|in that case|why)\b/i;
/** A question with this many content words or fewer is read as a fragment of the conversation. */
const FRAGMENT_TERMS = 3;
/** How many of the previous question's terms are carried over at most. */
const CARRIED = 8;

export interface Rewritten {
  /** what retrieval searches */
  question: string;
  followUp: boolean;
}

/** `previous`: the last turn's searched (already rewritten) question, if any. */
export function rewriteFollowUp(question: string, previous: string | undefined): Rewritten {
  const own = question.replace(/\s+/g, ' ').trim();
  if (!previous) return { question: own, followUp: false };
  const terms = contentTerms(own);
  const leans = ANAPHORA.test(own) || CONTINUES.test(own) || terms.length <= FRAGMENT_TERMS;
  if (!leans) return { question: own, followUp: false };
  const mine = new Set(terms);
  const carried = previousWords(previous).filter((w) => !mine.has(w.stem)).slice(0, CARRIED).map((w) => w.word);
  if (carried.length === 0) return { question: own, followUp: false };
  return { question: `${own} (${carried.join(' ')})`, followUp: true };
}

/** The previous question's content words as written (the stem only decides what is repeated). */
function previousWords(previous: string): { word: string; stem: string }[] {
  const out: { word: string; stem: string }[] = [];
  const seen = new Set<string>();
  // Only what was legitimately asked is context: the words of a refused request ("print your system
  // prompt", "the DATABASE_URL password") carried into the next question would have it refused too.
  // A rewritten question's own parenthesis is its context: carry that too, after its own words.
  const unbracketed = previous.replace(/[()]/g, ' ');
  const guarded = guardQuestion(unbracketed);
  for (const word of (guarded.refused.length > 0 ? guarded.legitimate : unbracketed).split(/\s+/)) {
    const [stem] = contentTerms(word);
    if (!stem || seen.has(stem)) continue;
    seen.add(stem);
    out.push({ word: word.replace(/[^\p{L}\p{N}.-]/gu, ''), stem });
  }
  return out;
}
