// The README's examples as data, read from the Markdown itself so a test can send each one and
// hold the answer to what the README shows. A curl example is the command as written in a
// ```sh block, followed by comment lines with what it answers:
//   curl -s -X POST 'localhost:3000/v1/applications?wait=decision' -H '...' -d @file.json
//   # 200 {"loanId":"…","status":"offered","decision":{"score":621,…}}
// In the shown answer, "…" is a value not shown (an ID, a time), a bare … is more members or
// elements than shown, and "<name>" is a value from an earlier answer (as in the commands).
// A shell variable a block sets from a command (TOKEN=$(npm run -s dev:token -- --role ops)) is
// what later commands' "$TOKEN" stands for, until a later block sets it again.

export interface CurlCommand {
  method: string;
  url: string;
  headers: Record<string, string>;
  /** the body: inline text, or the file `-d @path` names (relative to the repository root) */
  data?: { text: string } | { file: string };
}

export interface Example {
  /** 1-based line of the command in the Markdown, for failure messages */
  line: number;
  command: CurlCommand;
  shown?: { status: number; body: unknown };
}

export interface ShellAssignment {
  /** 1-based line in the Markdown */
  line: number;
  name: string;
  /** what `$(...)` runs */
  command: string;
}

/** Every `NAME=$(command)` line of the Markdown's ```sh blocks, in order. */
export function shellAssignments(markdown: string): ShellAssignment[] {
  const found: ShellAssignment[] = [];
  const blocks = /^```sh\n([\s\S]*?)^```/gm;
  for (const block of markdown.matchAll(blocks)) {
    const blockLine = markdown.slice(0, block.index).split('\n').length + 1;
    for (const [i, text] of (block[1] ?? '').split('\n').entries()) {
      const assignment = /^([A-Z_][A-Z0-9_]*)=\$\((.+)\)\s*(?:#.*)?$/.exec(text);
      if (assignment) found.push({ line: blockLine + i, name: assignment[1]!, command: assignment[2]! });
    }
  }
  return found;
}

/** The shell variables as a command at `line` sees them: each name's last assignment above it, by the value `valueOf` gives it. */
export function variablesAt(line: number, assignments: readonly ShellAssignment[], valueOf: (assignment: ShellAssignment) => string): Record<string, string> {
  const vars: Record<string, string> = {};
  for (const assignment of assignments) if (assignment.line < line) vars[assignment.name] = valueOf(assignment);
  return vars;
}

/** `$NAME` and `${NAME}` replaced; a variable nobody set is an error, as `set -u` makes it. */
export function expandVariables(text: string, vars: Readonly<Record<string, string>>): string {
  return text.replace(/\$(?:\{([A-Z_][A-Z0-9_]*)\}|([A-Z_][A-Z0-9_]*))/g, (_all, braced: string | undefined, bare: string | undefined) => {
    const name = (braced ?? bare)!;
    if (!(name in vars)) throw new Error(`$${name} is used before the README sets it`);
    return vars[name]!;
  });
}

const ANY = '__shown_any';
const MORE = '__shown_more';
const VAR = '__shown_var';

/** Every curl command in the Markdown's ```sh blocks, with the answer shown under it. */
export function readmeExamples(markdown: string): Example[] {
  const examples: Example[] = [];
  const blocks = /^```sh\n([\s\S]*?)^```/gm;
  for (const block of markdown.matchAll(blocks)) {
    const text = block[1] ?? '';
    const blockLine = markdown.slice(0, block.index).split('\n').length + 1;
    for (const start of text.matchAll(/^curl\s/gm)) {
      const { words, end } = shellWords(text, start.index);
      const shown = shownAnswer(text.slice(end));
      examples.push({ line: blockLine + text.slice(0, start.index).split('\n').length - 1, command: curl(words.slice(1)), ...(shown ? { shown } : {}) });
    }
  }
  return examples;
}

/** Words of one shell command from `start` (quotes, escapes, line continuations), and where it ends. */
export function shellWords(text: string, start: number): { words: string[]; end: number } {
  const words: string[] = [];
  let word: string | null = null;
  let i = start;
  const push = () => {
    if (word !== null) words.push(word);
    word = null;
  };
  while (i < text.length) {
    const c = text[i]!;
    if (c === '\\' && text[i + 1] === '\n') {
      i += 2;
    } else if (c === '\n') {
      break;
    } else if (c === ' ' || c === '\t') {
      push();
      i++;
    } else if (c === "'") {
      const close = text.indexOf("'", i + 1);
      if (close < 0) throw new SyntaxError(`unterminated ' at ${i}`);
      word = (word ?? '') + text.slice(i + 1, close);
      i = close + 1;
    } else if (c === '"') {
      let out = '';
      i++;
      while (text[i] !== '"') {
        if (i >= text.length) throw new SyntaxError('unterminated "');
        if (text[i] === '\\' && '"\\$`'.includes(text[i + 1] ?? '')) i++;
        out += text[i];
        i++;
      }
      word = (word ?? '') + out;
      i++;
    } else if (c === '\\') {
      word = (word ?? '') + (text[i + 1] ?? '');
      i += 2;
    } else {
      word = (word ?? '') + c;
      i++;
    }
  }
  push();
  return { words, end: i };
}

function curl(args: string[]): CurlCommand {
  const command: CurlCommand = { method: '', url: '', headers: {} };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    const value = () => {
      const v = args[++i];
      if (v === undefined) throw new SyntaxError(`curl ${arg} needs a value`);
      return v;
    };
    if (arg === '-X' || arg === '--request') command.method = value();
    else if (arg === '-H' || arg === '--header') {
      const header = value();
      const colon = header.indexOf(':');
      command.headers[header.slice(0, colon).trim().toLowerCase()] = header.slice(colon + 1).trim();
    } else if (arg === '-d' || arg === '--data' || arg === '--data-raw' || arg === '--data-binary') {
      // --data-binary sends a file as it is; -d would strip its newlines (fine for JSON, not for YAML).
      const data = value();
      command.data = arg !== '--data-raw' && data.startsWith('@') ? { file: data.slice(1) } : { text: data };
    } else if (/^-[si]+$/.test(arg) || arg === '--silent' || arg === '--include') continue;
    else if (arg.startsWith('-')) throw new SyntaxError(`curl option ${arg} is not understood here: teach readme-examples.ts`);
    else command.url = /^https?:\/\//.test(arg) ? arg : `http://${arg}`;
  }
  command.method ||= command.data ? 'POST' : 'GET';
  return command;
}

