// The Email Activity API's query language, the part find() uses: conditions joined by AND, each
// `unique_args['name']="value"`, `to_email="…"`, `from_email="…"`, `msg_id="…"`, `status="…"`
// or `last_event_time BETWEEN TIMESTAMP "…" AND TIMESTAMP "…"`, optionally in parentheses.
export interface ActivityFilter {
  uniqueArgs: Record<string, string>;
  fields: Record<string, string>;
  between: { from: number; to: number } | null;
}

const QUOTED = String.raw`"((?:[^"\\]|\\.)*)"`;
const UNIQUE_ARG = new RegExp(String.raw`^unique_args\['([^']+)'\]\s*=\s*${QUOTED}$`);
const FIELD = new RegExp(String.raw`^(to_email|from_email|msg_id|status|subject)\s*=\s*${QUOTED}$`);
const BETWEEN = new RegExp(String.raw`^last_event_time\s+BETWEEN\s+TIMESTAMP\s+${QUOTED}\s+AND\s+TIMESTAMP\s+${QUOTED}$`, 'i');

export function parseActivityQuery(query: string): ActivityFilter | { error: string } {
  const filter: ActivityFilter = { uniqueArgs: {}, fields: {}, between: null };
  const unescape = (s: string) => s.replace(/\\(.)/g, '$1');
  for (const part of splitAnd(query)) {
    const condition = part.trim().replace(/^\((.*)\)$/s, '$1').trim();
    let m: RegExpExecArray | null;
    if ((m = UNIQUE_ARG.exec(condition))) filter.uniqueArgs[m[1]!] = unescape(m[2]!);
    else if ((m = FIELD.exec(condition))) filter.fields[m[1]!] = unescape(m[2]!);
    else if ((m = BETWEEN.exec(condition))) {
      const from = Date.parse(unescape(m[1]!));
      const to = Date.parse(unescape(m[2]!));
      if (Number.isNaN(from) || Number.isNaN(to)) return { error: `invalid timestamp in ${condition}` };
      filter.between = { from, to };
    } else return { error: `unsupported condition: ${condition}` };
  }
  return filter;
}

/** Splits on AND outside quotes (a BETWEEN's own AND is inside its condition, after TIMESTAMP "…"). */
function splitAnd(query: string): string[] {
  const parts: string[] = [];
  let current = '';
  let quoted = false;
  for (let i = 0; i < query.length; i++) {
    const ch = query[i]!;
    if (ch === '\\' && quoted) {
      current += ch + (query[++i] ?? '');
      continue;
    }
    if (ch === '"') quoted = !quoted;
    if (!quoted && /^\s+AND\s+/i.test(query.slice(i)) && !/BETWEEN\s+TIMESTAMP\s+"[^"]*"\s*$/i.test(current)) {
      parts.push(current);
      i += /^\s+AND\s+/i.exec(query.slice(i))![0].length - 1;
      current = '';
      continue;
    }
    current += ch;
  }
  if (current.trim()) parts.push(current);
  return parts;
}
