// What a person may do to a loan, each shown only when the access matrix lets their role call it:
// review a referred application (underwriter), record a payment (ops), propose an arrangement
// (ops, collectors, agencies), ask for a write-off (ops; a second person approves it).
import { useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, ApiProblem, ok } from '../api/client.ts';
import { mayCall } from '../auth/access.ts';
import type { Person } from '../auth/session.ts';
import { href } from '../router.ts';
import { apiFieldError, FieldError, invalidProps, useFocusFirstInvalid, withoutShownFields, type FieldErrors } from '../ui/FieldError.tsx';
import { ProblemMessage } from '../ui/QueryState.tsx';
import { ArrangementForm } from './ArrangementForm.tsx';

type Currency = 'INR';
const DECLINE_REASONS = ['INSUFFICIENT_INCOME', 'INCOME_UNVERIFIED', 'IDENTITY_UNVERIFIED', 'DELINQUENCY', 'OBLIGATIONS', 'INCOMPLETE_APPLICATION'] as const;
/** RecordPaymentDto's: a whole number of minor units, at least 1; the payer's reference, visible ASCII. */
const MINOR_UNITS = /^[1-9][0-9]{0,15}$/;
const REFERENCE = /^[\x21-\x7e]{1,255}$/;
const NOTE_MAX = 2000;
const WRITE_OFF_REASON_MAX = 1000;

function Review({ loanId, person, onDone }: { loanId: string; person: Person; onDone: (status: string) => void }) {
  const [outcome, setOutcome] = useState<'approve' | 'decline'>('approve');
  const [reason, setReason] = useState<(typeof DECLINE_REASONS)[number]>('INSUFFICIENT_INCOME');
  const [note, setNote] = useState('');
  const [checked, setChecked] = useState<FieldErrors>({});
  const review = useMutation({
    mutationFn: () =>
      ok(
        api.POST('/v1/loans/{loanId}/review', {
          params: { path: { loanId } },
          body: outcome === 'approve' ? { reviewer: person.username, outcome, ...(note.trim() ? { note: note.trim() } : {}) } : { reviewer: person.username, outcome, reasonCodes: [reason], ...(note.trim() ? { note: note.trim() } : {}) },
        }),
      ),
    onSuccess: (answer) => onDone(answer.status),
  });
  const errors = { reasonCodes: apiFieldError(review.error, 'reasonCodes'), note: checked.note ?? apiFieldError(review.error, 'note') };
  const formRef = useFocusFirstInvalid(checked, review.error);
  const submit = () => {
    const found = { note: note.trim().length > NOTE_MAX ? `must be at most ${NOTE_MAX} characters` : undefined };
    setChecked(found);
    if (!found.note) review.mutate();
  };
  return (
    <form ref={formRef} className="stack" aria-label="Review the application" noValidate onSubmit={(e) => { e.preventDefault(); submit(); }}>
      <h3>Review the application</h3>
      <label htmlFor="review-o">Decision</label>
      <select id="review-o" value={outcome} onChange={(e) => setOutcome(e.target.value as 'approve' | 'decline')}>
        <option value="approve">approve</option>
        <option value="decline">decline</option>
      </select>
      {outcome === 'decline' && (
        <>
          <label htmlFor="review-r">Reason</label>
          <select id="review-r" value={reason} onChange={(e) => setReason(e.target.value as (typeof DECLINE_REASONS)[number])} {...invalidProps('review-r', errors.reasonCodes)}>
            {DECLINE_REASONS.map((r) => <option key={r} value={r}>{r.toLowerCase().replace(/_/g, ' ')}</option>)}
          </select>
          <FieldError id="review-r" message={errors.reasonCodes} />
        </>
      )}
      <label htmlFor="review-n">Note</label>
      <textarea id="review-n" value={note} onChange={(e) => setNote(e.target.value)} {...invalidProps('review-n', errors.note)} />
      <FieldError id="review-n" message={errors.note} />
      <button type="submit" disabled={review.isPending}>Record the decision</button>
      <ProblemMessage error={withoutShownFields(review.error, ['reasonCodes', 'note'])} />
    </form>
  );
}

