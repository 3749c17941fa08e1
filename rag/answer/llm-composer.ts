// An answer written by a chat model (any LangChain chat model: adapters/llm/chat-model.ts), turned
// into cited sentences: each [n] marker names a numbered passage, and the quote is that passage's
// sentence closest to what the model wrote, so the citation is checkable word for word. A
// sentence without a marker is not shown: every claim carries a citation.
import type { BaseChatModel } from '@langchain/core/language_models/chat_models';
import { HumanMessage, SystemMessage } from '@langchain/core/messages';
import type { RetrievedPassage } from '../retrieve/hybrid-retriever.js';
import type { CitedSentence } from './citations.js';
import type { Composition } from './offline-composer.js';
import { NOT_COVERED, systemPrompt, userPrompt } from './prompt.js';
import { sentencesOf } from './sentences.js';
import { contentTerms, termSet } from './terms.js';

export async function composeWithModel(model: BaseChatModel, canary: string, question: string, retrieved: readonly RetrievedPassage[]): Promise<Composition & { raw: string }> {
  const passages = retrieved.slice(0, 8);
  const reply = await model.invoke([new SystemMessage(systemPrompt(canary)), new HumanMessage(userPrompt(question, passages))]);
  const raw = typeof reply.content === 'string' ? reply.content : reply.content.map((part) => ('text' in part && typeof part.text === 'string' ? part.text : '')).join('');
  if (raw.trim() === '' || raw.includes(NOT_COVERED)) return { supported: false, sentences: [], raw };
  const sentences: CitedSentence[] = [];
  for (const written of raw.split(/(?<=[.!?](?:\s*\[\d+\])*)\s+(?=[A-Z"“(])/)) {
    const markers = [...written.matchAll(/\[(\d+)\]/g)].map((m) => Number(m[1]));
    const text = written.replace(/\s*\[\d+\]/g, '').trim();
    const passage = markers.map((n) => passages[n - 1]).find((p): p is RetrievedPassage => p !== undefined);
    // A marker naming no passage is kept as it is: the citation check drops it (or repairs it when the quote exists elsewhere).
    const cited = passage ?? (markers.length > 0 ? { id: `unknown-${markers[0]}`, content: '', section: '', source: '' } : undefined);
    if (!text || !cited) continue;
    sentences.push({ text, citation: { section: cited.section, source: cited.source, chunkId: cited.id, quote: closestSentence(text, passage) } });
  }
  return { supported: sentences.length > 0, sentences, raw };
}

function closestSentence(written: string, passage: RetrievedPassage | undefined): string {
  if (!passage) return written;
  const terms = contentTerms(written);
  const scored = sentencesOf(passage.content).map((s) => ({ s, hits: terms.filter((t) => termSet(s).has(t)).length }));
  scored.sort((a, b) => b.hits - a.hits);
  return scored[0]?.s ?? passage.content.slice(0, 200);
}