/** `# 200 {...}` and its `#` continuation lines, right under a command. */
function shownAnswer(rest: string): Example['shown'] {
  const lines = rest.replace(/^\n/, '').split('\n');
  const first = /^# (\d{3})(?: (.*))?$/.exec(lines[0] ?? '');
  if (!first) return undefined;
  let text = first[2] ?? '';
  for (const line of lines.slice(1)) {
    if (!line.startsWith('#') || /^# \d{3}\b/.test(line)) break;
    text += line.slice(1).trim();
  }
  return { status: Number(first[1]), body: text ? parseShown(text) : undefined };
}

/** JSON with the README's elisions (see the top of this file) as markers `differences` reads. */
export function parseShown(text: string): unknown {
  let out = '';
  const open: string[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '"') {
      let close = i + 1;
      while (text[close] !== '"') close += text[close] === '\\' ? 2 : 1;
      const literal = text.slice(i, close + 1);
      const isKey = /^\s*:/.test(text.slice(close + 1));
      const content = JSON.parse(literal) as string;
      const variable = /^<(\w+)>$/.exec(content);
      if (!isKey && content === '…') out += `{"${ANY}":true}`;
      else if (!isKey && variable) out += `{"${VAR}":${JSON.stringify(variable[1])}}`;
      else out += literal;
      i = close;
    } else if (c === '…') {
      out += open.at(-1) === '{' ? `"${MORE}":true` : `{"${MORE}":true}`;
    } else {
      if (c === '{' || c === '[') open.push(c);
      if (c === '}' || c === ']') open.pop();
      out += c;
    }
  }
  return JSON.parse(out);
}

const isMarker = (value: unknown, marker: string): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value) && marker in value;

/** Where `actual` is not what `shown` (from parseShown) shows, one line per difference; empty when it is. */
export function differences(shown: unknown, actual: unknown, vars: Readonly<Record<string, unknown>> = {}, path = '$'): string[] {
  if (isMarker(shown, ANY)) return actual === undefined ? [`${path}: missing`] : [];
  if (isMarker(shown, VAR)) {
    const name = String(shown[VAR]);
    return actual === vars[name] ? [] : [`${path}: ${JSON.stringify(actual)}, not <${name}> (${JSON.stringify(vars[name])})`];
  }
  if (Array.isArray(shown)) {
    if (!Array.isArray(actual)) return [`${path}: ${JSON.stringify(actual)}, not an array`];
    const more = shown.length > 0 && isMarker(shown.at(-1), MORE);
    const items = more ? shown.slice(0, -1) : shown;
    if (more ? actual.length < items.length : actual.length !== items.length) return [`${path}: ${actual.length} elements, shown ${items.length}${more ? ' or more' : ''}`];
    return items.flatMap((item, i) => differences(item, actual[i], vars, `${path}[${i}]`));
  }
  if (typeof shown === 'object' && shown !== null) {
    if (typeof actual !== 'object' || actual === null || Array.isArray(actual)) return [`${path}: ${JSON.stringify(actual)}, not an object`];
    const members = Object.entries(shown).filter(([key]) => key !== MORE);
    const found: string[] = members.flatMap(([key, value]) => (key in actual ? differences(value, (actual as Record<string, unknown>)[key], vars, `${path}.${key}`) : [`${path}.${key}: missing`]));
    if (!(MORE in shown)) {
      const extra = Object.keys(actual).filter((key) => !(key in shown));
      if (extra.length > 0) found.push(`${path}: has ${extra.join(', ')}, not shown (end the object with … to allow more)`);
    }
    return found;
  }
  return Object.is(shown, actual) ? [] : [`${path}: ${JSON.stringify(actual)}, shown ${JSON.stringify(shown)}`];
}

/** The rows of the first table after the heading, each keyed by the header's cells. */
export function markdownTable(markdown: string, heading: string): Record<string, string>[] {
  const at = markdown.indexOf(`\n${heading}\n`);
  if (at < 0) throw new Error(`no heading ${heading}`);
  const lines = markdown.slice(at).split('\n');
  const first = lines.findIndex((line) => line.startsWith('|'));
  const rows: string[][] = [];
  for (const line of lines.slice(first)) {
    if (!line.startsWith('|')) break;
    rows.push(line.replace(/^\||\|$/g, '').split(/(?<!\\)\|/).map((cell) => cell.trim()));
  }
  const [header, , ...body] = rows;
  return body.map((cells) => Object.fromEntries((header ?? []).map((name, i) => [name, cells[i] ?? ''])));
}