function Payment({ loanId, currency, onDone }: { loanId: string; currency: string; onDone: () => void }) {
  const [amount, setAmount] = useState('');
  const [reference, setReference] = useState('');
  const [checked, setChecked] = useState<FieldErrors>({});
  const pay = useMutation({
    mutationFn: () => ok(api.POST('/v1/loans/{loanId}/payments', { params: { path: { loanId } }, body: { amount: Number(amount.trim()), currency: currency as Currency, externalId: reference.trim() } })),
    onSuccess: onDone,
  });
  const errors = {
    amount: checked.amount ?? apiFieldError(pay.error, 'amount') ?? apiFieldError(pay.error, 'currency'),
    externalId: checked.externalId ?? apiFieldError(pay.error, 'externalId'),
  };
  const formRef = useFocusFirstInvalid(checked, pay.error);
  const submit = () => {
    const found = {
      amount: MINOR_UNITS.test(amount.trim()) ? undefined : 'must be a whole number of minor units, at least 1',
      externalId: REFERENCE.test(reference.trim()) ? undefined : 'must be 1 to 255 visible ASCII characters (no spaces)',
    };
    setChecked(found);
    if (!found.amount && !found.externalId) pay.mutate();
  };
  return (
    <form ref={formRef} className="stack" aria-label="Record a payment" noValidate onSubmit={(e) => { e.preventDefault(); submit(); }}>
      <h3>Record a payment</h3>
      <label htmlFor="pay-a">Amount ({currency}, minor units)</label>
      <input id="pay-a" inputMode="numeric" required value={amount} onChange={(e) => setAmount(e.target.value)} {...invalidProps('pay-a', errors.amount)} />
      <FieldError id="pay-a" message={errors.amount} />
      <label htmlFor="pay-r">Payment reference (its id at the bank or processor)</label>
      <input id="pay-r" required value={reference} onChange={(e) => setReference(e.target.value)} {...invalidProps('pay-r', errors.externalId)} />
      <FieldError id="pay-r" message={errors.externalId} />
      <button type="submit" disabled={pay.isPending}>Record payment</button>
      {pay.data && <p role="status">{pay.data.duplicate ? 'Already recorded under this reference.' : 'Payment recorded.'}</p>}
      <ProblemMessage error={withoutShownFields(pay.error, ['amount', 'currency', 'externalId'])} />
    </form>
  );
}

function WriteOff({ loanId, onDone }: { loanId: string; onDone: () => void }) {
  const [reason, setReason] = useState('');
  const [checked, setChecked] = useState<FieldErrors>({});
  const ask = useMutation({
    mutationFn: async () => {
      const { data, error, response } = await api.POST('/v1/loans/{loanId}/write-off', { params: { path: { loanId } }, body: { reason: reason.trim() } });
      if (!response.ok || !data) throw new ApiProblem(response.status, error ?? {});
      return data;
    },
    onSuccess: onDone,
  });
  const errors = { reason: checked.reason ?? apiFieldError(ask.error, 'reason') };
  const formRef = useFocusFirstInvalid(checked, ask.error);
  const submit = () => {
    const text = reason.trim();
    const found = { reason: !text ? 'say why the loan should be written off' : text.length > WRITE_OFF_REASON_MAX ? `must be at most ${WRITE_OFF_REASON_MAX} characters` : undefined };
    setChecked(found);
    if (!found.reason) ask.mutate();
  };
  return (
    <form ref={formRef} className="stack" aria-label="Request a write-off" noValidate onSubmit={(e) => { e.preventDefault(); submit(); }}>
      <h3>Request a write-off</h3>
      <label htmlFor="wo-r">Reason</label>
      <textarea id="wo-r" required value={reason} onChange={(e) => setReason(e.target.value)} {...invalidProps('wo-r', errors.reason)} />
      <FieldError id="wo-r" message={errors.reason} />
      <button type="submit" disabled={ask.isPending}>Request write-off</button>
      {ask.data && (
        <p role="status">
          {ask.data.status === 'pending' ? <>Waiting for a second person: <a href={href('/approvals')}>approval {ask.data.id.slice(0, 8)}</a>.</> : `The write-off is ${ask.data.status}.`}
        </p>
      )}
      <ProblemMessage error={withoutShownFields(ask.error, ['reason'])} />
    </form>
  );
}

export function LoanActions({ loanId, status, currency, person }: { loanId: string; status: string; currency: string; person: Person }) {
  const client = useQueryClient();
  // The loan's own query and its audit entries (['loan', id, 'audit']) both: the act is in each.
  const refresh = () => void client.invalidateQueries({ queryKey: ['loan', loanId] });
  // A decision takes the loan out of review, and the form with it when the loan is read again:
  // what was decided is said here, where it stays.
  const [reviewed, setReviewed] = useState<string | null>(null);
  const open = status === 'active' || status === 'delinquent';
  const review = status === 'manual_review' && reviewed === null && mayCall(person.roles, 'POST /v1/loans/{loanId}/review');
  const pay = open && mayCall(person.roles, 'POST /v1/loans/{loanId}/payments');
  const arrange = open && mayCall(person.roles, 'POST /v1/loans/{loanId}/arrangements');
  const writeOff = status === 'delinquent' && mayCall(person.roles, 'POST /v1/loans/{loanId}/write-off');
  if (!review && !pay && !arrange && !writeOff && reviewed === null) return null;
  return (
    <section aria-labelledby="actions-h">
      <h2 id="actions-h">Actions</h2>
      {reviewed !== null && <p role="status">Decision recorded: the loan is now {reviewed}.</p>}
      <div className="split">
        {review && <Review loanId={loanId} person={person} onDone={(now) => { setReviewed(now); refresh(); }} />}
        {pay && <Payment loanId={loanId} currency={currency} onDone={refresh} />}
        {arrange && <ArrangementForm loanId={loanId} onDone={refresh} />}
        {writeOff && <WriteOff loanId={loanId} onDone={refresh} />}
      </div>
    </section>
  );
}
