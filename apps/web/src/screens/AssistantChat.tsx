// The compliance assistant as a chat: a question to a collection (starter by default), the
// answer streamed in a sentence at a time (POST /v1/assistant/ask/stream), its citations listed,
// each opening the passage it quotes (GET /v1/assistant/passages/{chunkId}) beside the chat. The
// conversation's ID goes back with each question, so the next one is a follow-up.
import { useRef, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { api, ok } from '../api/client.ts';
import { postEventStream } from '../api/sse.ts';
import { ProblemMessage, QueryState } from '../ui/QueryState.tsx';

export interface Citation { section: string; source: string; chunkId: string; quote: string }
export interface Answer { conversationId: string; turn: number; answer: string; refused: boolean; followUp: boolean; citations: Citation[] }

export interface Turn {
  question: string;
  /** the sentences streamed so far */
  text: string;
  /** the whole answer, once `done` arrived */
  answer?: Answer;
  error?: unknown;
}

function Passage({ chunkId, onClose }: { chunkId: string; onClose: () => void }) {
  const passage = useQuery({ queryKey: ['passage', chunkId], queryFn: () => ok(api.GET('/v1/assistant/passages/{chunkId}', { params: { path: { chunkId } } })) });
  return (
    <aside className="panel passage" aria-labelledby="passage-h">
      <div className="row spread">
        <h3 id="passage-h">Passage</h3>
        <button type="button" onClick={onClose}>Close</button>
      </div>
      <QueryState query={passage}>
        {(p) => (
          <>
            <p><strong>{p.source}</strong> · {p.section}</p>
            <p className="muted">{p.document}, characters {p.startOffset}-{p.endOffset}</p>
            <blockquote data-passage={p.chunkId}>{p.content}</blockquote>
          </>
        )}
      </QueryState>
    </aside>
  );
}

export function TurnView({ turn, onOpen }: { turn: Turn; onOpen: (chunkId: string) => void }) {
  const a = turn.answer;
  return (
    <li className="card turn">
      <p><strong>Q:</strong> {turn.question}</p>
      <p aria-live="polite" className={a?.refused ? 'warn' : undefined}>
        {a?.refused && <span className="badge">Refused</span>} {turn.text || (!a && !turn.error ? '…' : '')}
      </p>
      {a && a.citations.length > 0 && (
        <ol className="citations" aria-label="Citations">
          {a.citations.map((c, i) => (
            <li key={`${c.chunkId}-${i}`}>
              <button type="button" className="link" onClick={() => onOpen(c.chunkId)}>[{i + 1}] {c.source} · {c.section}</button>
              <q>{c.quote}</q>
            </li>
          ))}
        </ol>
      )}
      {a?.followUp && <p className="muted">Asked as a follow-up to the question before.</p>}
      <ProblemMessage error={turn.error} />
    </li>
  );
}

export function AssistantChat() {
  const collections = useQuery({ queryKey: ['assistant-collections'], queryFn: () => ok(api.GET('/v1/assistant/collections', {})) });
  const [collection, setCollection] = useState('starter');
  const [question, setQuestion] = useState('');
  const [turns, setTurns] = useState<Turn[]>([]);
  const [busy, setBusy] = useState(false);
  const [open, setOpen] = useState<string | null>(null);
  const conversation = useRef<{ collection: string; id: string } | null>(null);

  const update = (i: number, change: (t: Turn) => Turn) => setTurns((all) => all.map((t, j) => (j === i ? change(t) : t)));
  async function ask(q: string) {
    const index = turns.length;
    setTurns((all) => [...all, { question: q, text: '' }]);
    setBusy(true);
    const conversationId = conversation.current?.collection === collection ? conversation.current.id : undefined;
    try {
      await postEventStream('/v1/assistant/ask/stream', { collection, question: q, ...(conversationId ? { conversationId } : {}) }, (e) => {
        if (e.event === 'token') update(index, (t) => ({ ...t, text: t.text + (JSON.parse(e.data) as { text: string }).text }));
        else if (e.event === 'done') {
          const answer = JSON.parse(e.data) as Answer;
          conversation.current = { collection, id: answer.conversationId };
          update(index, (t) => ({ ...t, text: answer.answer, answer }));
        } else if (e.event === 'error') update(index, (t) => ({ ...t, error: new Error((JSON.parse(e.data) as { detail?: string; title?: string }).detail ?? 'The answer failed') }));
      });
    } catch (error) {
      update(index, (t) => ({ ...t, error }));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section aria-labelledby="chat-h">
      <h2 id="chat-h">Ask the assistant</h2>
      <div className="chat">
        <div>
          <QueryState query={collections}>
            {(data) => (data.items.length === 0 ? <p role="alert">No collection has been ingested yet (npm run -s rag:ingest).</p> : null)}
          </QueryState>
          <ul className="cards" aria-label="Conversation">
            {turns.map((t, i) => <TurnView key={i} turn={t} onOpen={setOpen} />)}
          </ul>
          <form
            className="row"
            onSubmit={(e) => {
              e.preventDefault();
              const q = question.trim();
              if (!q || busy) return;
              setQuestion('');
              void ask(q);
            }}
          >
            <label>
              Collection{' '}
              <select value={collection} onChange={(e) => setCollection(e.target.value)}>
                {[...new Set(['starter', ...(collections.data?.items.map((c) => c.name) ?? [])])].map((name) => <option key={name} value={name}>{name}</option>)}
              </select>
            </label>
            <label className="grow">
              Question <input value={question} onChange={(e) => setQuestion(e.target.value)} />
            </label>
            <button type="submit" disabled={busy || !question.trim()}>Ask</button>
            {turns.length > 0 && (
              <button type="button" disabled={busy} onClick={() => { conversation.current = null; setTurns([]); setOpen(null); }}>New conversation</button>
            )}
          </form>
        </div>
        {open && <Passage chunkId={open} onClose={() => setOpen(null)} />}
      </div>
    </section>
  );
}
