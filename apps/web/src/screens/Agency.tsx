// The agency portal (English or Hindi): the cases placed with my agency (the desk's queue, which
// the API scopes to the caller's agency), the placements with accept or reject (with a reason),
// and my performance over time as chart, table and CSV. The API answers an agency user with its
// own agency only, so nothing here filters by agency.
import { useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, ok } from '../api/client.ts';
import { mayCall } from '../auth/access.ts';
import type { Person } from '../auth/session.ts';
import { useLanguage, type StringKey } from '../i18n/strings.ts';
import { Chart } from '../ui/Chart.tsx';
import type { Table } from '../ui/csv.ts';
import { money, when } from '../ui/format.ts';
import { ProblemMessage, QueryState } from '../ui/QueryState.tsx';
import { LanguagePicker, Queue } from './Desk.tsx';

type Placement = Awaited<ReturnType<typeof listPlacements>>['items'][number];
const listPlacements = () => ok(api.GET('/v1/agencies/placements', { params: { query: { limit: 50 } } }));

export type Performance = Awaited<ReturnType<typeof getPerformance>>;
type By = 'day' | 'week' | 'month';
const getPerformance = (by: By, from: string, to: string) => ok(api.GET('/v1/agencies/performance', { params: { query: { by, from, to } } }));
const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

/** One row per agency and period: its counts and, per currency, collected over placed balance. */
export function performanceTable(p: Performance): Table {
  return {
    columns: ['period', 'cases held', 'placed', 'contacts', 'promises', 'SLA breaches', 'collected', 'recovery rate %'],
    rows: p.agencies.flatMap((a) =>
      a.periods.map((period) => [
        `${p.agencies.length > 1 ? `${a.agencyId} ` : ''}${period.start.slice(0, 10)}`,
        period.held,
        period.placed,
        period.contacts,
        period.promises,
        period.slaBreaches,
        period.money.map((m) => `${m.collectedMinor} ${m.currency}`).join('; ') || '0',
        period.money.length === 1 && period.money[0]?.recoveryRate != null ? Math.round(period.money[0].recoveryRate * 10_000) / 100 : null,
      ]),
    ),
  };
}

/** The chart draws the counts (numbers only); the table and CSV carry everything. */
export function performanceChartTable(p: Performance): Table {
  const full = performanceTable(p);
  return { columns: full.columns.slice(0, 6), rows: full.rows.map((r) => r.slice(0, 6)) };
}

function PlacementRow({ placement, person }: { placement: Placement; person: Person }) {
  const [, t] = useLanguage();
  const client = useQueryClient();
  const [reason, setReason] = useState('');
  const refresh = () => void client.invalidateQueries({ queryKey: ['placements'] }).then(() => client.invalidateQueries({ queryKey: ['work-items'] }));
  const accept = useMutation({ mutationFn: () => ok(api.POST('/v1/agencies/placements/{placementId}/accept', { params: { path: { placementId: placement.placementId } }, body: {} })), onSuccess: refresh });
  const reject = useMutation({ mutationFn: () => ok(api.POST('/v1/agencies/placements/{placementId}/reject', { params: { path: { placementId: placement.placementId } }, body: { reason: reason.trim() } })), onSuccess: refresh });
  const waiting = placement.cases.some((c) => c.status === 'placed');
  const id = `plc-${placement.placementId}`;
  return (
    <li className="card" data-placement={placement.placementId}>
      <div className="row">
        <strong>{placement.placementId.slice(0, 12)}</strong>
        <span>{t('placedAt')}: {when(placement.placedAt)}</span>
        <span>{t('cases')}: {placement.cases.length}</span>
      </div>
      <div className="table-wrap">
        <table>
          <caption className="sr-only">{t('cases')}</caption>
          <thead><tr><th scope="col">{t('loan')}</th><th scope="col">{t('bucket')}</th><th scope="col">{t('balance')}</th><th scope="col">{t('status')}</th></tr></thead>
          <tbody>
            {placement.cases.map((c) => (
              <tr key={c.caseId}><td>{c.loanId.slice(0, 8)}</td><td>{c.bucket} ({c.dpd})</td><td>{money(c.balanceMinor, c.currency)}</td><td>{t(c.status as StringKey)}</td></tr>
            ))}
          </tbody>
        </table>
      </div>
      {waiting && (
        <div className="row">
          {mayCall(person.roles, 'POST /v1/agencies/placements/{placementId}/accept') && <button type="button" onClick={() => accept.mutate()} disabled={accept.isPending}>{t('accept')}</button>}
          {mayCall(person.roles, 'POST /v1/agencies/placements/{placementId}/reject') && (
            <>
              <label htmlFor={`${id}-r`}>{t('rejectReason')}</label>
              <input id={`${id}-r`} value={reason} onChange={(e) => setReason(e.target.value)} />
              <button type="button" onClick={() => reject.mutate()} disabled={reject.isPending || !reason.trim()}>{t('reject')}</button>
            </>
          )}
        </div>
      )}
      {(accept.isSuccess || reject.isSuccess) && <p role="status">{t('saved')}</p>}
      <ProblemMessage error={accept.error ?? reject.error} />
    </li>
  );
}

function PerformancePanel() {
  const [, t] = useLanguage();
  const [by, setBy] = useState<By>('week');
  const [from, setFrom] = useState(day(-90));
  const [to, setTo] = useState(day(0));
  const perf = useQuery({ queryKey: ['agency-performance', by, from, to], queryFn: () => getPerformance(by, from, to) });
  return (
    <section aria-labelledby="perf-h">
      <h2 id="perf-h">{t('performance')}</h2>
      <label>
        {t('period')}{' '}
        <select value={by} onChange={(e) => setBy(e.target.value as By)}>
          {(['day', 'week', 'month'] as const).map((b) => <option key={b} value={b}>{t(b)}</option>)}
        </select>
      </label>{' '}
      <label>
        {t('from')} <input type="date" value={from} onChange={(e) => setFrom(e.target.value)} />
      </label>{' '}
      <label>
        {t('to')} <input type="date" value={to} onChange={(e) => setTo(e.target.value)} />
      </label>
      <QueryState query={perf}>
        {(p) => (
          <>
            <Chart title={t('performance')} kind="bar" table={performanceChartTable(p)} file="agency-performance" />
            <Chart title={`${t('performance')}: ${t('balance')}`} kind="table" table={performanceTable(p)} file="agency-performance-full" />
          </>
        )}
      </QueryState>
    </section>
  );
}

export function Agency({ person }: { person: Person }) {
  const [language, t] = useLanguage();
  const placements = useQuery({ queryKey: ['placements'], queryFn: listPlacements });
  return (
    <div lang={language}>
      <div className="row spread">
        <h1>{t('agencyTitle')}</h1>
        <LanguagePicker />
      </div>
      <section aria-labelledby="agency-cases-h">
        <h2 id="agency-cases-h">{t('agencyCases')}</h2>
        <Queue person={person} />
      </section>
      <section aria-labelledby="placements-h">
        <h2 id="placements-h">{t('placements')}</h2>
        <QueryState query={placements}>
          {(data) => (data.items.length === 0 ? <p>{t('placementsEmpty')}</p> : <ul className="cards">{data.items.map((p) => <PlacementRow key={p.placementId} placement={p} person={person} />)}</ul>)}
        </QueryState>
      </section>
      <PerformancePanel />
    </div>
  );
}
