// An answer as the server-sent events of POST /v1/assistant/ask/stream: the retrieved passages,
// the answer a sentence at a time (each ends with its citation marker: nothing is streamed before
// its citation was checked, so a stream never shows a claim the final answer drops), then the
// whole answer.
import type { AssistantAnswer } from './ask-assistant.usecase.js';

export type AnswerEvent = { event: 'retrieved'; data: { passages: AssistantAnswer['passages'] } } | { event: 'token'; data: { text: string } } | { event: 'done'; data: AssistantAnswer };

export function answerEvents(answer: AssistantAnswer): AnswerEvent[] {
  const sentences = answer.refused ? [answer.answer] : answer.answer.split(/(?<=\[\d+\])\s+/);
  return [
    { event: 'retrieved', data: { passages: answer.passages } },
    ...sentences.map((s, i): AnswerEvent => ({ event: 'token', data: { text: i === 0 ? s : ` ${s}` } })),
    { event: 'done', data: answer },
  ];
}
