// What a person may do to a loan, each shown only when the access matrix lets their role call it:
// review a referred application (underwriter), record a payment (ops), propose an arrangement
// (ops, collectors, agencies), ask for a write-off (ops; a second person approves it).
import { useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, ApiProblem, ok } from '../api/client.ts';
import { mayCall } from '../auth/access.ts';
import type { Person } from '../auth/session.ts';
import { href } from '../router.ts';
import { ProblemMessage } from '../ui/QueryState.tsx';
import { ArrangementForm } from './ArrangementForm.tsx';

type Currency = 'INR';
const DECLINE_REASONS = ['INSUFFICIENT_INCOME', 'INCOME_UNVERIFIED', 'IDENTITY_UNVERIFIED', 'DELINQUENCY', 'OBLIGATIONS', 'INCOMPLETE_APPLICATION'] as const;

function Review({ loanId, person, onDone }: { loanId: string; person: Person; onDone: () => void }) {
  const [outcome, setOutcome] = useState<'approve' | 'decline'>('approve');
  const [reason, setReason] = useState<(typeof DECLINE_REASONS)[number]>('INSUFFICIENT_INCOME');
  const [note, setNote] = useState('');
  const review = useMutation({
    mutationFn: () =>
      ok(
        api.POST('/v1/loans/{loanId}/review', {
          params: { path: { loanId } },
          body: outcome === 'approve' ? { reviewer: person.username, outcome, ...(note.trim() ? { note: note.trim() } : {}) } : { reviewer: person.username, outcome, reasonCodes: [reason], ...(note.trim() ? { note: note.trim() } : {}) },
        }),
      ),
    onSuccess: onDone,
  });
  return (
    <form className="stack" aria-label="Review the application" onSubmit={(e) => { e.preventDefault(); review.mutate(); }}>
      <h3>Review the application</h3>
      <label htmlFor="review-o">Decision</label>
      <select id="review-o" value={outcome} onChange={(e) => setOutcome(e.target.value as 'approve' | 'decline')}>
        <option value="approve">approve</option>
        <option value="decline">decline</option>
      </select>
      {outcome === 'decline' && (
        <>
          <label htmlFor="review-r">Reason</label>
          <select id="review-r" value={reason} onChange={(e) => setReason(e.target.value as (typeof DECLINE_REASONS)[number])}>
            {DECLINE_REASONS.map((r) => <option key={r} value={r}>{r.toLowerCase().replace(/_/g, ' ')}</option>)}
          </select>
        </>
      )}
      <label htmlFor="review-n">Note</label>
      <textarea id="review-n" value={note} onChange={(e) => setNote(e.target.value)} />
      <button type="submit" disabled={review.isPending}>Record the decision</button>
      {review.data && <p role="status">The loan is now {review.data.status}.</p>}
      <ProblemMessage error={review.error} />
    </form>
  );
}

function Payment({ loanId, currency, onDone }: { loanId: string; currency: string; onDone: () => void }) {
  const [amount, setAmount] = useState('');
  const [reference, setReference] = useState('');
  const pay = useMutation({
    mutationFn: () => ok(api.POST('/v1/loans/{loanId}/payments', { params: { path: { loanId } }, body: { amount: Number(amount), currency: currency as Currency, externalId: reference.trim() } })),
    onSuccess: onDone,
  });
  return (
    <form className="stack" aria-label="Record a payment" onSubmit={(e) => { e.preventDefault(); pay.mutate(); }}>
      <h3>Record a payment</h3>
      <label htmlFor="pay-a">Amount ({currency}, minor units)</label>
      <input id="pay-a" inputMode="numeric" pattern="[0-9]+" required value={amount} onChange={(e) => setAmount(e.target.value)} />
      <label htmlFor="pay-r">Payment reference (its id at the bank or processor)</label>
      <input id="pay-r" required pattern="[\x21-\x7e]+" value={reference} onChange={(e) => setReference(e.target.value)} />
      <button type="submit" disabled={pay.isPending}>Record payment</button>
      {pay.data && <p role="status">{pay.data.duplicate ? 'Already recorded under this reference.' : 'Payment recorded.'}</p>}
      <ProblemMessage error={pay.error} />
    </form>
  );
}

function WriteOff({ loanId, onDone }: { loanId: string; onDone: () => void }) {
  const [reason, setReason] = useState('');
  const ask = useMutation({
    mutationFn: async () => {
      const { data, error, response } = await api.POST('/v1/loans/{loanId}/write-off', { params: { path: { loanId } }, body: { reason: reason.trim() } });
      if (!response.ok || !data) throw new ApiProblem(response.status, error ?? {});
      return data;
    },
    onSuccess: onDone,
  });
  return (
    <form className="stack" aria-label="Request a write-off" onSubmit={(e) => { e.preventDefault(); ask.mutate(); }}>
      <h3>Request a write-off</h3>
      <label htmlFor="wo-r">Reason</label>
      <textarea id="wo-r" required value={reason} onChange={(e) => setReason(e.target.value)} />
      <button type="submit" disabled={ask.isPending || !reason.trim()}>Request write-off</button>
      {ask.data && (
        <p role="status">
          {ask.data.status === 'pending' ? <>Waiting for a second person: <a href={href('/approvals')}>approval {ask.data.id.slice(0, 8)}</a>.</> : `The write-off is ${ask.data.status}.`}
        </p>
      )}
      <ProblemMessage error={ask.error} />
    </form>
  );
}

export function LoanActions({ loanId, status, currency, person }: { loanId: string; status: string; currency: string; person: Person }) {
  const client = useQueryClient();
  const refresh = () => void client.invalidateQueries({ queryKey: ['loan', loanId] });
  const open = status === 'active' || status === 'delinquent';
  const review = status === 'manual_review' && mayCall(person.roles, 'POST /v1/loans/{loanId}/review');
  const pay = open && mayCall(person.roles, 'POST /v1/loans/{loanId}/payments');
  const arrange = open && mayCall(person.roles, 'POST /v1/loans/{loanId}/arrangements');
  const writeOff = status === 'delinquent' && mayCall(person.roles, 'POST /v1/loans/{loanId}/write-off');
  if (!review && !pay && !arrange && !writeOff) return null;
  return (
    <section aria-labelledby="actions-h">
      <h2 id="actions-h">Actions</h2>
      <div className="split">
        {review && <Review loanId={loanId} person={person} onDone={refresh} />}
        {pay && <Payment loanId={loanId} currency={currency} onDone={refresh} />}
        {arrange && <ArrangementForm loanId={loanId} onDone={refresh} />}
        {writeOff && <WriteOff loanId={loanId} onDone={refresh} />}
      </div>
    </section>
  );
}
