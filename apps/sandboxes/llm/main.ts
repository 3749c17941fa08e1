// `npm run sandbox:llm`: an OpenAI-compatible chat server on 127.0.0.1 (LLM_SANDBOX_PORT, default
// 4080) answering with SmolLM2-135M through node-llama-cpp. Opt-in: `npm start` never starts it,
// and it installs its runtime and weights on first use (install-llm.ts). Point the assistant at it:
//   RAG_LLM_PROVIDER=openai RAG_LLM_BASE_URL=http://127.0.0.1:4080/v1 OPENAI_API_KEY=sandbox RAG_LLM_MODEL=smollm2-135m-instruct-q4_1
import { serveSandbox } from '../http-server.js';
import type { ChatEngine } from './chat-engine.js';
import { installLlmSandbox } from './install-llm.js';
import { openLlamaEngine } from './llama-engine.js';
import { SMOLLM2_MODEL_ID } from './llm-runtime-files.js';
import { openAiChatRouter } from './openai-chat-router.js';

export const LLM_SANDBOX_PORT = 4080;
export const LLM_SANDBOX_API_KEY = 'sandbox';

const port = Number(process.env.LLM_SANDBOX_PORT ?? LLM_SANDBOX_PORT);
const { runtime, model } = installLlmSandbox();
const engine = await openLlamaEngine({
  runtime,
  modelPath: model,
  modelId: SMOLLM2_MODEL_ID,
  // SmolLM2 was trained on 8,192 tokens; the assistant's prompt (eight passages) needs about 2,000.
  contextSize: 8192,
  threads: Number(process.env.LLM_SANDBOX_THREADS ?? 2),
});
// Each completion logged (its size, time and the start of what the model wrote): a small model's
// answers are the thing to look at when the assistant refuses or repairs them.
const logged: ChatEngine = {
  modelId: engine.modelId,
  contextSize: engine.contextSize,
  countPromptTokens: (turns) => engine.countPromptTokens(turns),
  async complete(turns, options) {
    const started = performance.now();
    const done = await engine.complete(turns, options);
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    console.log(`completion: ${done.promptTokens} prompt + ${done.completionTokens} completion tokens in ${seconds} s (${done.finishReason}): ${JSON.stringify(done.text.slice(0, 300))}`);
    return done;
  },
};
const server = await serveSandbox(openAiChatRouter({ engine: logged, apiKey: LLM_SANDBOX_API_KEY }), port);
console.log(
  `LLM sandbox (${SMOLLM2_MODEL_ID}) listening on ${server.url}/v1\n` +
    `  RAG_LLM_PROVIDER=openai RAG_LLM_BASE_URL=${server.url}/v1 OPENAI_API_KEY=${LLM_SANDBOX_API_KEY} RAG_LLM_MODEL=${SMOLLM2_MODEL_ID}`,
);
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    void server
      .close()
      .then(() => engine.close())
      .then(() => process.exit(0));
  });
}
