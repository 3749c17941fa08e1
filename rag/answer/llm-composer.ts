// An answer written by a chat model (any LangChain chat model: adapters/llm/chat-model.ts), turned
// into cited sentences: each [n] marker names a numbered passage, and the quote is that passage's
// sentence closest to what the model wrote, so the citation is checkable word for word. A quote is
// attached only where it holds at least half of the sentence's key terms: otherwise any sentence,
// true or not, would carry a real-looking quote. A sentence whose marker names no such passage is
// its own quote (the citation check re-points it to a passage that says it word for word, or drops
// it). A sentence with no marker at all (small models forget them) is shown only when some
// passage's sentence holds enough of its terms, cited to that sentence: a repaired citation, by the
// same rule; else it is not shown, so every claim carries a citation. The model is not asked at all
// when the passages cannot support an answer (the offline composer's support check): a model
// answers from what it knows, whatever its prompt says.
import type { BaseChatModel } from '@langchain/core/language_models/chat_models';
import { HumanMessage, SystemMessage } from '@langchain/core/messages';
import type { RetrievedPassage } from '../retrieve/hybrid-retriever.js';
import { MIN_CLAIM_SUPPORT, type CitedSentence } from './citations.js';
import { passagesSupport, type Composition } from './offline-composer.js';
import { NOT_COVERED, systemPrompt, userPrompt } from './prompt.js';
import { sentencesOf } from './sentences.js';
import { contentTerms, termSet } from './terms.js';

export async function composeWithModel(model: BaseChatModel, canary: string, question: string, retrieved: readonly RetrievedPassage[]): Promise<Composition & { raw: string }> {
  const passages = retrieved.slice(0, 8);
  if (!passagesSupport(question, retrieved)) return { supported: false, sentences: [], raw: '' };
  const reply = await model.invoke([new SystemMessage(systemPrompt(canary)), new HumanMessage(userPrompt(question, passages))]);
  const raw = typeof reply.content === 'string' ? reply.content : reply.content.map((part) => ('text' in part && typeof part.text === 'string' ? part.text : '')).join('');
  if (raw.trim() === '' || raw.includes(NOT_COVERED)) return { supported: false, sentences: [], raw };
  const sentences: CitedSentence[] = [];
  const shown = new Set<string>();
  // Lines are sentences of their own (list items carry no full stop), and a line a model repeats is shown once.
  for (const written of raw.split(/\n+/).flatMap((line) => line.split(/(?<=[.!?](?:\s*\[\d+\])*)\s+(?=[A-Z"“(])/))) {
    const markers = [...written.matchAll(/\[(\d+)\]/g)].map((m) => Number(m[1]));
    const text = written
      .replace(/\s*\[\d+\]/g, '')
      .replace(/^\s*(?:[-*•]|\d+[.)])\s+/, '')
      .trim();
    if (!text || shown.has(text)) continue;
    shown.add(text);
    const named = markers.map((n) => passages[n - 1]).filter((p): p is RetrievedPassage => p !== undefined);
    const match = closestSentence(text, markers.length === 0 ? passages : named);
    if (!match && markers.length === 0) continue;
    if (match) sentences.push({ text, citation: { section: match.passage.section, source: match.passage.source, chunkId: match.passage.id, quote: match.sentence } });
    // Otherwise the sentence is its own quote: the citation check re-points it when a retrieved passage says it word for word, else drops it.
    else sentences.push({ text, citation: { section: named[0]?.section ?? '', source: named[0]?.source ?? '', chunkId: named[0]?.id ?? `unknown-${markers[0]}`, quote: text } });
  }
  return { supported: sentences.length > 0, sentences, raw };
}

/**
 * Whether a sentence says no. Shared terms cannot tell "must convey the reasons" from "cannot
 * convey the reasons": a quote is attached only to a sentence of the same polarity, so a model
 * that turns a rule round (SmolLM2 did, rag/README.md) loses the quote rather than borrowing it.
 */
function negated(sentence: string): boolean {
  return /\b(?:no|not|never|neither|nor|cannot|none)\b|n't\b/i.test(sentence);
}

/** Words a model uses about the task ("The answer is", "The passage says"), which say nothing a quote could support. */
const ABOUT_THE_TASK = new Set(['answer', 'question', 'passage']);

/** The sentence among `among` that shares most of the written sentence's key terms, when it shares enough. */
function closestSentence(written: string, among: readonly RetrievedPassage[]): { sentence: string; passage: RetrievedPassage } | undefined {
  const terms = contentTerms(written).filter((t) => !ABOUT_THE_TASK.has(t));
  if (terms.length === 0) return undefined;
  const negatedWritten = negated(written);
  let best: { sentence: string; passage: RetrievedPassage; hits: number } | undefined;
  for (const passage of among) {
    for (const sentence of sentencesOf(passage.content)) {
      if (negated(sentence) !== negatedWritten) continue;
      const words = termSet(sentence);
      const hits = terms.filter((t) => words.has(t)).length;
      if (!best || hits > best.hits) best = { sentence, passage, hits };
    }
  }
  return best && best.hits >= Math.max(1, Math.ceil(MIN_CLAIM_SUPPORT * terms.length)) ? { sentence: best.sentence, passage: best.passage } : undefined;
}
