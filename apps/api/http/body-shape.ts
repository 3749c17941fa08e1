// What any JSON body must be before a DTO sees it. Nesting is bounded (class-transformer and
// class-validator recurse once per level: 5,000 levels in a 64 KB body overflowed the stack and
// answered 500), and no string carries characters that are invisible or rewrite what is shown:
// NUL and the other control characters (tab, line feed and carriage return aside), and the bidi
// embeddings, overrides and isolates that make "Priya" display as something else in a reviewer's
// screen. Walked without recursion, so the walk itself cannot overflow.
import type { FieldError } from './problem.js';

/** Far beyond any request Credence takes (an application is four levels deep). */
export const MAX_BODY_DEPTH = 32;

/**
 * The refused characters as a regex class body, written so that ECMA-262 and Python's `re` read
 * it alike (explicit ranges, no \p{..}): the OpenAPI document's free-text pattern is built from
 * it (request-body-schema.ts), so what a client generated from the document sends is what passes here.
 */
export const FORBIDDEN_CHARACTERS = '\\u0000-\\u0008\\u000b\\u000c\\u000e-\\u001f\\u007f-\\u009f\\u202a-\\u202e\\u2066-\\u2069';

const FORBIDDEN = new RegExp(`[${FORBIDDEN_CHARACTERS}]`, 'u');

export function bodyShapeProblems(body: unknown): FieldError[] {
  const problems: FieldError[] = [];
  const stack: { value: unknown; path: string; depth: number }[] = [{ value: body, path: '', depth: 0 }];
  while (stack.length > 0 && problems.length < 10) {
    const { value, path, depth } = stack.pop()!;
    if (typeof value === 'string') {
      const bad = FORBIDDEN.exec(value);
      if (bad) problems.push({ field: path || '(body)', message: `contains the control or bidi character U+${bad[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}` });
      continue;
    }
    if (typeof value !== 'object' || value === null) continue;
    if (depth >= MAX_BODY_DEPTH) {
      problems.push({ field: path || '(body)', message: `nests deeper than ${MAX_BODY_DEPTH} levels` });
      break;
    }
    const entries: [string, unknown][] = Array.isArray(value) ? value.map((v, i) => [`[${i}]`, v]) : Object.entries(value);
    for (const [key, child] of entries) {
      if (FORBIDDEN.test(key)) problems.push({ field: path || '(body)', message: 'has a key with a control or bidi character' });
      stack.push({ value: child, path: key.startsWith('[') ? `${path}${key}` : path ? `${path}.${key}` : key, depth: depth + 1 });
    }
  }
  return problems;
}
