// Champion/challenger recovery policies: every experiment, and one's outcomes per arm with the
// difference and how confident we may be in it (95% intervals, the z-test's p), from
// GET /v1/policies/recovery/experiments/{id}. Starting and stopping one are shown to those who
// may write policies, promoting to those who may activate (a second person approves it).
import { useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, ok } from '../api/client.ts';
import { mayCall } from '../auth/access.ts';
import type { Person } from '../auth/session.ts';
import { href } from '../router.ts';
import { Chart } from '../ui/Chart.tsx';
import type { Table } from '../ui/csv.ts';
import { when } from '../ui/format.ts';
import { ProblemMessage, QueryState } from '../ui/QueryState.tsx';
import { StartExperiment } from './StartExperiment.tsx';

interface Proportion {
  of: number;
  count: number;
  rateBps: number | null;
  ci95Bps: [number, number] | null;
}
interface Difference {
  differenceBps: number;
  z: number;
  p: number;
}
interface Arm {
  episodes: number;
  cureWithin: Record<string, Proportion>;
  recovery: { currency: string; rateBps: number | null; ci95Bps: [number, number] | null }[];
  rollForward: Proportion;
  promises: { keptRate: Proportion };
  optOuts: Proportion;
}
export interface ExperimentReport {
  id: string;
  status: string;
  challengerVersion: number;
  championVersionAtStart: number | null;
  shareBps: number;
  startedAt: string;
  arms: { champion: Arm; challenger: Arm };
  comparison: { cureWithin: Record<string, Difference | null>; recoveryRate: ({ currency: string } & Difference)[]; rollForward: Difference | null };
}

const pct = (v: number | null | undefined) => (v === null || v === undefined ? null : v / 100);
const ci = (p: { ci95Bps: [number, number] | null }) => (p.ci95Bps ? `${p.ci95Bps[0] / 100}–${p.ci95Bps[1] / 100}` : null);
/** Confidence that the arms differ: 1 - p of the two-sided test, in percent. */
const confidence = (d: Difference | null | undefined) => (d ? Math.round((1 - d.p) * 10_000) / 100 : null);

export function experimentTable(r: ExperimentReport): Table {
  const { champion, challenger } = r.arms;
  const rows: Table['rows'] = Object.keys(champion.cureWithin).map((w) => {
    const a = champion.cureWithin[w]!;
    const b = challenger.cureWithin[w]!;
    const d = r.comparison.cureWithin[w];
    return [`cure within ${w.slice(1)} days`, pct(a.rateBps), pct(b.rateBps), d ? d.differenceBps / 100 : null, confidence(d), ci(a), ci(b)];
  });
  for (const c of r.comparison.recoveryRate) {
    const a = champion.recovery.find((x) => x.currency === c.currency);
    const b = challenger.recovery.find((x) => x.currency === c.currency);
    rows.push([`recovery rate ${c.currency}`, pct(a?.rateBps), pct(b?.rateBps), c.differenceBps / 100, confidence(c), a ? ci(a) : null, b ? ci(b) : null]);
  }
  rows.push(['roll forward', pct(champion.rollForward.rateBps), pct(challenger.rollForward.rateBps), r.comparison.rollForward ? r.comparison.rollForward.differenceBps / 100 : null, confidence(r.comparison.rollForward), ci(champion.rollForward), ci(challenger.rollForward)]);
  rows.push(['promises kept', pct(champion.promises.keptRate.rateBps), pct(challenger.promises.keptRate.rateBps), null, null, ci(champion.promises.keptRate), ci(challenger.promises.keptRate)]);
  return { columns: ['outcome', 'champion (%)', 'challenger (%)', 'difference (points)', 'confidence in the difference (%)', 'champion 95% CI', 'challenger 95% CI'], rows };
}

