// Model cards: what each deployed model is, its validation metrics and fairness figures, its
// live drift (PSI per input) and champion–challenger agreement.
import { useQuery } from '@tanstack/react-query';
import { api, ok } from '../api/client.ts';
import { DataTable } from '../ui/Chart.tsx';
import { when } from '../ui/format.ts';
import { QueryState } from '../ui/QueryState.tsx';
import type { DriftReport, ModelSummary, ShadowSummary } from './model-types.ts';

const scalar = (v: unknown) => (typeof v === 'number' ? Math.round(v * 10000) / 10000 : typeof v === 'string' || typeof v === 'boolean' ? String(v) : null);

function ModelCard({ model }: { model: ModelSummary }) {
  const drift = useQuery({ queryKey: ['drift', model.name], queryFn: async () => (await ok(api.GET('/v1/models/{name}/drift', { params: { path: { name: model.name } } }))) as unknown as DriftReport });
  const shadow = useQuery({ queryKey: ['shadow', model.name], queryFn: async () => (await ok(api.GET('/v1/models/{name}/shadow', { params: { path: { name: model.name }, query: {} } }))) as unknown as ShadowSummary[] });
  const metrics = Object.entries(model.metrics).filter(([, v]) => scalar(v) !== null);
  return (
    <article className="card" aria-labelledby={`m-${model.name}`}>
      <h2 id={`m-${model.name}`}>{model.name}</h2>
      <p>{model.description}</p>
      <dl className="facts">
        <dt>Champion</dt><dd>{model.champion}</dd>
        <dt>Challenger</dt><dd>{model.challenger ?? '—'}</dd>
        <dt>Task</dt><dd>{model.task}</dd>
        <dt>Trained</dt><dd>{when(model.trainedAt)}</dd>
        <dt>Threshold</dt><dd>{model.threshold ?? '—'}</dd>
        <dt>Inputs</dt><dd>{model.features.length}</dd>
      </dl>
      <DataTable caption={`${model.name} metrics`} table={{ columns: ['metric', 'value'], rows: metrics.map(([k, v]) => [k, scalar(v)]) }} />
      <QueryState query={drift}>
        {(d) => (d.rows < 100 ? <p className="muted">Drift: {d.rows} live scores, too few for PSI.</p> : <DataTable caption={`${model.name} drift`} table={{ columns: ['input', 'PSI', 'level'], rows: [...(d.score ? [d.score] : []), ...d.features].map((l) => [l.input, l.psi, l.level]) }} />)}
      </QueryState>
      <QueryState query={shadow}>
        {(s) => (s.length === 0 ? <p className="muted">No shadow traffic.</p> : <DataTable caption={`${model.name} shadow`} table={{ columns: ['champion', 'challenger', 'pairs', 'agreement'], rows: s.map((x) => [x.championVersion, x.challengerVersion, x.pairs, x.agreement]) }} />)}
      </QueryState>
      <details>
        <summary>Fairness</summary>
        <pre>{JSON.stringify(model.fairness, null, 2)}</pre>
      </details>
    </article>
  );
}

export function Models() {
  const models = useQuery({ queryKey: ['models'], queryFn: async () => (await ok(api.GET('/v1/models', {}))) as unknown as ModelSummary[] });
  return (
    <>
      <h1>Models</h1>
      <QueryState query={models}>{(list) => <div className="cards">{list.map((m) => <ModelCard key={m.name} model={m} />)}</div>}</QueryState>
    </>
  );
}
