// The pieces an assistant needs over one database, built once: the embedding model, the store,
// the retriever and the answerer with the configured chat model (none: offline).
import { MiniLmEmbeddings } from '../adapters/embeddings/minilm-onnx.js';
import { chatModelFor, llmConfigFrom } from '../adapters/llm/chat-model.js';
import type { Orm } from '../db/orm.js';
import { Assistant, type AssistantOptions } from './assistant.js';
import { HybridRetriever } from './retrieve/hybrid-retriever.js';
import { ChunkStore } from './store/chunk-store.js';

export interface RagRuntime {
  store: ChunkStore;
  embeddings: MiniLmEmbeddings;
  retriever: HybridRetriever;
  assistant: Assistant;
  close(): Promise<void>;
}

export async function openRagRuntime(orm: Orm, options: AssistantOptions & { env?: NodeJS.ProcessEnv } = {}): Promise<RagRuntime> {
  // The chat model first: a misconfigured provider fails here, before an ONNX session is open to
  // leak (the API tries again on the next question, and would open one each time).
  const model = options.model ?? (await chatModelFor(llmConfigFrom(options.env)));
  const embeddings = await MiniLmEmbeddings.open();
  const store = new ChunkStore(orm);
  const retriever = new HybridRetriever(store, embeddings);
  const assistant = new Assistant(retriever, { ...options, ...(model ? { model } : {}) });
  return { store, embeddings, retriever, assistant, close: () => embeddings.close() };
}
