// The assistant the API answers with: the rag core (embedding model, store, retriever, answerer)
// over the API's own database, opened on the first question rather than at start (the embedding
// model takes memory and a moment to load, and most API processes may never be asked), and
// closed with the API. The chat model is the one ApiDeps.assistant gives, else the configured
// provider (RAG_LLM_PROVIDER), else none: the offline composer.
import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import type { BaseChatModel } from '@langchain/core/language_models/chat_models';
import { chatModelFor, llmConfigFrom } from '../../../adapters/llm/chat-model.js';
import type { Orm } from '../../../db/orm.js';
import { openRagRuntime, type RagRuntime } from '../../../rag/rag-runtime.js';
import { ASSISTANT_OPTIONS, ORM, type AssistantDeps } from '../tokens.js';

@Injectable()
export class AssistantRuntime implements OnApplicationShutdown {
  private opening?: Promise<RagRuntime>;
  private model?: Promise<BaseChatModel | undefined>;

  constructor(
    @Inject(ORM) private readonly orm: Orm,
    @Inject(ASSISTANT_OPTIONS) private readonly options: AssistantDeps,
  ) {}

  rag(): Promise<RagRuntime> {
    this.opening ??= openRagRuntime(this.orm, this.options).catch((err: unknown) => {
      this.opening = undefined;
      throw err;
    });
    return this.opening;
  }

  /** The chat model drafts are written with (undefined: the offline phrase banks). */
  chatModel(): Promise<BaseChatModel | undefined> {
    this.model ??= this.options.model ? Promise.resolve(this.options.model) : chatModelFor(llmConfigFrom());
    return this.model;
  }

  async onApplicationShutdown(): Promise<void> {
    const opened = await this.opening?.catch(() => undefined);
    await opened?.close();
  }
}
