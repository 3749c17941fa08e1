// The language-model plug: a LangChain chat model chosen by environment, or none (the offline
// composer answers). RAG_LLM_PROVIDER = openai (any OpenAI-compatible server: RAG_LLM_BASE_URL,
// OPENAI_API_KEY), ollama (RAG_LLM_BASE_URL, default http://127.0.0.1:11434), anthropic
// (ANTHROPIC_API_KEY); RAG_LLM_MODEL names the model, RAG_LLM_MAX_TOKENS caps an answer's length
// (a small local model left alone repeats itself to the end of its context). Temperature 0: the
// same passages, the same answer.
// Every call is bounded: RAG_LLM_TIMEOUT_MS (default 30 s) a try, and at most one retry. Left to the
// clients' defaults (no timeout, six retries with back-off), a provider that stops answering would
// hold an API request, a socket and an activity slot for as long as it liked.
import type { BaseChatModel } from '@langchain/core/language_models/chat_models';

export type LlmProvider = 'offline' | 'openai' | 'ollama' | 'anthropic';

export interface LlmConfig {
  provider: LlmProvider;
  model?: string;
  baseUrl?: string;
  /** ms a call may take before it is abandoned */
  timeoutMs?: number;
  maxTokens?: number;
}

export const DEFAULT_LLM_TIMEOUT_MS = 30_000;
const MAX_RETRIES = 1;

export function llmConfigFrom(env: NodeJS.ProcessEnv = process.env): LlmConfig {
  const provider = (env.RAG_LLM_PROVIDER ?? 'offline').toLowerCase();
  if (!['offline', 'openai', 'ollama', 'anthropic'].includes(provider)) throw new Error(`RAG_LLM_PROVIDER must be offline, openai, ollama or anthropic, not "${provider}"`);
  const timeoutMs = env.RAG_LLM_TIMEOUT_MS === undefined ? DEFAULT_LLM_TIMEOUT_MS : Number(env.RAG_LLM_TIMEOUT_MS);
  if (!Number.isInteger(timeoutMs) || timeoutMs < 1) throw new Error(`RAG_LLM_TIMEOUT_MS must be a whole number of milliseconds, not "${env.RAG_LLM_TIMEOUT_MS}"`);
  const maxTokens = env.RAG_LLM_MAX_TOKENS === undefined || env.RAG_LLM_MAX_TOKENS === '' ? undefined : Number(env.RAG_LLM_MAX_TOKENS);
  if (maxTokens !== undefined && (!Number.isInteger(maxTokens) || maxTokens < 1)) throw new Error(`RAG_LLM_MAX_TOKENS must be a positive whole number, not "${env.RAG_LLM_MAX_TOKENS}"`);
  return {
    provider: provider as LlmProvider,
    ...(env.RAG_LLM_MODEL ? { model: env.RAG_LLM_MODEL } : {}),
    ...(env.RAG_LLM_BASE_URL ? { baseUrl: env.RAG_LLM_BASE_URL } : {}),
    timeoutMs,
    ...(maxTokens === undefined ? {} : { maxTokens }),
  };
}

export async function chatModelFor(config: LlmConfig): Promise<BaseChatModel | undefined> {
  const timeout = config.timeoutMs ?? DEFAULT_LLM_TIMEOUT_MS;
  switch (config.provider) {
    case 'offline':
      return undefined;
    case 'openai': {
      const { ChatOpenAI } = await import('@langchain/openai');
      return new ChatOpenAI({ model: config.model ?? 'gpt-4o-mini', temperature: 0, timeout, maxRetries: MAX_RETRIES, ...(config.maxTokens ? { maxTokens: config.maxTokens } : {}), ...(config.baseUrl ? { configuration: { baseURL: config.baseUrl } } : {}) });
    }
    case 'ollama': {
      const { ChatOllama } = await import('@langchain/ollama');
      return new ChatOllama({ model: config.model ?? 'llama3.1', temperature: 0, maxRetries: MAX_RETRIES, fetch: boundedFetch(timeout), ...(config.maxTokens ? { numPredict: config.maxTokens } : {}), baseUrl: config.baseUrl ?? 'http://127.0.0.1:11434' });
    }
    case 'anthropic': {
      const { ChatAnthropic } = await import('@langchain/anthropic');
      return new ChatAnthropic({ model: config.model ?? 'claude-sonnet-4-5', temperature: 0, maxRetries: MAX_RETRIES, clientOptions: { timeout }, ...(config.maxTokens ? { maxTokens: config.maxTokens } : {}), ...(config.baseUrl ? { anthropicApiUrl: config.baseUrl } : {}) });
    }
  }
}

/** fetch that gives up after `ms` (ChatOllama takes a fetch, not a timeout). */
function boundedFetch(ms: number): typeof fetch {
  return (input, init) => fetch(input, { ...init, signal: init?.signal ? AbortSignal.any([init.signal, AbortSignal.timeout(ms)]) : AbortSignal.timeout(ms) });
}
