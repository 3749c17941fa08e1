// The one rule for threatening words, read by the drafting gate (message-content.ts, on a drafted
// message's finished text) and by the live-call assist (apps/api/calls/call-session.ts, on what the
// collector says, beside the intent model). 12 CFR 1006.14 and 1006.18(c)(1),(5): no threat of
// arrest, seizure or of a suit the collector does not intend; RBI's recovery-agent directions: no
// intimidation. Pure.
//
// Arrest, jail, police, seizure, shaming and the like are threats wherever they are said: a
// collector has no lawful reason to bring them up. A lawsuit is different, because a collector may
// lawfully say that there will be none ("we will not sue", "we cannot take you to court", "no legal
// action has been taken"), and a borrower asks about one ("are you going to sue me?"). So the legal
// words (sue, sued, suing, lawsuit, legal action, court, and Hindi मुकदमा/अदालत) are not a threat
// where they are negated, the negation standing just before them with only words like "going to",
// "be", "take you to" between (so "if you don't pay we will sue" is still one: "pay" breaks the
// negation's reach), or where the one sued is the speaker ("sue me", "will I be sued", "take me to
// court"), which only a borrower says.

export interface ThreatFound {
  /** the words that made it a threat, as written */
  words: string;
}

const STRICT = /\b(arrest\w*|jail\w*|prison\w*|police|seiz(e|ed|ing|ure)|garnish\w*|repossess\w*|criminal|prosecut\w*|shame\w*|embarrass\w*|tell (your|all your|everyone at your) (employer|boss|office|family|neighbou?rs?))\b|गिरफ्तार|पुलिस|जेल|\b(arresto|cárcel|policía|tribunal|embargo)\b/giu;
const LEGAL = /\b(sue[ds]?|suing|lawsuits?|legal action|(law )?courts?)\b|मुकदमा|अदालत|\bdemanda\b/giu;

/** Between a negation and the legal word: the words a denial of a suit is phrased with, and no others. */
const BRIDGE = new Set(['going', 'to', 'be', 'being', 'been', 'have', 'has', 'had', 'legally', 'ever', 'plan', 'plans', 'planning', 'intend', 'intends', 'intending', 'intention', 'intentions', 'of', 'any', 'a', 'the', 'take', 'taking', 'taken', 'file', 'filing', 'filed', 'bring', 'bringing', 'start', 'starting', 'begin', 'initiate', 'pursue', 'able', 'allowed', 'permitted', 'you', 'your', 'this', 'for', 'against', 'will', 'would', 'can', 'could', 'at', 'all', 'in', 'into', 'go', 'or', 'sue', 'court', 'lawsuit', 'drag', 'case', 'suit']);
const NEGATION = new Set(['not', 'never', 'no', 'cannot', 'cant', 'wont', 'dont', 'doesnt', 'didnt', 'isnt', 'arent', 'wasnt', 'werent', 'wouldnt', 'shouldnt', 'couldnt', 'havent', 'hasnt', 'nor']);
/** Who a threat is said to: a negation right before them begins a new clause (negated). */
const ADDRESSED = new Set(['you', 'your', 'youll', 'youre']);
/** The speaker as the one sued: "sue me", "suing me", "will I be sued", "am I being sued", "take me to court". */
const SELF_AFTER = /^\s*(me|us)\b/iu;
const SELF_SUED = /\b(i|me)\s+((will|would|could|can|might|may|am|going to|gonna)\s+)*(be|being|get|getting)\s+$/iu;
const SELF_TO_COURT = /\b(take|taking|drag|dragging|bring|put)\s+me\s+(in)?to\s+$/iu;
/** Hindi puts the negation after: "मुकदमा नहीं करेंगे" (we will not file a case); "नहीं तो" is "or else". */
const HINDI_NEGATION = /^\s*([\p{L}\p{M}]+\s+){0,2}?(नहीं|न)(?!\s*तो)(\s|$|[।.,!?])/u;

/**
 * "तो" (then) later in the clause makes the negation a condition, not a denial: "अदालत में नहीं जाना
 * है तो पैसे दो" (if you don't want to go to court, pay), as "if you don't want to be sued, pay".
 */
const HINDI_THEN = /(^|\s)तो(\s|$|[,])/u;

/** The words of `text` before `end`, back to the last sentence break, latest first (apostrophes dropped: "won't" is "wont"). */
function wordsBefore(text: string, end: number): string[] {
  const clause = text.slice(0, end).split(/[.!?;:,\n।]/u).pop() ?? '';
  return clause.toLowerCase().replace(/['’‘`]/gu, '').split(/[^\p{L}\p{M}\p{N}]+/u).filter((w) => w !== '').reverse();
}

/**
 * Whether a negation governs the legal word. A negation straight before the one addressed ("no you
 * will be sued", "like it or not you'll be taken to court") or closing "or not" is a clause of its
 * own, not a denial: spoken words come transcribed without the comma that would split them.
 */
function negated(text: string, start: number): boolean {
  const words = wordsBefore(text, start);
  for (const [i, word] of words.entries()) {
    if (NEGATION.has(word)) return !ADDRESSED.has(words[i - 1] ?? '') && !(word === 'not' && words[i + 1] === 'or');
    if (!BRIDGE.has(word)) return false;
  }
  return false;
}

function lawful(text: string, match: RegExpExecArray): boolean {
  const word = match[0];
  const after = text.slice(match.index + word.length);
  if (/[\u0900-\u097f]/u.test(word)) return HINDI_NEGATION.test(after) && !HINDI_THEN.test(after.split(/[।.!?\n]/u)[0] ?? '');
  if (negated(text, match.index)) return true;
  if (/^(sue|suing)$/iu.test(word) && SELF_AFTER.test(after)) return true;
  const before = text.slice(0, match.index).split(/[.!?;:\n]/u).pop() ?? '';
  if (/^sued$/iu.test(word)) return SELF_SUED.test(before);
  return /court/iu.test(word) && SELF_TO_COURT.test(before);
}

/** The first threatening words of `text`, or null when it threatens nothing. */
export function threatIn(text: string): ThreatFound | null {
  const strict = new RegExp(STRICT.source, STRICT.flags).exec(text);
  if (strict) return { words: strict[0] };
  const legal = new RegExp(LEGAL.source, LEGAL.flags);
  for (let m = legal.exec(text); m !== null; m = legal.exec(text)) if (!lawful(text, m)) return { words: m[0] };
  return null;
}
