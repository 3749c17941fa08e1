// The ops command centre: origination, the book, the delinquency picture, recovery and the
// watchlists from the API's PostgreSQL read models (GET /v1/analytics/*), filtered by product,
// region and period; model health from model monitoring. Each panel is shown when the person may
// call its endpoint, and every chart's numbers download as CSV. Those who may read recovery
// figures but not the analytics (collectors) keep the recovery stats by bucket.
import { useState, type FormEvent } from 'react';
import { useQueries, useQuery } from '@tanstack/react-query';
import { api, ok } from '../api/client.ts';
import { mayCall } from '../auth/access.ts';
import { Chart } from '../ui/Chart.tsx';
import type { Table } from '../ui/csv.ts';
import { bps } from '../ui/format.ts';
import { QueryState } from '../ui/QueryState.tsx';
import * as tables from './analytics-tables.ts';
import type { DriftReport, ModelSummary, ShadowSummary } from './model-types.ts';

export interface Filters {
  product?: string;
  region?: string;
  from?: string;
  to?: string;
}

interface StatsRow {
  key: Record<string, unknown>;
  episodes?: number;
  cured?: number;
  contacts?: number;
  blocked?: number;
  promisesKept?: number;
  promisesBroken?: number;
  delinquentMinor?: number;
  recoveredMinor?: number;
  recoveryRateBps?: number | null;
}

const keyText = (key: Record<string, unknown>, name: string) => (typeof key[name] === 'string' || typeof key[name] === 'number' ? String(key[name]) : '—');

export function recoveryStatsTable(byBucket: StatsRow[]): Table {
  return {
    columns: ['bucket', 'episodes', 'cured', 'contacts', 'blocked by rule', 'promises kept', 'promises broken'],
    rows: byBucket.map((r) => [`${keyText(r.key, 'bucket')} ${keyText(r.key, 'currency')}`, r.episodes ?? 0, r.cured ?? 0, r.contacts ?? 0, r.blocked ?? 0, r.promisesKept ?? 0, r.promisesBroken ?? 0]),
  };
}

/** The filters as the API's query: blanks left out, so the API's defaults apply. */
export function queryOf(filters: Filters): Filters {
  return Object.fromEntries(Object.entries(filters).filter(([, v]) => typeof v === 'string' && v.trim() !== '').map(([k, v]) => [k, (v as string).trim()]));
}

function FilterForm({ value, onApply }: { value: Filters; onApply: (f: Filters) => void }) {
  const [draft, setDraft] = useState<Filters>(value);
  const field = (name: keyof Filters) => ({ value: draft[name] ?? '', onChange: (e: { target: { value: string } }) => setDraft({ ...draft, [name]: e.target.value }) });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    onApply(queryOf(draft));
  };
  return (
    <form className="filters" aria-label="Filters" onSubmit={submit}>
      <label>
        Product <input name="product" placeholder="all" {...field('product')} />
      </label>
      <label>
        Region (country) <input name="region" placeholder="all" maxLength={2} {...field('region')} />
      </label>
      <label>
        From <input name="from" type="date" {...field('from')} />
      </label>
      <label>
        To <input name="to" type="date" {...field('to')} />
      </label>
      <button type="submit">Apply</button>
    </form>
  );
}

function OriginationPanel({ filters }: { filters: Filters }) {
  const q = useQuery({ queryKey: ['analytics', 'origination', filters], queryFn: () => ok(api.GET('/v1/analytics/origination', { params: { query: filters } })) });
  return (
    <section aria-labelledby="origination-h">
      <h2 id="origination-h">Applications and the book</h2>
      <QueryState query={q}>
        {(o) => (
          <>
            <p className="stat" data-stat="today">
              Today ({o.today.day}): <strong>{o.today.applications}</strong> applications, <strong>{o.today.decided}</strong> decided, approval rate{' '}
              <strong>{bps(o.today.approvalRateBps)}</strong>, median decision latency <strong>{o.today.medianLatencySeconds ?? '—'}</strong> s
            </p>
            <div className="grid">
              <Chart title="Applications per day" kind="line" table={tables.applicationsTable(o)} file="applications-per-day" />
              <Chart title="Approval rate and decision latency" kind="line" table={tables.approvalTable(o)} file="approval-latency" />
              <Chart title="Disbursed and outstanding by product and currency" kind="bar" table={tables.bookTable(o)} file="book-by-product" />
            </div>
          </>
        )}
      </QueryState>
    </section>
  );
}

function DelinquencyPanel({ filters }: { filters: Filters }) {
  const q = useQuery({ queryKey: ['analytics', 'delinquency', filters], queryFn: () => ok(api.GET('/v1/analytics/delinquency', { params: { query: filters } })) });
  return (
    <section aria-labelledby="delinquency-h">
      <h2 id="delinquency-h">Delinquency</h2>
      <QueryState query={q}>
        {(d) => (
          <div className="grid">
            <Chart title="Vintage by bucket (loans)" kind="heatmap" table={tables.vintageTable(d)} file="vintage-by-bucket" />
            <Chart title="Roll rates between buckets, month over month" kind="bar" table={tables.rollTable(d)} file="roll-rates" />
            <Chart title="Cure rate" kind="line" table={tables.cureTable(d)} file="cure-rate" />
          </div>
        )}
      </QueryState>
    </section>
  );
}

