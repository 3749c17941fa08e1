// Recovery cases: the list, and one case's story (its recovery timeline and the hand-off's
// events: contacts with their gate decisions, replies, promises, hand-offs, outcomes), with the
// actions the viewer's role may take: propose an arrangement, escalate (place with an agency).
import { useQuery } from '@tanstack/react-query';
import { api, ApiProblem, ok } from '../api/client.ts';
import { mayCall } from '../auth/access.ts';
import type { Person } from '../auth/session.ts';
import { href } from '../router.ts';
import { money, when } from '../ui/format.ts';
import { QueryState } from '../ui/QueryState.tsx';
import { summary, Timeline, type TimelineEntry } from '../ui/Timeline.tsx';
import { useAuditEntries } from './AuditEntries.tsx';
import { CallAssist } from './CallAssist.tsx';
import { ArrangementForm } from './ArrangementForm.tsx';
import { EscalateCase } from './EscalateCase.tsx';

export function CaseList() {
  const cases = useQuery({ queryKey: ['cases'], queryFn: () => ok(api.GET('/v1/recovery/cases', { params: { query: { limit: 50 } } })) });
  return (
    <>
      <h1>Recovery cases</h1>
      <QueryState query={cases}>
        {(data) => (
          <div className="table-wrap">
            <table>
              <caption className="sr-only">Recovery cases</caption>
              <thead><tr><th scope="col">Case</th><th scope="col">Stage</th><th scope="col">Bucket</th><th scope="col">Outstanding</th><th scope="col">Recovered</th><th scope="col">Started</th></tr></thead>
              <tbody>
                {(data.items as { workflowId: string; stage: string; bucket: string; currency: string; outstandingMinor: number; recoveredMinor: number; startedAt: string }[]).map((c) => (
                  <tr key={c.workflowId}>
                    <td><a href={href(`/cases/${c.workflowId}`)}>{c.workflowId}</a></td>
                    <td>{c.stage}</td><td>{c.bucket}</td><td>{money(c.outstandingMinor, c.currency)}</td><td>{money(c.recoveredMinor, c.currency)}</td><td>{when(c.startedAt)}</td>
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

interface CaseEvent {
  at: string;
  kind?: string;
  type?: string;
  data?: unknown;
}

export function CaseView({ caseId, person }: { caseId: string; person: Person }) {
  const found = useQuery({ queryKey: ['case', caseId], queryFn: () => ok(api.GET('/v1/recovery/cases/{caseId}', { params: { path: { caseId } } })), retry: false });
  const audit = useAuditEntries({ caseId }, person);
  // The API answers 404 alike for a case that does not exist and one outside the caller's scope
  // (another collector's or agency's): the screen says the same, and nothing of the case.
  if (found.error instanceof ApiProblem && found.error.status === 404) return <p role="alert">Case not found: there is no such case, or it is not yours to see.</p>;
  return (
    <QueryState query={found}>
      {(c) => {
        const entries: TimelineEntry[] = [
          ...((c.timeline ?? []) as unknown as CaseEvent[]).map((e) => ({ at: e.at, kind: e.kind ?? 'event', detail: summary(e.data) })),
          ...((c.caseEvents ?? []) as unknown as CaseEvent[]).map((e) => ({ at: e.at, kind: e.kind ?? e.type ?? 'case_event', detail: summary(e.data ?? e) })),
          ...audit.entries,
        ];
        return (
          <>
            <h1>Case {c.workflowId}</h1>
            <dl className="facts">
              <dt>Loan</dt><dd><a href={href(`/loans/${c.loanId}`)}>{c.loanId?.slice(0, 8)}</a></dd>
              <dt>Stage</dt><dd>{c.stage}</dd>
              <dt>Bucket</dt><dd>{c.bucket} ({c.dpd} days past due)</dd>
              <dt>Outstanding</dt><dd>{money(c.outstandingMinor, c.currency ?? 'INR')}</dd>
              <dt>Recovered</dt><dd>{money(c.recoveredMinor, c.currency ?? 'INR')}</dd>
              <dt>Policy</dt><dd>v{c.policyVersion ?? '—'} rule {c.ruleId ?? '—'}</dd>
            </dl>
            <CallAssist target={{ caseId }} />
            {c.loanId && mayCall(person.roles, 'POST /v1/loans/{loanId}/arrangements') && (
              <details>
                <summary>Propose a plan, restructure or settlement</summary>
                <ArrangementForm loanId={c.loanId} />
              </details>
            )}
            {c.workflowId && mayCall(person.roles, 'POST /v1/agencies/{agencyId}/placements') && mayCall(person.roles, 'GET /v1/recovery/assignees') && (
              <details>
                <summary>Escalate: place with an agency</summary>
                <EscalateCase workflowId={c.workflowId} />
              </details>
            )}
            <h2>Timeline</h2>
            {audit.controls}
            <Timeline entries={entries} label="The case's events" />
          </>
        );
      }}
    </QueryState>
  );
}
