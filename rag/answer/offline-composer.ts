// The deterministic offline answer: the retrieved passages' own sentences, chosen by how much of
// the question they cover and how close their passage is to it, each cited. No model writes
// anything, so nothing is claimed that a passage does not say. When the passages do not cover the
// question's key terms (and are not close to it), the answer is a refusal: the sources do not cover it.
import type { RetrievedPassage } from '../retrieve/hybrid-retriever.js';
import { manipulationsIn } from './guard.js';
import type { CitedSentence } from './citations.js';
import { sentencesOf } from './sentences.js';
import { contentTerms, termSet } from './terms.js';

/** Passages the composer reads: the best few, as a person would. */
const READ = 5;
const MAX_SENTENCES = 4;
/** items of a list quoted after the sentence that opens it */
const LIST_ITEMS = 2;
/* eslint-disable no-restricted-syntax -- coverage and cosine are ratios, not money */
/** share of the question's key terms the passages read must contain */
export const MIN_COVERAGE = 0.6;
/** cosine similarity of the closest passage below which nothing counts as support */
export const MIN_SIMILARITY = 0.3;

export interface Composition {
  supported: boolean;
  sentences: CitedSentence[];
}

/**
 * Whether the passages read can support any answer: enough of the question's key terms appear in
 * them and the closest is near it. A chat model is asked only when this holds (llm-composer.ts):
 * a model would answer "What is the capital of France?" from what it knows and cite a passage anyway.
 */
export function passagesSupport(question: string, retrieved: readonly RetrievedPassage[]): boolean {
  const terms = contentTerms(question);
  const read = retrieved.slice(0, READ);
  if (terms.length === 0 || read.length === 0) return false;
  const readTerms = termSet(read.map((p) => `${p.section} ${p.content}`).join(' '));
  const coverage = terms.filter((t) => readTerms.has(t)).length / terms.length;
  const closest = Math.max(...read.map((p) => p.similarity ?? 0));
  return coverage >= MIN_COVERAGE && closest >= MIN_SIMILARITY;
}

export function composeOffline(question: string, retrieved: readonly RetrievedPassage[]): Composition {
  if (!passagesSupport(question, retrieved)) return { supported: false, sentences: [] };
  const terms = contentTerms(question);
  const read = retrieved.slice(0, READ);

  const sentences = read.flatMap((passage, rank) => sentencesOf(passage.content).filter((s) => manipulationsIn(s).length === 0).map((sentence) => ({ sentence, passage, rank, words: termSet(`${sentence} ${passage.section}`) })));
  // A term that few of the sentences read contain says more about which one answers (inverse document frequency).
  const weight = new Map(terms.map((t) => [t, Math.log(1 + sentences.length / (1 + sentences.filter((s) => s.words.has(t)).length))]));
  const total = terms.reduce((sum, t) => sum + weight.get(t)!, 0) || 1;
  const candidates = sentences.map(({ sentence, passage, rank, words }) => {
    const hits = terms.filter((t) => words.has(t));
    const score = hits.reduce((sum, t) => sum + weight.get(t)!, 0) / total + 0.5 * (passage.similarity ?? 0) - 0.05 * rank;
    return { sentence, passage, hits, score };
  });
  candidates.sort((a, b) => b.score - a.score);
  const best = candidates[0];
  if (!best || best.hits.length === 0) return { supported: false, sentences: [] };
  const chosen = [best];
  const covered = new Set(best.hits);
  for (const c of candidates.slice(1)) {
    if (chosen.length >= MAX_SENTENCES) break;
    // Another sentence earns its place by adding a key term not yet covered, or by being nearly as good.
    const adds = c.hits.some((t) => !covered.has(t));
    if (c.hits.length > 0 && (adds || c.score >= 0.8 * best.score) && c.score >= 0.5 * best.score) {
      chosen.push(c);
      c.hits.forEach((t) => covered.add(t));
    }
  }
  // A sentence that opens a list ("must not falsely represent:") says nothing on its own: the list's
  // items that answer best follow it (the first items when none shares a term), from the same passage.
  for (const lead of chosen.filter((c) => c.sentence.trimEnd().endsWith(':'))) {
    const at = lead.passage.content.indexOf(lead.sentence);
    if (chosen.some((c) => c !== lead && c.passage === lead.passage && lead.passage.content.indexOf(c.sentence) > at)) continue;
    const items = candidates.filter((c) => c.passage === lead.passage && lead.passage.content.indexOf(c.sentence) > at);
    items.sort((a, b) => b.hits.length - a.hits.length || lead.passage.content.indexOf(a.sentence) - lead.passage.content.indexOf(b.sentence));
    chosen.push(...items.slice(0, LIST_ITEMS));
  }
  // In the order the documents give them, passage by passage.
  chosen.sort((a, b) => read.indexOf(a.passage) - read.indexOf(b.passage) || a.passage.content.indexOf(a.sentence) - b.passage.content.indexOf(b.sentence));
  return {
    supported: true,
    sentences: chosen.map((c) => ({ text: c.sentence, citation: { section: c.passage.section, source: c.passage.source, chunkId: c.passage.id, quote: c.sentence } })),
  };
}
