// A ChatEngine that runs a GGUF model in-process with node-llama-cpp (installed on demand into
// .credence/tools/llm, so it is imported from there by path and typed here by the little it is
// used for). CPU only, two threads: on this machine's two cores the default thread count ran
// about 30x slower (FACTS.md). One context sequence, so completions take turns.
import { pathToFileURL } from 'node:url';
import type { ChatEngine, ChatTurn, Completion, CompletionOptions } from './chat-engine.js';

type HistoryItem = { type: 'system' | 'user'; text: string } | { type: 'model'; response: string[] };
interface Tokenizer {
  tokenize(text: string): unknown[];
}
interface LlamaModel extends Tokenizer {
  readonly tokenizer: unknown;
  createContext(options: { contextSize: number; threads: number }): Promise<{ getSequence(): unknown; dispose(): Promise<void> }>;
  dispose(): Promise<void>;
}
interface LlamaChat {
  readonly chatWrapper: { generateContextState(options: { chatHistory: HistoryItem[] }): { contextText: { tokenize(tokenizer: unknown): unknown[] } } };
  generateResponse(
    history: HistoryItem[],
    options: {
      maxTokens: number;
      temperature: number;
      customStopTriggers?: string[];
      repeatPenalty?: { frequencyPenalty?: number; presencePenalty?: number };
      signal: AbortSignal;
      stopOnAbortSignal: boolean;
      onTextChunk?: (text: string) => void;
      onToken?: (tokens: unknown[]) => void;
    },
  ): Promise<{ response: string; metadata: { stopReason: string } }>;
}
interface NodeLlamaCpp {
  getLlama(options: { gpu: false; build: 'never'; logLevel: string }): Promise<{ loadModel(options: { modelPath: string }): Promise<LlamaModel>; dispose(): Promise<void> }>;
  LlamaChat: new (options: { contextSequence: unknown }) => LlamaChat;
}

export interface LlamaEngineOptions {
  /** node-llama-cpp's entry point (llm-runtime-files.ts findNodeLlamaCpp) */
  runtime: string;
  modelPath: string;
  modelId: string;
  contextSize: number;
  threads: number;
}

export async function openLlamaEngine(options: LlamaEngineOptions): Promise<ChatEngine & { close(): Promise<void> }> {
  const lib = (await import(pathToFileURL(options.runtime).href)) as NodeLlamaCpp;
  const llama = await lib.getLlama({ gpu: false, build: 'never', logLevel: 'error' });
  const model = await llama.loadModel({ modelPath: options.modelPath });
  const context = await model.createContext({ contextSize: options.contextSize, threads: options.threads });
  const chat = new lib.LlamaChat({ contextSequence: context.getSequence() });
  let turn: Promise<unknown> = Promise.resolve();

  const history = (turns: readonly ChatTurn[]): HistoryItem[] =>
    turns.map((t): HistoryItem => (t.role === 'assistant' ? { type: 'model', response: [t.content] } : { type: t.role, text: t.content }));

  async function complete(turns: readonly ChatTurn[], o: CompletionOptions): Promise<Completion> {
    const promptTokens = countPromptTokens(turns);
    let completionTokens = 0;
    const penalty = o.frequencyPenalty || o.presencePenalty ? { repeatPenalty: { ...(o.frequencyPenalty ? { frequencyPenalty: o.frequencyPenalty } : {}), ...(o.presencePenalty ? { presencePenalty: o.presencePenalty } : {}) } } : {};
    const done = await chat.generateResponse(history(turns), {
      maxTokens: o.maxTokens,
      temperature: o.temperature,
      ...(o.stop.length > 0 ? { customStopTriggers: o.stop } : {}),
      ...penalty,
      signal: o.signal,
      // A caller that hangs up ends the generation; what was made so far is discarded with its connection.
      stopOnAbortSignal: true,
      ...(o.onText ? { onTextChunk: o.onText } : {}),
      onToken: (tokens) => (completionTokens += tokens.length),
    });
    return { text: done.response, finishReason: done.metadata.stopReason === 'maxTokens' ? 'length' : 'stop', promptTokens, completionTokens };
  }

  function countPromptTokens(turns: readonly ChatTurn[]): number {
    return chat.chatWrapper.generateContextState({ chatHistory: [...history(turns), { type: 'model', response: [] }] }).contextText.tokenize(model.tokenizer).length;
  }

  return {
    modelId: options.modelId,
    contextSize: options.contextSize,
    countPromptTokens: (turns) => Promise.resolve(countPromptTokens(turns)),
    complete(turns, o) {
      const next = turn.then(() => complete(turns, o));
      turn = next.catch(() => undefined);
      return next;
    },
    async close() {
      await turn;
      await context.dispose();
      await model.dispose();
      await llama.dispose();
    },
  };
}
