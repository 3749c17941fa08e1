// The assistant's conversations (POST /v1/assistant/ask with a conversationId): whose they are,
// which collection they ask, and each turn. What a person types may carry anything (a borrower's
// name pasted in), so every question, rewritten question and answer is sealed by the field cipher
// (apps/shared/crypto/sealed-fields.ts lists them); the citations quote the collection's own
// documents, which are not personal data, and stay readable.
import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

export const AssistantConversation = defineEntity({
  name: 'AssistantConversation',
  tableName: 'assistant_conversations',
  indexes: [{ properties: ['owner', 'updatedAt'] }],
  properties: {
    id: p.uuid().primary(),
    /** the principal's subject: a conversation is read and continued only by whoever started it */
    owner: p.string().length(200),
    collection: p.string().length(100),
    turns: p.integer(),
    createdAt: p.datetime(),
    updatedAt: p.datetime(),
  },
});
export type AssistantConversation = InferEntity<typeof AssistantConversation>;

export const AssistantTurn = defineEntity({
  name: 'AssistantTurn',
  tableName: 'assistant_turns',
  primaryKeys: ['conversationId', 'seq'],
  properties: {
    conversationId: p.uuid().primary(),
    seq: p.integer().primary(),
    questionSealed: p.text(),
    /** what retrieval searched: the question with the conversation's context, sealed */
    rewrittenSealed: p.text(),
    answerSealed: p.text(),
    refused: p.boolean(),
    citations: p.json<object[]>(),
    createdAt: p.datetime(),
  },
});
export type AssistantTurn = InferEntity<typeof AssistantTurn>;
