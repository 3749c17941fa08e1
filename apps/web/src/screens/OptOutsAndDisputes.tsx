// The opt-outs and disputes lists on the Compliance screen (GET /v1/compliance/opt-outs and
// /disputes): filters by period, channel and a dispute's status, a page at a time with the API's
// cursor, each page shown as a table with the CSV download every list has. Only what the API
// answers: the loan, the channel, when, how it came and who recorded it; never the borrower's words.
import { useState, type FormEvent } from 'react';
import { useQuery } from '@tanstack/react-query';
import { api, ok } from '../api/client.ts';
import type { operations } from '../api/schema.generated.ts';
import { Chart } from '../ui/Chart.tsx';
import type { Table } from '../ui/csv.ts';
import { QueryState } from '../ui/QueryState.tsx';

type Ok<K extends keyof operations> = operations[K] extends { responses: { 200: { content: { 'application/json': infer T } } } } ? T : never;
export type OptOutList = Ok<'ComplianceListsController_optOuts'>;
export type DisputeList = Ok<'ComplianceListsController_disputes'>;
type OptOutQuery = NonNullable<operations['ComplianceListsController_optOuts']['parameters']['query']>;
type DisputeQuery = NonNullable<operations['ComplianceListsController_disputes']['parameters']['query']>;

const CHANNELS = ['sms', 'whatsapp', 'email', 'voice', 'letter'] as const;
const PAGE = 50;

export function optOutTable(list: OptOutList): Table {
  return {
    columns: ['loan', 'channel', 'at', 'source', 'recorded by'],
    rows: list.items.map((o) => [o.loanId, o.channel ?? 'all contact', o.at, o.source, o.actor]),
  };
}

export function disputeTable(list: DisputeList): Table {
  return {
    columns: ['loan', 'opened at', 'channel', 'source', 'recorded by', 'status', 'verified at', 'verified by'],
    rows: list.items.map((d) => [d.loanId, d.openedAt, d.channel, d.source, d.openedBy, d.status, d.verifiedAt, d.verifiedBy]),
  };
}

/** The filled-in filters only: an empty field asks for everything. */
function filled<T extends Record<string, string>>(draft: T): Partial<T> {
  return Object.fromEntries(Object.entries(draft).filter(([, v]) => v !== '')) as Partial<T>;
}

interface Draft {
  from: string;
  to: string;
  channel: string;
  status: string;
}

function Filters({ id, withStatus, channels, onApply }: { id: string; withStatus: boolean; channels: readonly string[]; onApply: (f: Partial<Draft>) => void }) {
  const [draft, setDraft] = useState<Draft>({ from: '', to: '', channel: '', status: '' });
  const field = (name: keyof Draft) => ({ id: `${id}-${name}`, value: draft[name], onChange: (e: { target: { value: string } }) => setDraft({ ...draft, [name]: e.target.value }) });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    onApply(filled({ ...draft }));
  };
  return (
    <form className="row" aria-label={`Filter ${id}`} onSubmit={submit}>
      <label>
        From <input type="date" {...field('from')} />
      </label>
      <label>
        To (not included) <input type="date" {...field('to')} />
      </label>
      <label>
        Channel{' '}
        <select {...field('channel')}>
          <option value="">any</option>
          {channels.map((c) => (
            <option key={c} value={c}>
              {c}
            </option>
          ))}
        </select>
      </label>
      {withStatus && (
        <label>
          Status{' '}
          <select {...field('status')}>
            <option value="">any</option>
            <option value="open">open</option>
            <option value="verified">verified</option>
          </select>
        </label>
      )}
      <button type="submit">Apply</button>
    </form>
  );
}

/** Next page by the API's cursor; back to the first (a keyset list has no page numbers). */
function Pager({ label, next, atStart, onNext, onFirst }: { label: string; next: string | null; atStart: boolean; onNext: (cursor: string) => void; onFirst: () => void }) {
  return (
    <div className="row" role="group" aria-label={`${label} pages`}>
      <button type="button" onClick={onFirst} disabled={atStart}>
        First page
      </button>
      <button type="button" onClick={() => next && onNext(next)} disabled={!next}>
        Next page
      </button>
    </div>
  );
}

export function OptOutsList() {
  const [filter, setFilter] = useState<OptOutQuery>({});
  const [cursor, setCursor] = useState<string | undefined>(undefined);
  const q = useQuery({
    queryKey: ['compliance', 'opt-outs', filter, cursor],
    queryFn: () => ok(api.GET('/v1/compliance/opt-outs', { params: { query: { ...filter, limit: PAGE, ...(cursor ? { cursor } : {}) } } })),
  });
  return (
    <section aria-labelledby="opt-outs-h">
      <h2 id="opt-outs-h">Opt-outs</h2>
      <Filters
        id="opt-outs"
        withStatus={false}
        channels={CHANNELS}
        onApply={(f) => {
          setFilter(f as OptOutQuery);
          setCursor(undefined);
        }}
      />
      <QueryState query={q}>
        {(list) => (
          <>
            <Chart title="Opt-outs, newest first" kind="table" table={optOutTable(list)} file="opt-outs" />
            <Pager label="Opt-outs" next={list.nextCursor} atStart={cursor === undefined} onNext={setCursor} onFirst={() => setCursor(undefined)} />
          </>
        )}
      </QueryState>
    </section>
  );
}

export function DisputesList() {
  const [filter, setFilter] = useState<DisputeQuery>({});
  const [cursor, setCursor] = useState<string | undefined>(undefined);
  const q = useQuery({
    queryKey: ['compliance', 'disputes', filter, cursor],
    queryFn: () => ok(api.GET('/v1/compliance/disputes', { params: { query: { ...filter, limit: PAGE, ...(cursor ? { cursor } : {}) } } })),
  });
  return (
    <section aria-labelledby="disputes-h">
      <h2 id="disputes-h">Disputes</h2>
      <Filters
        id="disputes"
        withStatus
        channels={[...CHANNELS, 'web']}
        onApply={(f) => {
          setFilter(f as DisputeQuery);
          setCursor(undefined);
        }}
      />
      <QueryState query={q}>
        {(list) => (
          <>
            <Chart title="Disputes, newest first" kind="table" table={disputeTable(list)} file="disputes" />
            <Pager label="Disputes" next={list.nextCursor} atStart={cursor === undefined} onNext={setCursor} onFirst={() => setCursor(undefined)} />
          </>
        )}
      </QueryState>
    </section>
  );
}
