// Loans: the list (the loans read model, filtered by status) and one loan's story.
import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { api, ok } from '../api/client.ts';
import type { Person } from '../auth/session.ts';
import { href } from '../router.ts';
import { money, when } from '../ui/format.ts';
import { QueryState } from '../ui/QueryState.tsx';
import { summary, Timeline, type TimelineEntry } from '../ui/Timeline.tsx';
import { useAuditEntries } from './AuditEntries.tsx';
import { CallAssist } from './CallAssist.tsx';
import { LoanActions } from './LoanActions.tsx';

const STATUSES = ['', 'manual_review', 'offered', 'active', 'delinquent', 'paid_off', 'charged_off', 'declined'] as const;

export function LoanList() {
  const [status, setStatus] = useState<(typeof STATUSES)[number]>('');
  const loans = useQuery({
    queryKey: ['loans', status],
    queryFn: () => ok(api.GET('/v1/loans', { params: { query: { limit: 50, ...(status ? { status } : {}) } } })),
  });
  return (
    <>
      <h1>Loans</h1>
      <label>
        Status{' '}
        <select value={status} onChange={(e) => setStatus(e.target.value as (typeof STATUSES)[number])}>
          {STATUSES.map((s) => <option key={s} value={s}>{s || 'any'}</option>)}
        </select>
      </label>
      <QueryState query={loans}>
        {(data) => (
          <div className="table-wrap">
            <table>
              <caption className="sr-only">Loans, newest first</caption>
              <thead><tr><th scope="col">Loan</th><th scope="col">Status</th><th scope="col">Product</th><th scope="col">Outstanding</th><th scope="col">Bucket</th><th scope="col">Created</th></tr></thead>
              <tbody>
                {data.items.map((l) => (
                  <tr key={l.loanId}>
                    <td><a href={href(`/loans/${l.loanId}`)}>{l.loanId.slice(0, 8)}</a></td>
                    <td>{l.status}</td><td>{l.product}</td><td>{money(l.outstandingPrincipal, l.currency)}</td><td>{l.bucket ?? '—'}</td><td>{when(l.createdAt)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </QueryState>
    </>
  );
}

export function LoanView({ loanId, person }: { loanId: string; person: Person }) {
  const loan = useQuery({ queryKey: ['loan', loanId], queryFn: () => ok(api.GET('/v1/loans/{loanId}', { params: { path: { loanId } } })) });
  const audit = useAuditEntries({ loanId }, person);
  return (
    <QueryState query={loan}>
      {(l) => {
        const entries: TimelineEntry[] = [
          // Each at its own moment (an event's occurredAt, a payment's receivedOn, a date), read by the
          // generated types: the fields the API answers, so a renamed one is a type error here.
          ...l.events.map((e) => ({ at: e.occurredAt, kind: e.type, detail: summary(e.data) })),
          ...l.payments.map((p) => ({ at: p.receivedOn, kind: 'payment', detail: `${money(p.amount, p.currency)} · ${p.externalId} · ${p.source}` })),
          ...audit.entries,
        ];
        const decision = l.decision as { outcome?: string; score?: number; grade?: string; reasons?: unknown[] } | null | undefined;
        return (
          <>
            <h1>Loan {l.loanId.slice(0, 8)}</h1>
            <dl className="facts">
              <dt>Status</dt><dd>{l.status}</dd>
              <dt>Product</dt><dd>{l.product}</dd>
              <dt>Outstanding</dt><dd>{money(l.outstandingBalance ?? l.outstandingPrincipal, l.currency)}</dd>
              <dt>Days past due</dt><dd>{l.daysPastDue ?? 0} ({l.bucket ?? 'current'})</dd>
              <dt>Decision</dt><dd>{decision ? `${decision.outcome ?? ''} · score ${decision.score ?? '—'} · grade ${decision.grade ?? '—'}` : '—'}</dd>
            </dl>
            {decision?.reasons?.length ? <p>Reasons: {decision.reasons.map((r) => (typeof r === 'string' ? r : summary(r))).join('; ')}</p> : null}
            <CallAssist target={{ loanId: l.loanId }} />
            <LoanActions loanId={l.loanId} status={l.status} currency={l.currency} person={person} />
            <h2>Timeline</h2>
            {audit.controls}
            <Timeline entries={entries} label="The loan's events and payments" />
          </>
        );
      }}
    </QueryState>
  );
}
