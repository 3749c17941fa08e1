// What the OpenAI-compatible protocol layer (openai-chat-router.ts) needs from a model: complete
// a conversation, calling onText with each piece as it is generated. llama-engine.ts is the one
// that runs a real model; the router's tests use a scripted engine and say so.
export interface ChatTurn {
  role: 'system' | 'user' | 'assistant';
  content: string;
}

export interface CompletionOptions {
  maxTokens: number;
  temperature: number;
  stop: string[];
  frequencyPenalty?: number;
  presencePenalty?: number;
  signal: AbortSignal;
  onText?: (text: string) => void;
}

export interface Completion {
  text: string;
  finishReason: 'stop' | 'length';
  promptTokens: number;
  completionTokens: number;
}

export interface ChatEngine {
  /** the id GET /v1/models lists and completions report */
  readonly modelId: string;
  /** tokens the context holds (prompt and completion together) */
  readonly contextSize: number;
  /** the prompt's token count as the model's chat template renders it */
  countPromptTokens(turns: readonly ChatTurn[]): Promise<number>;
  complete(turns: readonly ChatTurn[], options: CompletionOptions): Promise<Completion>;
}
