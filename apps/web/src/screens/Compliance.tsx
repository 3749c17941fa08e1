// Compliance: search the audit trail, verify its hash chain, export the compliance report (CSV or
// PDF; fetched with the person's token, then saved), and look through opt-outs and disputes.
import { useState } from 'react';
import { useMutation, useQuery } from '@tanstack/react-query';
import { api, ApiProblem, ok } from '../api/client.ts';
import { mayCall } from '../auth/access.ts';
import type { Person } from '../auth/session.ts';
import { DataTable } from '../ui/Chart.tsx';
import { download } from '../ui/csv.ts';
import { ProblemMessage, QueryState } from '../ui/QueryState.tsx';
import { AssistantChat } from './AssistantChat.tsx';
import { DisputesList, OptOutsList } from './OptOutsAndDisputes.tsx';

export function Compliance({ person }: { person: Person }) {
  const [actor, setActor] = useState('');
  const [loanId, setLoanId] = useState('');
  const [filter, setFilter] = useState<{ actor?: string; loanId?: string }>({});
  const audit = useQuery({ queryKey: ['audit', filter], queryFn: () => ok(api.GET('/v1/audit', { params: { query: { limit: 50, ...filter } } })) });
  const verify = useMutation({ mutationFn: () => ok(api.GET('/v1/audit/verify', {})) });
  const [from, setFrom] = useState(() => new Date(Date.now() - 30 * 86_400_000).toISOString().slice(0, 10));
  const [to, setTo] = useState(() => new Date().toISOString().slice(0, 10));
  const report = useMutation({
    mutationFn: async (format: 'csv' | 'pdf') => {
      const { data, error, response } = await api.GET('/v1/compliance/report', { params: { query: { from, to, format } }, parseAs: 'blob' });
      if (!response.ok || !data) throw new ApiProblem(response.status, (error ?? {}));
      download(`compliance-report-${from}-${to}.${format}`, data as unknown as string, format === 'pdf' ? 'application/pdf' : 'text/csv');
      return format;
    },
  });
  return (
    <>
      <h1>Compliance</h1>
      {mayCall(person.roles, 'POST /v1/assistant/ask/stream') && <AssistantChat />}
      <section aria-labelledby="audit-h">
        <h2 id="audit-h">Audit trail</h2>
        <form
          className="row"
          onSubmit={(e) => {
            e.preventDefault();
            setFilter({ ...(actor.trim() ? { actor: actor.trim() } : {}), ...(loanId.trim() ? { loanId: loanId.trim() } : {}) });
          }}
        >
          <label>Actor <input value={actor} onChange={(e) => setActor(e.target.value)} /></label>
          <label>Loan ID <input value={loanId} onChange={(e) => setLoanId(e.target.value)} /></label>
          <button type="submit">Search</button>
          <button type="button" onClick={() => verify.mutate()} disabled={verify.isPending}>Verify the chain</button>
        </form>
        {verify.data && (
          <p role="status" className={verify.data.ok ? 'good' : 'error'}>
            {verify.data.ok ? `The chain holds: ${verify.data.checked} rows checked in ${verify.data.durationMs} ms.` : `The chain is broken at row ${JSON.stringify(verify.data.firstBroken)}.`}
          </p>
        )}
        <ProblemMessage error={verify.error} />
        <QueryState query={audit}>
          {(data) => (
            <DataTable
              caption="Audit records, newest first"
              table={{
                columns: ['#', 'at', 'actor', 'kind', 'action', 'status'],
                rows: (data.items as { seq: number; at: string; actorId: string; kind: string; action: string; status?: number }[]).map((r) => [r.seq, r.at, r.actorId, r.kind, r.action, r.status ?? null]),
              }}
            />
          )}
        </QueryState>
      </section>
      {mayCall(person.roles, 'GET /v1/compliance/report') && (
        <section aria-labelledby="report-h">
          <h2 id="report-h">Compliance report</h2>
          <div className="row">
            <label>From <input type="date" value={from} onChange={(e) => setFrom(e.target.value)} /></label>
            <label>To <input type="date" value={to} onChange={(e) => setTo(e.target.value)} /></label>
            <button type="button" onClick={() => report.mutate('csv')}>Export CSV</button>
            <button type="button" onClick={() => report.mutate('pdf')}>Export PDF</button>
          </div>
          {report.isSuccess && <p role="status">Report saved ({report.data.toUpperCase()}).</p>}
          <ProblemMessage error={report.error} />
        </section>
      )}
      {mayCall(person.roles, 'GET /v1/compliance/opt-outs') && <OptOutsList />}
      {mayCall(person.roles, 'GET /v1/compliance/disputes') && <DisputesList />}
    </>
  );
}
