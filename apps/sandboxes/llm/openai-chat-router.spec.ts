// The LLM sandbox's protocol layer, driven by the real `@langchain/openai` client the assistant
// uses. The engine here is scripted: it replays fixed text and records what it was asked. It
// stands in for no model and tests none: SmolLM2 is installed on demand (`npm run llm:install`),
// so CI cannot rely on it, and the model path was checked by `npm run rag:eval` against the
// running sandbox instead (rag/README.md). What this proves is the wire: OpenAI's request and
// response shapes, whole and streamed, and its errors, as a real OpenAI client reads them.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ChatOpenAI } from '@langchain/openai';
import { HumanMessage, SystemMessage } from '@langchain/core/messages';
import { serveSandbox, type RunningSandbox } from '../http-server.js';
import type { ChatEngine, ChatTurn, CompletionOptions } from './chat-engine.js';
import { DEFAULT_MAX_TOKENS, openAiChatRouter } from './openai-chat-router.js';

class ScriptedEngine implements ChatEngine {
  readonly modelId = 'scripted-protocol-test';
  readonly contextSize = 64;
  readonly asked: { turns: readonly ChatTurn[]; options: Omit<CompletionOptions, 'signal' | 'onText'> }[] = [];
  constructor(private readonly pieces: string[]) {}

  countPromptTokens(turns: readonly ChatTurn[]): Promise<number> {
    // One "token" per word: enough to exercise the context-length check.
    return Promise.resolve(turns.reduce((n, t) => n + t.content.split(/\s+/).filter(Boolean).length, 0));
  }

  async complete(turns: readonly ChatTurn[], options: CompletionOptions) {
    const { signal: _signal, onText, ...rest } = options;
    this.asked.push({ turns, options: rest });
    const pieces = this.pieces.slice(0, options.maxTokens);
    for (const piece of pieces) onText?.(piece);
    return { text: pieces.join(''), finishReason: pieces.length < this.pieces.length ? ('length' as const) : ('stop' as const), promptTokens: await this.countPromptTokens(turns), completionTokens: pieces.length };
  }
}

describe('LLM sandbox: the OpenAI Chat Completions protocol', () => {
  const engine = new ScriptedEngine(['Calls stop ', 'at 9:00 p.m. ', '[1]']);
  let sandbox: RunningSandbox;
  const client = (options: { apiKey?: string; model?: string; maxTokens?: number } = {}): ChatOpenAI =>
    new ChatOpenAI({ model: options.model ?? engine.modelId, temperature: 0, apiKey: options.apiKey ?? 'sandbox', maxRetries: 0, ...(options.maxTokens ? { maxTokens: options.maxTokens } : {}), configuration: { baseURL: `${sandbox.url}/v1` } });

  beforeAll(async () => {
    sandbox = await serveSandbox(openAiChatRouter({ engine, apiKey: 'sandbox' }), 0);
  });
  afterAll(() => sandbox.close());

  it('answers a whole completion to ChatOpenAI, passing on the roles, temperature and max tokens', async () => {
    const reply = await client({ maxTokens: 10 }).invoke([new SystemMessage('Answer from the passages.'), new HumanMessage('When do calls stop?')]);
    expect(reply.content).toBe('Calls stop at 9:00 p.m. [1]');
    expect(reply.usage_metadata).toMatchObject({ input_tokens: 8, output_tokens: 3, total_tokens: 11 });
    expect(reply.response_metadata).toMatchObject({ finish_reason: 'stop', model_name: engine.modelId });
    expect(engine.asked.at(-1)).toEqual({
      turns: [
        { role: 'system', content: 'Answer from the passages.' },
        { role: 'user', content: 'When do calls stop?' },
      ],
      options: { maxTokens: 10, temperature: 0, stop: [] },
    });
  });

  it('streams chat.completion.chunk events that ChatOpenAI assembles into the same answer', async () => {
    const pieces: string[] = [];
    for await (const chunk of await client().stream([new HumanMessage('When do calls stop?')])) pieces.push(chunk.content as string);
    expect(pieces.filter(Boolean)).toEqual(['Calls stop ', 'at 9:00 p.m. ', '[1]']);
    // No max_tokens asked: the sandbox's cap, within what the context leaves.
    expect(engine.asked.at(-1)?.options.maxTokens).toBe(Math.min(DEFAULT_MAX_TOKENS, engine.contextSize - 4));
  });

  it('says "length" when max_tokens cut the answer short', async () => {
    const reply = await client({ maxTokens: 2 }).invoke('When do calls stop?');
    expect(reply.content).toBe('Calls stop at 9:00 p.m. ');
    expect(reply.response_metadata.finish_reason).toBe('length');
  });

  it('lists its model and answers errors in OpenAI’s shape, which the client raises as its own errors', async () => {
    const models = await fetch(`${sandbox.url}/v1/models`, { headers: { authorization: 'Bearer sandbox' } });
    expect(await models.json()).toEqual({ object: 'list', data: [expect.objectContaining({ id: engine.modelId, object: 'model' })] });

    await expect(client({ apiKey: 'wrong' }).invoke('hi')).rejects.toMatchObject({ status: 401, code: 'invalid_api_key' });
    await expect(client({ model: 'gpt-4o-mini' }).invoke('hi')).rejects.toMatchObject({ status: 404, code: 'model_not_found' });
    // LangChain reads OpenAI's context_length_exceeded and raises its own ContextOverflowError.
    await expect(client({ maxTokens: 60 }).invoke('one two three four five six seven eight')).rejects.toMatchObject({ name: 'ContextOverflowError' });

    const twoChoices = await fetch(`${sandbox.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { authorization: 'Bearer sandbox', 'content-type': 'application/json' },
      body: JSON.stringify({ model: engine.modelId, messages: [{ role: 'user', content: 'hi' }], n: 2 }),
    });
    expect(twoChoices.status).toBe(400);
    expect(await twoChoices.json()).toEqual({ error: { message: expect.stringContaining('n:'), type: 'invalid_request_error', param: 'n', code: null } });
  });
});
