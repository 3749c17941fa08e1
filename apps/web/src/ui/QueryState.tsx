// A query's loading and error states, said the same way on every screen (a problem's detail and
// its field errors, as the API wrote them).
import type { ReactNode } from 'react';
import type { UseQueryResult } from '@tanstack/react-query';
import { ApiProblem } from '../api/client.ts';

export function ProblemMessage({ error }: { error: unknown }) {
  if (!error) return null;
  const problem = error instanceof ApiProblem ? error : undefined;
  return (
    <div role="alert" className="error">
      <strong>{problem?.problem.title ?? 'Something went wrong'}</strong>
      {problem?.problem.detail ? <p>{problem.problem.detail}</p> : !problem && <p>{error instanceof Error ? error.message : 'The request failed.'}</p>}
      {problem?.problem.errors?.length ? (
        <ul>
          {problem.problem.errors.map((e, i) => (
            <li key={i}>
              {e.line ? `line ${e.line}${e.column ? `:${e.column}` : ''} ` : ''}
              <code>{e.field}</code> {e.message}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

export function QueryState<T>({ query, children }: { query: UseQueryResult<T>; children: (data: T) => ReactNode }) {
  if (query.isPending) return <p aria-live="polite">Loading…</p>;
  if (query.isError) return <ProblemMessage error={query.error} />;
  return <>{children(query.data)}</>;
}
