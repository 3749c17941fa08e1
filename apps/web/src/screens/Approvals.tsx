// Approvals (maker-checker): the pending proposals (arrangements beyond the policy, write-offs,
// policy activations) with approve or reject and a note for those the API lets decide. The
// proposer sees their own as waiting for a second person; if they try anyway, the API's 403
// own-proposal is shown as it says it.
import { useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, ok } from '../api/client.ts';
import { mayCall } from '../auth/access.ts';
import type { Person } from '../auth/session.ts';
import { href } from '../router.ts';
import { when } from '../ui/format.ts';
import { ProblemMessage, QueryState } from '../ui/QueryState.tsx';
import { summary } from '../ui/Timeline.tsx';

const STATUSES = ['pending', 'approved', 'rejected', 'applied'] as const;
type Status = (typeof STATUSES)[number];
export type Approval = Awaited<ReturnType<typeof listApprovals>>['items'][number];
const listApprovals = (status: Status) => ok(api.GET('/v1/approvals', { params: { query: { status, limit: 100 } } }));

/** What is proposed, in a line: the loan or the policy version, and the proposal's terms. */
export function describe(a: Approval): string {
  const what = a.kind === 'policy_activation' ? `activate policy v${a.policyVersion ?? '?'}` : a.kind === 'write_off' ? 'write off the loan' : `arrangement: ${summary(a.payload)}`;
  return what;
}

export function isOwn(a: Approval, person: Person): boolean {
  return a.proposedBy === person.subject || a.proposedBy === person.username;
}

function ApprovalRow({ a, person, onDecided }: { a: Approval; person: Person; onDecided: (decided: Approval) => void }) {
  const client = useQueryClient();
  const [note, setNote] = useState('');
  // A decided proposal leaves the pending list: what became of it is said by the screen.
  const refresh = (decided: Approval) => {
    onDecided(decided);
    void client.invalidateQueries({ queryKey: ['approvals'] });
  };
  const body = note.trim() ? { note: note.trim() } : {};
  const approve = useMutation({ mutationFn: () => ok(api.POST('/v1/approvals/{id}/approve', { params: { path: { id: a.id } }, body })), onSuccess: refresh });
  const reject = useMutation({ mutationFn: () => ok(api.POST('/v1/approvals/{id}/reject', { params: { path: { id: a.id } }, body })), onSuccess: refresh });
  const own = isOwn(a, person);
  const mayDecide = a.status === 'pending' && (mayCall(person.roles, 'POST /v1/approvals/{id}/approve') || mayCall(person.roles, 'POST /v1/approvals/{id}/reject'));
  const id = `appr-${a.id}`;
  return (
    <li className="card" data-approval={a.id} aria-labelledby={`${id}-h`}>
      <div className="row">
        <strong id={`${id}-h`}>{a.kind.replace(/_/g, ' ')}: {describe(a)}</strong>
        <span className="badge">{a.status}</span>
        {a.loanId && <a href={href(`/loans/${a.loanId}`)}>Loan {a.loanId.slice(0, 8)}</a>}
        {a.kind === 'policy_activation' && <a href={href('/policies')}>Policy studio</a>}
      </div>
      <p className="muted">
        Proposed by {a.proposedBy} ({a.proposedByRoles.join(', ')}), {when(a.proposedAt)}
        {a.reasons.length ? `; needs approval because: ${a.reasons.join('; ')}` : ''}
        {a.decidedBy ? `; decided by ${a.decidedBy}, ${when(a.decidedAt)}${a.decisionNote ? `: ${a.decisionNote}` : ''}` : ''}
      </p>
      {own && a.status === 'pending' && <p role="status">Yours: waiting for a second person to decide.</p>}
      {mayDecide && (
        <div className="row">
          <label htmlFor={`${id}-n`}>Decision note</label>
          <input id={`${id}-n`} value={note} onChange={(e) => setNote(e.target.value)} />
          {mayCall(person.roles, 'POST /v1/approvals/{id}/approve') && <button type="button" onClick={() => approve.mutate()} disabled={approve.isPending || reject.isPending}>Approve</button>}
          {mayCall(person.roles, 'POST /v1/approvals/{id}/reject') && <button type="button" onClick={() => reject.mutate()} disabled={approve.isPending || reject.isPending}>Reject</button>}
        </div>
      )}
      <ProblemMessage error={approve.error ?? reject.error} />
    </li>
  );
}

export function Approvals({ person }: { person: Person }) {
  const [status, setStatus] = useState<Status>('pending');
  const list = useQuery({ queryKey: ['approvals', status], queryFn: () => listApprovals(status) });
  const [decided, setDecided] = useState<Approval | null>(null);
  return (
    <>
      <h1>Approvals</h1>
      <p>Changes beyond what one person may do alone wait here for a second person: the proposer cannot decide their own.</p>
      <label>
        Status{' '}
        <select value={status} onChange={(e) => setStatus(e.target.value as Status)}>
          {STATUSES.map((s) => <option key={s} value={s}>{s}</option>)}
        </select>
      </label>
      {decided && <p role="status" data-decided={decided.id}>{describe(decided)} ({decided.id.slice(0, 8)}): now {decided.status}.</p>}
      <QueryState query={list}>
        {(data) => (data.items.length === 0 ? <p>Nothing {status}.</p> : <ul className="cards">{data.items.map((a) => <ApprovalRow key={a.id} a={a} person={person} onDecided={setDecided} />)}</ul>)}
      </QueryState>
    </>
  );
}
