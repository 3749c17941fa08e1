import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { HumanMessage } from '@langchain/core/messages';
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { chatModelFor, llmConfigFrom, type LlmProvider } from './chat-model.js';

// A provider that takes the request and never answers: the model must give up, not wait for it.
let silent: Server;
let baseUrl: string;
const held: ServerResponse[] = [];

beforeAll(async () => {
  silent = createServer((_req, res) => void held.push(res));
  await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(silent.address() as AddressInfo).port}`;
});

afterAll(async () => {
  held.forEach((res) => res.destroy());
  silent.closeAllConnections();
  await new Promise((resolve) => silent.close(resolve));
});

describe('the chat model plug', () => {
  it.each<[LlmProvider, string]>([['openai', '/v1'], ['ollama', ''], ['anthropic', '']])('gives up on a %s server that does not answer, within its timeout and one retry', async (provider, path) => {
    const keys = { OPENAI_API_KEY: process.env.OPENAI_API_KEY, ANTHROPIC_API_KEY: process.env.ANTHROPIC_API_KEY };
    process.env.OPENAI_API_KEY = 'sk-test';
    process.env.ANTHROPIC_API_KEY = 'sk-ant-test';
    try {
      const model = (await chatModelFor(llmConfigFrom({ RAG_LLM_PROVIDER: provider, RAG_LLM_BASE_URL: `${baseUrl}${path}`, RAG_LLM_TIMEOUT_MS: '300' })))!;
      const started = performance.now();
      let cutOff: NodeJS.Timeout | undefined;
      const outcome = await Promise.race([
        model.invoke([new HumanMessage('hello')]).then(() => 'answered', () => 'gave up'),
        new Promise<string>((resolve) => (cutOff = setTimeout(() => resolve('still waiting'), 8_000))),
      ]);
      clearTimeout(cutOff);
      expect(outcome).toBe('gave up');
      expect(performance.now() - started).toBeLessThan(8_000);
    } finally {
      for (const [k, v] of Object.entries(keys)) if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }, 15_000);

  it('refuses a timeout that is not a whole number of milliseconds', () => {
    expect(() => llmConfigFrom({ RAG_LLM_PROVIDER: 'openai', RAG_LLM_TIMEOUT_MS: 'soon' })).toThrow(/RAG_LLM_TIMEOUT_MS/);
    expect(llmConfigFrom({})).toMatchObject({ provider: 'offline', timeoutMs: 30_000 });
  });
});
