// The OpenAI Chat Completions API as a sandbox: `GET /v1/models`, `GET /v1/models/:id` and
// `POST /v1/chat/completions` (whole, or `stream: true` as server-sent `chat.completion.chunk`
// events ending in `data: [DONE]`), with OpenAI's error shape, so the real `@langchain/openai`
// client (or any OpenAI client) talks to it unchanged. Only what a model on this machine can do
// is accepted: one choice, text messages, no tools; anything else is a 400 that says so.
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import type { SandboxRequest, SandboxResponse } from '../http-server.js';
import { SandboxRouter } from '../http-server.js';
import type { ChatEngine, ChatTurn, Completion } from './chat-engine.js';

/** A request that names no max_tokens gets at most this many: a small model left alone repeats itself to the end of its context. */
export const DEFAULT_MAX_TOKENS = 256;

const textPart = z.object({ type: z.literal('text'), text: z.string() });
const message = z.object({
  role: z.enum(['system', 'developer', 'user', 'assistant']),
  content: z.union([z.string(), z.array(textPart)]),
  name: z.string().optional(),
});
const completionRequest = z.object({
  model: z.string().min(1),
  messages: z.array(message).min(1),
  stream: z.boolean().nullish(),
  stream_options: z.object({ include_usage: z.boolean().optional() }).nullish(),
  max_tokens: z.number().int().min(1).nullish(),
  max_completion_tokens: z.number().int().min(1).nullish(),
  temperature: z.number().min(0).max(2).nullish(),
  stop: z.union([z.string(), z.array(z.string()).max(4)]).nullish(),
  frequency_penalty: z.number().min(-2).max(2).nullish(),
  presence_penalty: z.number().min(-2).max(2).nullish(),
  n: z.literal(1).nullish(),
  tools: z.array(z.unknown()).max(0, 'tools are not supported by this sandbox').nullish(),
});
type CompletionRequest = z.infer<typeof completionRequest>;

function openAiError(status: number, message: string, code: string | null, param: string | null = null, type = 'invalid_request_error'): SandboxResponse {
  return { status, body: { error: { message, type, param, code } } };
}

export interface OpenAiSandboxOptions {
  engine: ChatEngine;
  /** the key clients must send as `Authorization: Bearer <key>` */
  apiKey: string;
}

export function openAiChatRouter({ engine, apiKey }: OpenAiSandboxOptions): SandboxRouter {
  const created = Math.floor(Date.now() / 1000);
  const modelObject = { id: engine.modelId, object: 'model', created, owned_by: 'credence-sandbox' };
  const authorised = (handler: (req: SandboxRequest) => Promise<SandboxResponse> | SandboxResponse) => (req: SandboxRequest) =>
    req.headers.authorization === `Bearer ${apiKey}`
      ? handler(req)
      : openAiError(401, 'Incorrect API key provided. The sandbox key is documented in apps/sandboxes/llm/README.md.', 'invalid_api_key');

  return new SandboxRouter()
    .on('GET', '/v1/models', authorised(() => ({ status: 200, body: { object: 'list', data: [modelObject] } })))
    .on('GET', '/v1/models/:model', authorised((req) => (req.params.model === engine.modelId ? { status: 200, body: modelObject } : modelNotFound(req.params.model ?? ''))))
    .on('POST', '/v1/chat/completions', authorised((req) => chatCompletion(engine, req)));
}

function modelNotFound(model: string): SandboxResponse {
  return openAiError(404, `The model \`${model}\` does not exist or you do not have access to it.`, 'model_not_found', 'model');
}

async function chatCompletion(engine: ChatEngine, req: SandboxRequest): Promise<SandboxResponse> {
  const parsed = completionRequest.safeParse(req.body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return openAiError(400, issue ? `${issue.path.join('.') || 'body'}: ${issue.message}` : 'invalid request', null, issue?.path.join('.') || null);
  }
  const body = parsed.data;
  if (body.model !== engine.modelId) return modelNotFound(body.model);
  const turns = body.messages.map((m): ChatTurn => ({ role: m.role === 'developer' ? 'system' : m.role, content: typeof m.content === 'string' ? m.content : m.content.map((p) => p.text).join('') }));
  const promptTokens = await engine.countPromptTokens(turns);
  const asked = body.max_completion_tokens ?? body.max_tokens;
  const maxTokens = asked ?? Math.min(DEFAULT_MAX_TOKENS, engine.contextSize - promptTokens);
  if (promptTokens + maxTokens > engine.contextSize) {
    return openAiError(
      400,
      `This model's maximum context length is ${engine.contextSize} tokens. However, you requested ${promptTokens + maxTokens} tokens (${promptTokens} in the messages, ${maxTokens} in the completion). Please reduce the length of the messages or completion.`,
      'context_length_exceeded',
      'messages',
    );
  }
  const id = `chatcmpl-${randomBytes(12).toString('hex')}`;
  const created = Math.floor(Date.now() / 1000);
  const options = {
    maxTokens,
    // OpenAI's default temperature is 1; the assistant always sends 0.
    temperature: body.temperature ?? 1,
    stop: body.stop === undefined || body.stop === null ? [] : typeof body.stop === 'string' ? [body.stop] : body.stop,
    ...(body.frequency_penalty ? { frequencyPenalty: body.frequency_penalty } : {}),
    ...(body.presence_penalty ? { presencePenalty: body.presence_penalty } : {}),
    signal: req.signal,
  };
  if (!body.stream) {
    const done = await engine.complete(turns, options);
    return {
      status: 200,
      body: {
        id,
        object: 'chat.completion',
        created,
        model: engine.modelId,
        choices: [{ index: 0, message: { role: 'assistant', content: done.text, refusal: null }, logprobs: null, finish_reason: done.finishReason }],
        usage: usage(done),
        system_fingerprint: null,
      },
    };
  }
  return { status: 200, headers: { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache', connection: 'keep-alive' }, stream: (write) => streamCompletion(engine, turns, options, body, { id, created }, write) };
}

async function streamCompletion(
  engine: ChatEngine,
  turns: ChatTurn[],
  options: Parameters<ChatEngine['complete']>[1],
  body: CompletionRequest,
  ids: { id: string; created: number },
  write: (chunk: string) => void,
): Promise<void> {
  const event = (choices: unknown[], extra: Record<string, unknown> = {}): void =>
    write(`data: ${JSON.stringify({ ...ids, object: 'chat.completion.chunk', model: engine.modelId, system_fingerprint: null, choices, ...extra })}\n\n`);
  const delta = (d: Record<string, unknown>, finishReason: string | null = null): unknown => ({ index: 0, delta: d, logprobs: null, finish_reason: finishReason });
  event([delta({ role: 'assistant', content: '', refusal: null })]);
  let done: Completion;
  try {
    done = await engine.complete(turns, { ...options, onText: (text) => text && event([delta({ content: text })]) });
  } catch (err) {
    write(`data: ${JSON.stringify({ error: { message: (err as Error).message, type: 'server_error', param: null, code: null } })}\n\n`);
    return;
  }
  event([delta({}, done.finishReason)]);
  if (body.stream_options?.include_usage) event([], { usage: usage(done) });
  write('data: [DONE]\n\n');
}

function usage(done: Completion): { prompt_tokens: number; completion_tokens: number; total_tokens: number } {
  return { prompt_tokens: done.promptTokens, completion_tokens: done.completionTokens, total_tokens: done.promptTokens + done.completionTokens };
}
