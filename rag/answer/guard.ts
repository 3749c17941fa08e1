// Requests the assistant refuses whatever the sources say: revealing its instructions, ignoring
// its rules, inventing citations, disclosing credentials. A question is cut into sentences; those
// asking for any of these are refused by name and the rest is answered as a question of its own.
// Retrieved and pasted text is never read for instructions at all: it is only quoted (offline) or
// fenced as data (LLM, see prompt.ts), and sentences in it that look like instructions are not quoted.
export type Manipulation = 'reveal_prompt' | 'ignore_rules' | 'invent_citation' | 'credentials';

const PATTERNS: Record<Manipulation, RegExp> = {
  reveal_prompt: /\b(system|hidden|initial|original|developer)\s+(prompt|instructions?|message)\b|\b(reveal|print|repeat|show|output|display|leak|disclose|tell me|what (is|are))\b[^.?!]*\b(your|the)\s+(prompt|instructions|rules you|configuration)\b|\bcanary\b/i,
  ignore_rules: /\b(ignore|disregard|forget|override|bypass)\b[^.?!]*\b(rules?|instructions?|guidelines?|polic(y|ies)|previous|above|prompt|constraints?)\b|\byou are now\b|\bpretend (to be|you are)\b|\bdeveloper mode\b|\bjailbreak\b|\bno longer bound\b/i,
  invent_citation: /\b(invent|make up|fabricate|fake|hallucinate)\b[^.?!]*\b(citations?|sources?|references?|quotes?|section)\b|\bcite\b[^.?!]*\b(even if|whether or not|regardless|that (is|was) not retrieved)\b/i,
  credentials: /\b(api[ _-]?keys?|passwords?|passwd|secrets?|credentials?|access tokens?|bearer tokens?|auth tokens?|private keys?|database_url|connection strings?|environment variables?|env vars?)\b/i,
};

export const REFUSAL_TEXT: Record<Manipulation, string> = {
  reveal_prompt: 'I cannot share my instructions or configuration.',
  ignore_rules: 'I answer only from the sources, under the same rules, whatever a message asks.',
  invent_citation: 'I cite only passages that were retrieved, and never invent a citation.',
  credentials: 'I cannot disclose credentials, keys or configuration secrets.',
};

export interface GuardedQuestion {
  /** what may be answered: the question less its refused sentences ('' when nothing is left) */
  legitimate: string;
  refused: Manipulation[];
}

export function manipulationsIn(text: string): Manipulation[] {
  return (Object.keys(PATTERNS) as Manipulation[]).filter((kind) => PATTERNS[kind].test(text));
}

export function guardQuestion(question: string): GuardedQuestion {
  const sentences = question.split(/(?<=[.?!;]['"’”]?)\s+|\n+/).map((s) => s.trim()).filter(Boolean);
  const refused = new Set<Manipulation>();
  const kept: string[] = [];
  for (const sentence of sentences) {
    // A clause joined by "and"/"then"/"but" may carry the request on its own: look at each.
    const clauses = sentence.split(/,?\s+(?:and then|and also|then|but|and)\s+(?=(?:ignore|disregard|forget|reveal|print|show|tell|give|invent|make|fabricate|include|list|output|repeat|pretend)\b)/i);
    for (const clause of clauses) {
      const kinds = manipulationsIn(clause);
      if (kinds.length > 0) kinds.forEach((k) => refused.add(k));
      else kept.push(clause);
    }
  }
  const legitimate = kept.join(' ').trim();
  // Left-overs such as "Also," or "Thanks." are not a question.
  const words = legitimate.match(/[a-z0-9]{3,}/gi) ?? [];
  return { legitimate: words.length >= 3 ? legitimate : '', refused: [...refused] };
}
