// The audit trail's part of one story: every act on a loan or a case (who, with which roles, what,
// and how it ended), fetched from the audit search for whoever may read the trail (audit:read:
// compliance and admins) and merged into the timeline. For anyone else nothing is asked: the API
// would refuse them, and the timeline is the loan's and case's own events without it.
import { useState, type ReactNode } from 'react';
import { useQuery } from '@tanstack/react-query';
import { api, ok } from '../api/client.ts';
import { mayCall } from '../auth/access.ts';
import type { Person } from '../auth/session.ts';
import { ProblemMessage } from '../ui/QueryState.tsx';
import type { TimelineEntry } from '../ui/Timeline.tsx';

/** The most the search answers in one page (apps/api/http/page-query.ts MAX_PAGE_SIZE). */
const PAGE = 100;

export type AuditSubject = { loanId: string } | { caseId: string };

interface AuditRow {
  at: string;
  actorId: string;
  actorRoles: string[];
  kind: 'command' | 'read';
  action: string;
  status: number;
  outcome: string;
}

export function auditEntry(r: AuditRow): TimelineEntry {
  const who = r.actorRoles.length ? `${r.actorId} (${r.actorRoles.join(', ')})` : r.actorId;
  return { at: r.at, kind: `audit ${r.kind}`, detail: `${who} · ${r.action} · ${r.status} ${r.outcome}` };
}

/**
 * The subject's audit entries for the timeline, commands only unless reads are asked for (every
 * opening of the page is a read, and they would crowd out the acts), and the controls that say so.
 */
export function useAuditEntries(subject: AuditSubject, person: Person): { entries: TimelineEntry[]; controls: ReactNode } {
  const allowed = mayCall(person.roles, 'GET /v1/audit');
  const [reads, setReads] = useState(false);
  const key = 'loanId' in subject ? ['loan', subject.loanId, 'audit', reads] : ['case', subject.caseId, 'audit', reads];
  const audit = useQuery({
    queryKey: key,
    enabled: allowed,
    queryFn: () => ok(api.GET('/v1/audit', { params: { query: { ...subject, limit: PAGE, ...(reads ? {} : { kind: 'command' as const }) } } })),
  });
  if (!allowed) return { entries: [], controls: null };
  const entries = (audit.data?.items ?? []).map(auditEntry);
  const controls = (
    <div className="row" aria-label="Audit entries in the timeline" role="group">
      <label className="check">
        <input type="checkbox" checked={reads} onChange={(e) => setReads(e.target.checked)} />
        <span>Show reads of the record in the audit entries</span>
      </label>
      {audit.isPending && <span aria-live="polite">Loading the audit entries…</span>}
      {audit.data?.nextCursor && <span className="muted">The latest {PAGE} audit entries are shown; the audit search has the rest.</span>}
      <ProblemMessage error={audit.error} />
    </div>
  );
  return { entries, controls };
}
