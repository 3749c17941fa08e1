// The ops command centre: each panel from what the API has today, shown when the person may call
// its endpoint. Numbers come from PostgreSQL read models (recovery stats, the loans read model,
// model monitoring); every chart's numbers download as CSV.
import { useQueries, useQuery } from '@tanstack/react-query';
import { api, ok } from '../api/client.ts';
import { mayCall } from '../auth/access.ts';
import { Chart } from '../ui/Chart.tsx';
import type { Table } from '../ui/csv.ts';
import { QueryState } from '../ui/QueryState.tsx';
import type { DriftReport, ModelSummary, ShadowSummary } from './model-types.ts';

interface StatsRow {
  key: Record<string, unknown>;
  episodes?: number;
  running?: number;
  cured?: number;
  cureRateBps?: number | null;
  delinquentMinor?: number;
  recoveredMinor?: number;
  recoveryRateBps?: number | null;
  contacts?: number;
  blocked?: number;
  promisesKept?: number;
  promisesBroken?: number;
  rolledForward?: number;
}

const keyText = (key: Record<string, unknown>, name: string) => (typeof key[name] === 'string' || typeof key[name] === 'number' ? String(key[name]) : '—');

export function recoveryTables(byBucket: StatsRow[]): { activity: Table; money: Table } {
  const label = (r: StatsRow) => `${keyText(r.key, 'bucket')} ${keyText(r.key, 'currency')}`;
  return {
    activity: {
      columns: ['bucket', 'episodes', 'cured', 'contacts', 'blocked by rule', 'promises kept', 'promises broken', 'rolled forward'],
      rows: byBucket.map((r) => [label(r), r.episodes ?? 0, r.cured ?? 0, r.contacts ?? 0, r.blocked ?? 0, r.promisesKept ?? 0, r.promisesBroken ?? 0, r.rolledForward ?? 0]),
    },
    money: {
      columns: ['bucket', 'delinquent (minor units)', 'recovered (minor units)', 'recovery rate (bps)', 'cure rate (bps)'],
      rows: byBucket.map((r) => [label(r), r.delinquentMinor ?? 0, r.recoveredMinor ?? 0, r.recoveryRateBps ?? null, r.cureRateBps ?? null]),
    },
  };
}

function RecoveryPanel() {
  const stats = useQuery({ queryKey: ['recovery-stats'], queryFn: () => ok(api.GET('/v1/recovery/stats', {})) });
  return (
    <section aria-labelledby="recovery-h">
      <h2 id="recovery-h">Recovery</h2>
      <QueryState query={stats}>
        {(data) => {
          const { activity, money } = recoveryTables((data.byBucket ?? []) as StatsRow[]);
          return (
            <div className="grid">
              <Chart title="Episodes, contacts and promises by bucket" kind="bar" table={activity} file="recovery-activity" />
              <Chart title="Delinquent and recovered by bucket" kind="bar" table={money} file="recovery-money" />
            </div>
          );
        }}
      </QueryState>
    </section>
  );
}

/** The loans read model, a page of 100 at a time, up to 1,000 loans (see README: a by-product read model is the next API to add). */
async function loanPages() {
  const items = [];
  let cursor: string | undefined;
  for (let page = 0; page < 10; page += 1) {
    const data = await ok(api.GET('/v1/loans', { params: { query: { limit: 100, ...(cursor ? { cursor } : {}) } } }));
    items.push(...data.items);
    if (!data.nextCursor) break;
    cursor = data.nextCursor;
  }
  return items;
}

export function portfolioTables(loans: { status: string; product: string; currency: string; outstandingPrincipal: number; bucket?: string | null }[]): { byStatus: Table; outstanding: Table } {
  const count = new Map<string, number>();
  const outstanding = new Map<string, number>();
  for (const loan of loans) {
    count.set(loan.status, (count.get(loan.status) ?? 0) + 1);
    const key = `${loan.product} ${loan.currency}`;
    outstanding.set(key, (outstanding.get(key) ?? 0) + loan.outstandingPrincipal);
  }
  return {
    byStatus: { columns: ['status', 'loans'], rows: [...count].sort(([a], [b]) => a.localeCompare(b)) },
    outstanding: { columns: ['product and currency', 'outstanding principal (minor units)'], rows: [...outstanding].sort(([a], [b]) => a.localeCompare(b)) },
  };
}

function PortfolioPanel() {
  const loans = useQuery({ queryKey: ['loan-pages'], queryFn: loanPages });
  return (
    <section aria-labelledby="portfolio-h">
      <h2 id="portfolio-h">Portfolio</h2>
      <QueryState query={loans}>
        {(items) => {
          const { byStatus, outstanding } = portfolioTables(items);
          return (
            <div className="grid">
              <Chart title="Loans by status" kind="bar" table={byStatus} file="loans-by-status" />
              <Chart title="Outstanding by product and currency" kind="bar" table={outstanding} file="outstanding-by-product" />
            </div>
          );
        }}
      </QueryState>
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
  return (
    <>
      <h1>Command centre</h1>
      {mayCall(roles, 'GET /v1/loans') && <PortfolioPanel />}
      {mayCall(roles, 'GET /v1/recovery/stats') && <RecoveryPanel />}
      {mayCall(roles, 'GET /v1/models') && <ModelHealthPanel />}
    </>
  );
}
