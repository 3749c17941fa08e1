// One story in time order: whatever its sources (loan events, payments, recovery events), each
// entry is a moment, a kind and what it carried.
export interface TimelineEntry {
  at: string;
  kind: string;
  detail?: string;
}

/** A day without a time (a payment's receivedOn): shown as that day, not as midnight UTC in the viewer's zone. */
const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

export function Timeline({ entries, label }: { entries: TimelineEntry[]; label: string }) {
  const sorted = [...entries].sort((a, b) => a.at.localeCompare(b.at));
  return (
    <ol className="timeline" aria-label={label}>
      {sorted.map((e, i) => (
        <li key={i} data-kind={e.kind}>
          <time dateTime={e.at}>{DATE_ONLY.test(e.at) ? new Date(`${e.at}T00:00:00Z`).toLocaleDateString('en-GB', { dateStyle: 'medium', timeZone: 'UTC' }) : new Date(e.at).toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'short' })}</time>
          <strong>{e.kind.replace(/_/g, ' ')}</strong>
          {e.detail && <span className="muted"> {e.detail}</span>}
        </li>
      ))}
    </ol>
  );
}

/** A compact reading of an event's data: its scalar fields, as key=value. */
export function summary(data: unknown): string {
  if (!data || typeof data !== 'object') return '';
  return Object.entries(data as Record<string, unknown>)
    .filter(([, v]) => v !== null && typeof v !== 'object')
    .slice(0, 6)
    .map(([k, v]) => `${k}=${String(v)}`)
    .join(' · ');
}
