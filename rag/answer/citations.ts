// Every citation is checked against what was retrieved before an answer is shown: it must name a
// retrieved passage and quote it word for word. A quote found in another retrieved passage is
// re-pointed there (repaired); one found nowhere is dropped with the sentence that relied on it.
// A quote alone proves only that the passage exists: a model may write any claim and mark it [1],
// and its quote is then that passage's nearest sentence (llm-composer.ts). So the sentence itself
// must be the passage's to say: at least half of its key terms are in the passage cited, or it is
// dropped as unsupported. The offline composer's sentences are the passages' own, and always are.
import type { RetrievedPassage } from '../retrieve/hybrid-retriever.js';
import { contentTerms, termSet } from './terms.js';

export interface Citation {
  section: string;
  source: string;
  chunkId: string;
  quote: string;
}

/** One sentence of an answer and the citation (index into citations) that supports it. */
export interface CitedSentence {
  text: string;
  citation: Citation;
}

export interface CheckedAnswer {
  sentences: { text: string; cite: number }[];
  citations: Citation[];
  repaired: number;
  /** sentences left out: their quote is in no retrieved passage, or the passage does not say what they claim */
  dropped: number;
}

/* eslint-disable-next-line no-restricted-syntax -- a share of words, not money */
export const MIN_CLAIM_SUPPORT = 0.5;

/** Whether `passage` says what `text` claims: enough of the sentence's key terms are in it (its section counts: it is part of what the passage says). */
export function supports(passage: RetrievedPassage, text: string): boolean {
  const terms = contentTerms(text);
  if (terms.length === 0) return false;
  const words = termSet(`${passage.section} ${passage.content}`);
  return terms.filter((t) => words.has(t)).length >= MIN_CLAIM_SUPPORT * terms.length;
}

const normalise = (s: string): string => s.replace(/\s+/g, ' ').trim().toLowerCase();

export function checkCitations(sentences: readonly CitedSentence[], retrieved: readonly RetrievedPassage[]): CheckedAnswer {
  const out: CheckedAnswer = { sentences: [], citations: [], repaired: 0, dropped: 0 };
  for (const { text, citation } of sentences) {
    const quote = normalise(citation.quote);
    const named = retrieved.find((p) => p.id === citation.chunkId);
    let passage = quote.length > 0 && named && normalise(named.content).includes(quote) ? named : undefined;
    if (!passage && quote.length > 0) {
      passage = retrieved.find((p) => normalise(p.content).includes(quote));
      if (passage) out.repaired++;
    }
    if (!passage || !supports(passage, text)) {
      out.dropped++;
      continue;
    }
    const fixed: Citation = { section: passage.section, source: passage.source, chunkId: passage.id, quote: citation.quote.replace(/\s+/g, ' ').trim() };
    let cite = out.citations.findIndex((c) => c.chunkId === fixed.chunkId && c.quote === fixed.quote);
    if (cite === -1) cite = out.citations.push(fixed) - 1;
    out.sentences.push({ text, cite });
  }
  return out;
}

/** "Sentence [1] Sentence [2]": the markers number the citations list from 1. */
export function renderAnswer(checked: CheckedAnswer): string {
  return checked.sentences.map((s) => `${s.text.replace(/\s+/g, ' ').trim()} [${s.cite + 1}]`).join(' ');
}