function RecoveryPanel({ filters }: { filters: Filters }) {
  const q = useQuery({ queryKey: ['analytics', 'recovery', filters], queryFn: () => ok(api.GET('/v1/analytics/recovery', { params: { query: filters } })) });
  return (
    <section aria-labelledby="recovery-h">
      <h2 id="recovery-h">Recovery</h2>
      <QueryState query={q}>
        {(r) => (
          <div className="grid">
            <Chart title="Cash recovered and recovery rate" kind="bar" table={tables.recoveryTable(r)} file="recovery-rate" />
            <Chart title="Contacts made, blocked and SLA breaches" kind="line" table={tables.contactsTable(r)} file="contacts-per-day" />
            <Chart title="Contacts blocked by rule" kind="bar" table={tables.blockedTable(r)} file="blocked-by-rule" />
          </div>
        )}
      </QueryState>
    </section>
  );
}

function WatchlistPanel({ filters }: { filters: Filters }) {
  const query = { ...(filters.product ? { product: filters.product } : {}), ...(filters.region ? { region: filters.region } : {}) };
  const q = useQuery({ queryKey: ['analytics', 'watchlist', query], queryFn: () => ok(api.GET('/v1/analytics/watchlist', { params: { query } })) });
  return (
    <section aria-labelledby="watchlist-h">
      <h2 id="watchlist-h">Watchlists</h2>
      <p className="muted">
        Early warning from the delinquency-roll model&apos;s latest score of each current loan. Expected loss = PD × LGD × exposure (what the loan owes now): PD is 1 − the propensity to pay
        (the roll probability where the loan has none); LGD is one minus the recovery rate of ended recovery episodes of the same product and currency, 100% where there are none.
      </p>
      <QueryState query={q}>
        {(w) => (
          <div className="grid">
            <Chart title="Early warning: current loans most likely to roll" kind="table" table={tables.earlyWarningTable(w)} file="early-warning" />
            <Chart title="Riskiest delinquent loans by expected loss" kind="table" table={tables.expectedLossTable(w)} file="expected-loss" />
          </div>
        )}
      </QueryState>
    </section>
  );
}

function RecoveryStatsPanel() {
  const stats = useQuery({ queryKey: ['recovery-stats'], queryFn: () => ok(api.GET('/v1/recovery/stats', {})) });
  return (
    <section aria-labelledby="recovery-stats-h">
      <h2 id="recovery-stats-h">Recovery by bucket</h2>
      <QueryState query={stats}>{(data) => <Chart title="Episodes, contacts and promises by bucket" kind="bar" table={recoveryStatsTable((data.byBucket ?? []) as StatsRow[])} file="recovery-activity" />}</QueryState>
    </section>
  );
}

function ModelHealthPanel() {
  const models = useQuery({ queryKey: ['models'], queryFn: async () => (await ok(api.GET('/v1/models', {}))) as unknown as ModelSummary[] });
  const names = (models.data ?? []).map((m) => m.name);
  const drift = useQueries({
    queries: names.map((name) => ({ queryKey: ['drift', name], queryFn: async () => (await ok(api.GET('/v1/models/{name}/drift', { params: { path: { name } } }))) as unknown as DriftReport })),
  });
  const shadow = useQueries({
    queries: names.map((name) => ({ queryKey: ['shadow', name], queryFn: async () => (await ok(api.GET('/v1/models/{name}/shadow', { params: { path: { name }, query: {} } }))) as unknown as ShadowSummary[] })),
  });
  const table: Table = {
    columns: ['model', 'live rows', 'score PSI', 'worst input PSI', 'shadow pairs', 'agreement (%)'],
    rows: names.map((name, i) => {
      const d = drift[i]?.data;
      const s = shadow[i]?.data?.[0];
      const worst = d?.features.reduce<number | null>((m, f) => (m === null || f.psi > m ? f.psi : m), null) ?? null;
      return [name, d?.rows ?? null, d?.score?.psi ?? null, worst, s?.pairs ?? 0, s?.agreement === null || s?.agreement === undefined ? null : Math.round(s.agreement * 10000) / 100];
    }),
  };
  return (
    <section aria-labelledby="models-h">
      <h2 id="models-h">Model health</h2>
      <QueryState query={models}>{() => <Chart title="Drift (PSI) and champion–challenger agreement" kind="bar" table={table} file="model-health" />}</QueryState>
    </section>
  );
}

export function CommandCentre({ roles }: { roles: readonly string[] }) {
  const [filters, setFilters] = useState<Filters>({});
  const analytics = mayCall(roles, 'GET /v1/analytics/origination');
  return (
    <>
      <h1>Command centre</h1>
      {analytics && <FilterForm value={filters} onApply={setFilters} />}
      {analytics && <OriginationPanel filters={filters} />}
      {mayCall(roles, 'GET /v1/analytics/delinquency') && <DelinquencyPanel filters={filters} />}
      {mayCall(roles, 'GET /v1/analytics/recovery') && <RecoveryPanel filters={filters} />}
      {mayCall(roles, 'GET /v1/analytics/watchlist') && <WatchlistPanel filters={filters} />}
      {!analytics && mayCall(roles, 'GET /v1/recovery/stats') && <RecoveryStatsPanel />}
      {mayCall(roles, 'GET /v1/models') && <ModelHealthPanel />}
    </>
  );
}
