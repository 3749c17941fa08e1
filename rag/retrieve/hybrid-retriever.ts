// Hybrid retrieval: PostgreSQL full text and dense cosine similarity, each ranking up to
// CANDIDATES passages, fused by reciprocal rank (Cormack et al.: score = sum of 1 / (K + rank)).
// Rank fusion needs no calibration between ts_rank and cosine, which live on unrelated scales.
import type { Embeddings } from '@langchain/core/embeddings';
import type { ChunkRow, ChunkStore } from '../store/chunk-store.js';

export const RRF_K = 60;
const CANDIDATES = 50;

export interface RetrievedPassage extends ChunkRow {
  /** fused reciprocal-rank score */
  score: number;
  /** cosine similarity of the passage to the question (undefined when dense search did not rank it) */
  similarity?: number;
  /** 1-based ranks in each list, when ranked there */
  fullTextRank?: number;
  denseRank?: number;
}

export class HybridRetriever {
  constructor(
    private readonly store: ChunkStore,
    private readonly embeddings: Embeddings,
  ) {}

  async retrieve(collection: string, question: string, k: number): Promise<RetrievedPassage[]> {
    type Fused = { score: number; similarity?: number; fullTextRank?: number; denseRank?: number };
    const fuse = async (query: string): Promise<Map<string, Fused>> => {
      const [vector, fullText] = await Promise.all([this.embeddings.embedQuery(query), this.store.fullText(collection, query, CANDIDATES)]);
      const dense = await this.store.dense(collection, vector, CANDIDATES);
      const fused = new Map<string, Fused>();
      fullText.forEach(({ id }, i) => fused.set(id, { score: 1 / (RRF_K + i + 1), fullTextRank: i + 1 }));
      dense.forEach(({ id, similarity }, i) => {
        const entry = fused.get(id) ?? { score: 0 };
        fused.set(id, { ...entry, score: entry.score + 1 / (RRF_K + i + 1), similarity, denseRank: i + 1 });
      });
      return fused;
    };
    const ranked = (fused: Map<string, Fused>): [string, Fused][] => [...fused.entries()].sort((a, b) => b[1].score - a[1].score || (a[0] < b[0] ? -1 : 1));
    const whole = ranked(await fuse(question));
    // Each part of a two-part question gets its best passage next after the whole question's best,
    // so neither part is crowded out; the rest follow the whole question's order.
    const order: [string, Fused][] = whole.slice(0, 1);
    for (const part of subQuestions(question)) {
      const best = ranked(await fuse(part)).find(([id]) => !order.some(([taken]) => taken === id));
      if (best) order.push([best[0], whole.find(([id]) => id === best[0])?.[1] ?? { ...best[1], fullTextRank: undefined, denseRank: undefined }]);
    }
    for (const entry of whole) if (!order.some(([id]) => id === entry[0])) order.push(entry);
    const top = order.slice(0, k);
    // Scores read best first: a promoted passage carries at least the score of the one after it.
    for (let i = top.length - 2; i >= 0; i--) top[i] = [top[i]![0], { ...top[i]![1], score: Math.max(top[i]![1].score, top[i + 1]![1].score) }];
    const rows = await this.store.chunks(top.map(([id]) => id));
    return top.flatMap(([id, ranks]) => {
      const row = rows.get(id);
      return row ? [{ ...row, ...ranks }] : [];
    });
  }
}

/**
 * The parts of a question that asks about two things ("X under A, and Y under B", "compare A and
 * B"): each is searched as well as the whole, so the second thing is not crowded out of the top
 * passages by the first. Parts with fewer than three words of their own are not searched alone.
 */
export function subQuestions(question: string): string[] {
  const parts = question
    .split(/,\s*and\s+|;\s*|\?\s+|\s+and\s+(?=(?:under|in|for|what|how|which|when|who|does|do|is|are|must)\b)|\s+(?:whereas|versus|vs\.?|compared (?:to|with))\s+/i)
    .map((p) => p.trim())
    .filter((p) => (p.match(/[a-z0-9]{3,}/gi) ?? []).length >= 3);
  return parts.length > 1 ? parts : [];
}
