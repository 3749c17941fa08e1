// One question to a collection, inside a conversation: the conversation is found (only its owner
// may continue it) or started, the question is rewritten with the conversation's context when it
// is a follow-up (rag/conversation/rewrite-follow-up.ts), the rag core answers from the
// collection only (citations checked against what was retrieved, refusal when the sources do not
// cover it), and the turn is kept sealed. A new conversation is stored with its first turn, in one
// transaction, so an ask that fails leaves none behind. The answer carries the retrieved passages themselves.
import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { Orm } from '../../../db/orm.js';
import { AssistantConversationRepository } from '../../../db/repositories/assistant-conversation.repository.js';
import { RagCollectionRepository } from '../../../db/repositories/rag-collection.repository.js';
import type { Citation } from '../../../rag/answer/citations.js';
import { CONVERSATION_SEAL } from '../../../rag/conversation/conversation-seal.js';
import { rewriteFollowUp } from '../../../rag/conversation/rewrite-follow-up.js';
import type { RecoveryContacts } from '../../shared/recovery-inbox-factory.js';
import type { Principal } from '../auth/principal.js';
import { ProblemException } from '../http/problem.js';
import { ORM, RECOVERY_CONTACTS } from '../tokens.js';
import { AssistantRuntime } from './assistant-runtime.js';

export interface AskCommand {
  collection: string;
  question: string;
  conversationId: string | null;
  caller: Principal;
}

export interface AnswerPassage {
  chunkId: string;
  section: string;
  source: string;
  score: number;
  content: string;
}

export interface AssistantAnswer {
  conversationId: string;
  turn: number;
  collection: string;
  /** what retrieval searched: the question, with the conversation's context when it is a follow-up */
  searchedQuestion: string;
  followUp: boolean;
  answer: string;
  refused: boolean;
  citations: Citation[];
  /** every passage retrieved, best first, with its text */
  passages: AnswerPassage[];
}

@Injectable()
export class AskAssistantUseCase {
  constructor(
    @Inject(ORM) private readonly orm: Orm,
    @Inject(RECOVERY_CONTACTS) private readonly contacts: RecoveryContacts | null,
    private readonly runtime: AssistantRuntime,
  ) {}

  async execute(command: AskCommand): Promise<AssistantAnswer> {
    const cipher = this.contacts?.cipher;
    // Conversation text may carry anything a person pastes: without the field keys it is not kept at all.
    if (!cipher) throw new ProblemException('dependencyUnavailable', 'conversations are kept sealed, and this API has no field keys configured');
    const conversations = new AssistantConversationRepository(this.orm.em.fork());
    const conversationId = command.conversationId;
    let previous: string | undefined;
    if (conversationId !== null) {
      const found = await conversations.find(conversationId);
      // Someone else's conversation is answered as one that does not exist: its existence is theirs too.
      if (!found || found.owner !== command.caller.subject) throw new ProblemException('conversationNotFound', `you have no conversation ${conversationId}`);
      if (found.collection !== command.collection) throw new ProblemException('conversationCollection', `conversation ${conversationId} asks the collection ${found.collection}`);
      const [last] = await conversations.recentTurns(conversationId, 1);
      previous = last ? cipher.decrypt(last.rewrittenSealed, CONVERSATION_SEAL.rewritten) : undefined;
    }
    if (!(await new RagCollectionRepository(this.orm.em.fork()).exists(command.collection))) throw new ProblemException('collectionNotFound', `there is no collection ${command.collection}: ingest it first (npm run rag:ingest)`);

    const rewritten = rewriteFollowUp(command.question, previous);
    const rag = await this.runtime.rag();
    const result = await rag.assistant.ask(command.collection, rewritten.question);
    const texts = await rag.store.chunks(result.retrieved.map((r) => r.chunkId));
    const passages = result.retrieved.map((r) => ({ chunkId: r.chunkId, section: r.section, source: r.source, score: r.score, content: texts.get(r.chunkId)?.content ?? '' }));
    const sealed = {
      questionSealed: cipher.encrypt(command.question, CONVERSATION_SEAL.question),
      rewrittenSealed: cipher.encrypt(rewritten.question, CONVERSATION_SEAL.rewritten),
      answerSealed: cipher.encrypt(result.answer, CONVERSATION_SEAL.answer),
      refused: result.refused,
      citations: result.citations,
    };
    // A new conversation is stored with its first turn, once there is an answer: an ask that fails leaves no empty conversation behind.
    const id = conversationId ?? randomUUID();
    const turn = conversationId === null ? await conversations.start(id, command.caller.subject, command.collection, sealed) : await conversations.append(id, sealed);
    return { conversationId: id, turn, collection: command.collection, searchedQuestion: rewritten.question, followUp: rewritten.followUp, answer: result.answer, refused: result.refused, citations: result.citations, passages };
  }
}
