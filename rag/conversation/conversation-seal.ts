// The field cipher's contexts for a conversation's text (db/entities/assistant-conversation.entity.ts):
// one per column, so a sealed value cannot be moved from one to another.
export const CONVERSATION_SEAL = {
  question: 'assistant_turns.question',
  rewritten: 'assistant_turns.rewritten',
  answer: 'assistant_turns.answer',
} as const;