function Report({ id, person }: { id: string; person: Person }) {
  const client = useQueryClient();
  const refresh = () => client.invalidateQueries({ queryKey: ['experiment'] }).then(() => client.invalidateQueries({ queryKey: ['experiments'] }));
  const report = useQuery({ queryKey: ['experiment', id], queryFn: async () => (await ok(api.GET('/v1/policies/recovery/experiments/{id}', { params: { path: { id } } }))) as unknown as ExperimentReport });
  // Promotion activates the challenger, so it is maker-checker: 202 with the approval waiting for a
  // second person, or 200 when it was promoted before. The caller is the proposer (no `by`).
  const promote = useMutation({
    mutationFn: () => ok(api.POST('/v1/policies/recovery/experiments/{id}/promote', { params: { path: { id } }, body: {} })),
    onSuccess: refresh,
  });
  const stop = useMutation({
    mutationFn: () => ok(api.POST('/v1/policies/recovery/experiments/{id}/stop', { params: { path: { id } }, body: { by: person.username } })),
    onSuccess: refresh,
  });
  const pending = promote.data && 'status' in promote.data && promote.data.status === 'pending' ? (promote.data as { id: string }) : null;
  return (
    <QueryState query={report}>
      {(r) => (
        <section aria-labelledby="experiment-h">
          <h2 id="experiment-h">
            Challenger v{r.challengerVersion} against champion v{r.championVersionAtStart ?? '—'} ({r.shareBps / 100}% of episodes), {r.status}
          </h2>
          <p className="muted">
            Episodes: champion {r.arms.champion.episodes}, challenger {r.arms.challenger.episodes}. Confidence is 1 − p of the two-sided z-test.
          </p>
          <Chart title="Outcomes by arm" kind="bar" table={experimentTable(r)} file={`experiment-${r.id}`} />
          {r.status === 'running' && (
            <div className="row">
              {mayCall(person.roles, 'POST /v1/policies/recovery/experiments/{id}/promote') && (
                <button type="button" onClick={() => promote.mutate()} disabled={promote.isPending || pending !== null}>
                  Promote v{r.challengerVersion}
                </button>
              )}
              {mayCall(person.roles, 'POST /v1/policies/recovery/experiments/{id}/stop') && (
                <button type="button" onClick={() => stop.mutate()} disabled={stop.isPending}>
                  Stop the experiment
                </button>
              )}
            </div>
          )}
          {promote.isSuccess && (
            <p role="status">
              {pending ? <>Promoting v{r.challengerVersion} waits for a second person: <a href={href('/approvals')}>approval {pending.id}</a>.</> : `v${r.challengerVersion} was promoted before.`}
            </p>
          )}
          {stop.isSuccess && <p role="status">Stopped: new episodes follow the active version only; those on the challenger keep it to their end.</p>}
          <ProblemMessage error={promote.error ?? stop.error} />
        </section>
      )}
    </QueryState>
  );
}

export function Experiments({ person }: { person: Person }) {
  const [selected, setSelected] = useState<string | null>(null);
  const list = useQuery({ queryKey: ['experiments'], queryFn: () => ok(api.GET('/v1/policies/recovery/experiments', {})) });
  return (
    <>
      <h1>Experiments</h1>
      {mayCall(person.roles, 'POST /v1/policies/recovery/experiments') && (
        <details>
          <summary>Start an experiment</summary>
          <StartExperiment person={person} onStarted={setSelected} />
        </details>
      )}
      <div className="split">
        <nav aria-label="Experiments">
          <QueryState query={list}>
            {({ items = [] }) =>
              items.length === 0 ? (
                <p className="muted">No experiment has been started.</p>
              ) : (
                <ul className="versions">
                  {items.map((e) => (
                    <li key={e.id}>
                      <button type="button" aria-pressed={selected === e.id} onClick={() => setSelected(e.id)}>
                        v{e.challengerVersion} vs v{e.championVersionAtStart ?? '—'} · {e.status} · {when(e.startedAt)}
                      </button>
                    </li>
                  ))}
                </ul>
              )
            }
          </QueryState>
        </nav>
        <div>{selected ? <Report id={selected} person={person} /> : <p className="muted">Choose an experiment.</p>}</div>
      </div>
    </>
  );
}
