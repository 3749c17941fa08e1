// Asking a collection: guard the question, retrieve, compose (a chat model when one is configured,
// else the offline composer), check every citation against what was retrieved, and make sure the
// prompt's canary never leaves. One answer shape for the CLI, the API and the evaluation.
import type { BaseChatModel } from '@langchain/core/language_models/chat_models';
import { randomBytes } from 'node:crypto';
import { checkCitations, renderAnswer, type Citation } from './answer/citations.js';
import { guardQuestion, REFUSAL_TEXT } from './answer/guard.js';
import { composeWithModel } from './answer/llm-composer.js';
import { composeOffline, type Composition } from './answer/offline-composer.js';
import type { HybridRetriever, RetrievedPassage } from './retrieve/hybrid-retriever.js';

export const NOT_COVERED_ANSWER = 'The sources do not cover it.';
export const DEFAULT_TOP_K = 8;

export interface AskResult {
  answer: string;
  refused: boolean;
  citations: Citation[];
  retrieved: { section: string; source: string; chunkId: string; score: number }[];
}

export interface AssistantOptions {
  model?: BaseChatModel;
  topK?: number;
  /** the canary the system prompt carries (random per process unless a test fixes it) */
  canary?: string;
}

export class Assistant {
  readonly canary: string;

  constructor(
    private readonly retriever: HybridRetriever,
    private readonly options: AssistantOptions = {},
  ) {
    this.canary = options.canary ?? `CANARY-${randomBytes(12).toString('hex')}`;
  }

  async ask(collection: string, question: string): Promise<AskResult> {
    const guarded = guardQuestion(question);
    const refusals = guarded.refused.map((kind) => REFUSAL_TEXT[kind]);
    const retrieved = await this.retriever.retrieve(collection, guarded.legitimate || question, this.options.topK ?? DEFAULT_TOP_K);
    const listed = retrieved.map((p) => ({ section: p.section, source: p.source, chunkId: p.id, score: Number(p.score.toFixed(6)) }));
    const refuse = (why: string): AskResult => ({ answer: [...refusals, why].join(' ').trim(), refused: true, citations: [], retrieved: listed });
    if (!guarded.legitimate) return refuse(refusals.length > 0 ? 'Ask a question about the sources and I will answer it from them.' : NOT_COVERED_ANSWER);

    const composition = await this.compose(guarded.legitimate, retrieved);
    if (!composition.supported) return refuse(NOT_COVERED_ANSWER);
    const checked = checkCitations(composition.sentences, retrieved);
    if (checked.sentences.length === 0) return refuse(NOT_COVERED_ANSWER);
    const answer = [...refusals, renderAnswer(checked)].join(' ');
    if (this.leaks(answer) || checked.citations.some((c) => this.leaks(c.quote))) return refuse(NOT_COVERED_ANSWER);
    return { answer, refused: false, citations: checked.citations, retrieved: listed };
  }

  private async compose(question: string, retrieved: readonly RetrievedPassage[]): Promise<Composition> {
    if (!this.options.model) return composeOffline(question, retrieved);
    const written = await composeWithModel(this.options.model, this.canary, question, retrieved);
    // A model that echoes its prompt has its answer thrown away, not trimmed: the offline answer stands in.
    return this.leaks(written.raw) ? composeOffline(question, retrieved) : written;
  }

  private leaks(text: string): boolean {
    // A model may echo the marker without its prefix, in capitals, or spaced or hyphenated apart: its random part is what must never leave.
    const squeezed = alphanumeric(text);
    return squeezed.includes(alphanumeric(this.canary)) || squeezed.includes(this.secret) || /confidential marker|you are credence's compliance assistant/i.test(text);
  }

  /** The canary's random part, as leaks() compares it. */
  private get secret(): string {
    const random = alphanumeric(this.canary.replace(/^canary-?/i, ''));
    return random.length >= 8 ? random : alphanumeric(this.canary);
  }
}

function alphanumeric(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9]/g, '');
}
