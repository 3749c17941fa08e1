// A policy's text with line numbers, and each fault the API reported marked at its line (the
// validate endpoint's errors carry line and column in the submitted text).
import { useId } from 'react';

export interface LineProblem {
  line?: number;
  column?: number;
  field: string;
  message: string;
}

export function PolicyEditor({ value, onChange, problems, readOnly }: { value: string; onChange: (text: string) => void; problems: readonly LineProblem[]; readOnly?: boolean }) {
  const id = useId();
  const lines = value.split('\n');
  const byLine = new Map<number, LineProblem[]>();
  for (const p of problems) if (p.line) byLine.set(p.line, [...(byLine.get(p.line) ?? []), p]);
  return (
    <div className="editor">
      <label htmlFor={id}>Policy source (YAML or JSON)</label>
      <div className="editor-body">
        <ol className="gutter" aria-hidden="true">
          {lines.map((_, i) => (
            <li key={i} className={byLine.has(i + 1) ? 'bad' : undefined}>{i + 1}</li>
          ))}
        </ol>
        <textarea id={id} spellCheck={false} value={value} readOnly={readOnly} onChange={(e) => onChange(e.target.value)} rows={Math.min(40, Math.max(12, lines.length + 1))} aria-describedby={problems.length ? `${id}-problems` : undefined} />
      </div>
      {problems.length > 0 && (
        <ul id={`${id}-problems`} className="problems" aria-label="Problems in the policy">
          {problems.map((p, i) => (
            <li key={i} data-line={p.line}>
              <span className="badge">{p.line ? `Line ${p.line}${p.column ? `:${p.column}` : ''}` : 'Document'}</span> <code>{p.field || '/'}</code> {p.message}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
