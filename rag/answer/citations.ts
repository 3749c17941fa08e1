// Every citation is checked against what was retrieved before an answer is shown: it must name a
// retrieved passage and quote it word for word. A quote found in another retrieved passage is
// re-pointed there (repaired); one found nowhere is dropped with the sentence that relied on it.
import type { RetrievedPassage } from '../retrieve/hybrid-retriever.js';

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
  dropped: number;
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
    if (!passage) {
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
