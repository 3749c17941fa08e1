// Policy text as ops write it, YAML or JSON (JSON is YAML 1.2), into the plain value validation
// checks. The parsed YAML tree is kept so a fault found later (by JSON Pointer) can be shown at its
// line and column in the text that was submitted. Aliases are bounded: a few lines of anchors must
// not expand into gigabytes.
import { isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, type Document } from 'yaml';
import { pointerTokens, type PolicyProblem } from './policy-problem.js';

/** Far beyond any real policy; an alias bomb meets it long before memory does. */
const MAX_ALIAS_COUNT = 100;

export type PolicySourceFormat = 'yaml' | 'json';

export interface SourcePosition {
  line: number;
  column: number;
}

export type ParsedPolicySource =
  | { ok: true; value: unknown; format: PolicySourceFormat; locate: (path: string) => SourcePosition | undefined }
  | { ok: false; problems: PolicyProblem[] };

export function parsePolicySource(text: string): ParsedPolicySource {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true, strict: true });
  const position = (offset: number): SourcePosition => {
    const { line, col } = lineCounter.linePos(offset);
    return { line, column: col };
  };
  if (doc.errors.length > 0) {
    return { ok: false, problems: doc.errors.map((e) => ({ path: '', message: `not valid YAML or JSON: ${firstLine(e.message)}`, ...position(e.pos[0]) })) };
  }
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (err) {
    return { ok: false, problems: [{ path: '', message: `not valid YAML or JSON: ${firstLine((err as Error).message)}` }] };
  }
  const format: PolicySourceFormat = /^\s*[{[]/.test(text) ? 'json' : 'yaml';
  return { ok: true, value, format, locate: (path) => locate(doc, path, position) };
}

/** Problems placed in the source: each gets the line of the deepest node its pointer reaches. */
export function withPositions(problems: readonly PolicyProblem[], locate: ((path: string) => SourcePosition | undefined) | undefined): PolicyProblem[] {
  if (!locate) return [...problems];
  return problems.map((p) => ({ ...p, ...locate(p.path) }));
}

/**
 * Where `path` sits in the text: the key of a map entry, or the item of a sequence; when the
 * pointer names something absent (a missing field), the nearest thing that is there.
 */
function locate(doc: Document, path: string, position: (offset: number) => SourcePosition): SourcePosition | undefined {
  let node: unknown = doc.contents;
  let at: number | undefined = rangeStart(node);
  for (const token of pointerTokens(path)) {
    if (isMap(node)) {
      const pair = node.items.find((item) => isPair(item) && isScalar(item.key) && String(item.key.value) === token);
      if (!pair) break;
      at = rangeStart(pair.key) ?? at;
      node = pair.value;
    } else if (isSeq(node)) {
      const item: unknown = /^\d+$/.test(token) ? node.items[Number(token)] : undefined;
      if (item === undefined) break;
      at = rangeStart(item) ?? at;
      node = item;
    } else {
      break;
    }
  }
  return at === undefined ? undefined : position(at);
}

function rangeStart(node: unknown): number | undefined {
  const range = (node as { range?: [number, number, number] } | null | undefined)?.range;
  return range?.[0];
}

function firstLine(message: string): string {
  return message.split('\n')[0]!.trim();
}
