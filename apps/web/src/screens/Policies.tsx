// The policy studio: the escalation-policy versions, a draft's editor (saved as a new version,
// validated with faults at their lines), a dry-run against the live portfolio compared with the
// active version (table and chart), and activation. Writing and activating are shown only to
// those the API lets do them.
import { useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, ApiProblem, ok } from '../api/client.ts';
import { mayCall } from '../auth/access.ts';
import type { Person } from '../auth/session.ts';
import { Chart, DataTable } from '../ui/Chart.tsx';
import type { Table } from '../ui/csv.ts';
import { href } from '../router.ts';
import { when } from '../ui/format.ts';
import { ProblemMessage, QueryState } from '../ui/QueryState.tsx';
import { PolicyEditor, type LineProblem } from './PolicyEditor.tsx';

interface DryRunSide {
  version: number;
  byRule: Record<string, number>;
  byFirstStep: Record<string, number>;
}

export function dryRunTable(draft: DryRunSide, active: DryRunSide | null): Table {
  const rules = [...new Set([...Object.keys(draft.byRule), ...Object.keys(active?.byRule ?? {})])].sort();
  return {
    columns: ['rule', `active v${active?.version ?? '—'}`, `draft v${draft.version}`, 'difference'],
    rows: rules.map((r) => {
      const a = active?.byRule[r] ?? 0;
      const d = draft.byRule[r] ?? 0;
      return [r, a, d, d - a];
    }),
  };
}

function problemsOf(error: unknown): LineProblem[] {
  return error instanceof ApiProblem ? (error.problem.errors ?? []) : [];
}

type PolicyVersion = Awaited<ReturnType<typeof getVersion>>;
const getVersion = (version: number) => ok(api.GET('/v1/policies/recovery/{version}', { params: { path: { version } } }));

function VersionDetail({ version, person }: { version: number; person: Person }) {
  const found = useQuery({ queryKey: ['policy', version], queryFn: () => getVersion(version) });
  return <QueryState query={found}>{(v) => <VersionEditor key={v.version} v={v} person={person} />}</QueryState>;
}

function VersionEditor({ v, person }: { v: PolicyVersion; person: Person }) {
  const client = useQueryClient();
  const version = v.version;
  const [text, setText] = useState(v.source);
  const mayWrite = mayCall(person.roles, 'POST /v1/policies/recovery');
  const mayActivate = mayCall(person.roles, 'POST /v1/policies/recovery/{version}/activate');
  const [current, setCurrent] = useState(version);
  const refresh = () => void client.invalidateQueries({ queryKey: ['policies'] });

  const save = useMutation({
    mutationFn: () => ok(api.POST('/v1/policies/recovery', { body: { source: text, author: person.username, basedOn: version } })),
    onSuccess: (v) => {
      setCurrent(v.version);
      refresh();
    },
  });
  const validate = useMutation({ mutationFn: (v: number) => ok(api.POST('/v1/policies/recovery/{version}/validate', { params: { path: { version: v } } })), onSuccess: refresh });
  const dryRun = useMutation({ mutationFn: (v: number) => ok(api.POST('/v1/policies/recovery/{version}/dry-run', { params: { path: { version: v }, query: { limit: 50 } } })) });
  // Activation is maker-checker: the request waits for a second person (202 with the approval),
  // unless the version is active already (200).
  const activate = useMutation({ mutationFn: (v: number) => ok(api.POST('/v1/policies/recovery/{version}/activate', { params: { path: { version: v } }, body: {} })), onSuccess: refresh });

  return (
        <section aria-labelledby="version-h">
          <h2 id="version-h">
            Version {v.version}: {v.name} <span className="badge">{v.status}</span>
          </h2>
          <p className="muted">By {v.author}, {when(v.createdAt)}{v.basedOn ? `, from v${v.basedOn}` : ''}</p>
          <PolicyEditor value={text} onChange={setText} problems={problemsOf(validate.error ?? save.error)} readOnly={!mayWrite} />
          {mayWrite && (
            <div className="row">
              <button type="button" onClick={() => save.mutate()} disabled={save.isPending}>Save as new draft</button>
              <span className="muted">Working on v{current}</span>
              <button type="button" onClick={() => validate.mutate(current)} disabled={validate.isPending}>Validate v{current}</button>
              <button type="button" onClick={() => dryRun.mutate(current)} disabled={dryRun.isPending}>Dry-run v{current}</button>
              {mayActivate && <button type="button" onClick={() => activate.mutate(current)} disabled={activate.isPending}>Ask to activate v{current}</button>}
            </div>
          )}
          {/* Rolling back is asking to activate a version that was active before: the same maker-checker. */}
          {mayActivate && v.status === 'retired' && (
            <button type="button" onClick={() => activate.mutate(version)} disabled={activate.isPending}>Roll back to v{version}</button>
          )}
          {save.isSuccess && <p role="status">Saved as draft v{save.data.version}.</p>}
          {validate.isSuccess && <p role="status">v{validate.data.version} is valid ({validate.data.status}){validate.data.warnings.length ? `, ${validate.data.warnings.length} warnings` : ''}.</p>}
          {activate.isSuccess && (
            <p role="status">
              {'status' in activate.data && activate.data.status === 'pending' ? <>Activation of v{activate.variables} waits for a second person: <a href={href('/approvals')}>approval {activate.data.id}</a>.</> : `v${activate.variables} is active.`}
            </p>
          )}
          <ProblemMessage error={save.error ?? validate.error ?? activate.error ?? dryRun.error} />
          {dryRun.data && (
            <section aria-labelledby="dry-h">
              <h3 id="dry-h">Dry-run: {dryRun.data.accounts} delinquent accounts, {dryRun.data.changedTotal} would change</h3>
              <Chart title="Accounts per rule: active against draft" kind="bar" table={dryRunTable(dryRun.data.draft, dryRun.data.active)} file="dry-run-by-rule" />
              <DataTable
                caption="Loans whose path would change"
                table={{
                  columns: ['loan', 'bucket', 'days past due', 'active rule', 'draft rule'],
                  rows: (dryRun.data.changed as { loanId: string; bucket: string; dpd: number; active: { ruleId?: string } | null; draft: { ruleId?: string } }[]).map((c) => [c.loanId.slice(0, 8), c.bucket, c.dpd, c.active?.ruleId ?? '—', c.draft.ruleId ?? '—']),
                }}
              />
            </section>
          )}
        </section>
  );
}

export function Policies({ person }: { person: Person }) {
  const list = useQuery({ queryKey: ['policies'], queryFn: () => ok(api.GET('/v1/policies/recovery', {})) });
  const [selected, setSelected] = useState<number | null>(null);
  return (
    <>
      <h1>Policy studio</h1>
      <QueryState query={list}>
        {(data) => (
          <div className="split">
            <nav aria-label="Policy versions">
              <ul className="versions">
                {data.items.map((v) => (
                  <li key={v.version}>
                    <button type="button" aria-pressed={selected === v.version} onClick={() => setSelected(v.version)}>
                      v{v.version} {v.name} <span className="badge">{v.status}</span>
                    </button>
                  </li>
                ))}
              </ul>
            </nav>
            <div>{selected === null ? <p>Choose a version to read it, or to write a draft from it.</p> : <VersionDetail key={selected} version={selected} person={person} />}</div>
          </div>
        )}
      </QueryState>
    </>
  );
}
