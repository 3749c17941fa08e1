// The assistant's conversations and their turns. Questions, rewritten questions and answers are
// sealed by the caller's field cipher before they reach this repository and opened after: it
// stores and returns sealed strings only. A turn is appended under the conversation's row lock,
// so two questions sent at once into one conversation get consecutive numbers.
import type { EntityManager } from '@mikro-orm/postgresql';

export interface ConversationRecord {
  id: string;
  owner: string;
  collection: string;
  turns: number;
  createdAt: string;
  updatedAt: string;
}

export interface SealedTurn {
  seq: number;
  questionSealed: string;
  rewrittenSealed: string;
  answerSealed: string;
  refused: boolean;
  citations: object[];
  createdAt: string;
}

type Row = Record<string, unknown>;
const iso = (at: unknown) => (at instanceof Date ? at : new Date(String(at))).toISOString();

export class AssistantConversationRepository {
  constructor(private readonly em: EntityManager) {}

  async find(id: string): Promise<ConversationRecord | null> {
    const [row] = await this.em.execute<Row[]>(`select id, owner, collection, turns, created_at, updated_at from assistant_conversations where id = ?`, [id]);
    return row ? conversation(row) : null;
  }

  /**
   * A new conversation with its first turn, in one transaction: a conversation exists only once it
   * has a turn (an ask that failed before its answer leaves nothing behind). Returns the turn's number, 1.
   */
  async start(id: string, owner: string, collection: string, first: Omit<SealedTurn, 'seq' | 'createdAt'>): Promise<number> {
    return this.em.transactional(async (em) => {
      await em.execute(`insert into assistant_conversations (id, owner, collection, turns, created_at, updated_at) values (?, ?, ?, 0, now(), now())`, [id, owner, collection]);
      return appendTurn(em, id, first);
    });
  }

  /** The last `limit` turns, oldest first. */
  async recentTurns(id: string, limit: number): Promise<SealedTurn[]> {
    const rows = await this.em.execute<Row[]>(
      `select seq, question_sealed, rewritten_sealed, answer_sealed, refused, citations, created_at from assistant_turns where conversation_id = ? order by seq desc limit ?`,
      [id, limit],
    );
    return rows.reverse().map(turn);
  }

  async append(id: string, t: Omit<SealedTurn, 'seq' | 'createdAt'>): Promise<number> {
    return this.em.transactional((em) => appendTurn(em, id, t));
  }
}

/** The next turn, numbered under the conversation's row lock (the update takes it). */
async function appendTurn(em: EntityManager, id: string, t: Omit<SealedTurn, 'seq' | 'createdAt'>): Promise<number> {
  const [row] = await em.execute<Row[]>(`update assistant_conversations set turns = turns + 1, updated_at = now() where id = ? returning turns`, [id]);
  const seq = Number(row?.turns);
  await em.execute(
    `insert into assistant_turns (conversation_id, seq, question_sealed, rewritten_sealed, answer_sealed, refused, citations, created_at) values (?, ?, ?, ?, ?, ?, ?::jsonb, now())`,
    [id, seq, t.questionSealed, t.rewrittenSealed, t.answerSealed, t.refused, JSON.stringify(t.citations)],
  );
  return seq;
}

function conversation(row: Row): ConversationRecord {
  return { id: String(row.id), owner: String(row.owner), collection: String(row.collection), turns: Number(row.turns), createdAt: iso(row.created_at), updatedAt: iso(row.updated_at) };
}

function turn(row: Row): SealedTurn {
  return {
    seq: Number(row.seq),
    questionSealed: String(row.question_sealed),
    rewrittenSealed: String(row.rewritten_sealed),
    answerSealed: String(row.answer_sealed),
    refused: Boolean(row.refused),
    citations: (typeof row.citations === 'string' ? JSON.parse(row.citations) : row.citations) as object[],
    createdAt: iso(row.created_at),
  };
}
