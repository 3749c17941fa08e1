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
    const [vector, fullText] = await Promise.all([this.embeddings.embedQuery(question), this.store.fullText(collection, question, CANDIDATES)]);
    const dense = await this.store.dense(collection, vector, CANDIDATES);
    const fused = new Map<string, { score: number; similarity?: number; fullTextRank?: number; denseRank?: number }>();
    fullText.forEach(({ id }, i) => fused.set(id, { score: 1 / (RRF_K + i + 1), fullTextRank: i + 1 }));
    dense.forEach(({ id, similarity }, i) => {
      const entry = fused.get(id) ?? { score: 0 };
      fused.set(id, { ...entry, score: entry.score + 1 / (RRF_K + i + 1), similarity, denseRank: i + 1 });
    });
    const top = [...fused.entries()].sort((a, b) => b[1].score - a[1].score || (a[0] < b[0] ? -1 : 1)).slice(0, k);
    const rows = await this.store.chunks(top.map(([id]) => id));
    return top.flatMap(([id, ranks]) => {
      const row = rows.get(id);
      return row ? [{ ...row, ...ranks }] : [];
    });
  }
}
