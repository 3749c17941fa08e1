// The OpenAPI document's patterns, readable by ECMA-262 and Python's `re` alike. The server's
// own checks may use Unicode property escapes (a person's name is /^\p{L}[\p{L}\p{M} .'-]*$/u),
// which Python's `re` does not know: a client or a test generator in Python either fails on them
// or guesses (Schemathesis reads \p{L} as Latin letters, and \p{M} as a block that includes
// unassigned code points). So in the document each \p{..} is spelled out as the code point ranges
// this runtime's Unicode tables give it: the same characters the server's check takes, by
// construction. Ranges in the Basic Multilingual Plane are written as \uXXXX escapes; beyond it as
// the characters themselves, which ECMA-262 with the u flag (as JSON Schema validators compile
// patterns), Python and Rust all read as single code points.
import type { OpenAPIObject } from '@nestjs/swagger';

const LAST_CODE_POINT = 0x10ffff;
const ranges = new Map<string, string>();

function escaped(codePoint: number): string {
  return codePoint > 0xffff ? String.fromCodePoint(codePoint) : `\\u${codePoint.toString(16).padStart(4, '0')}`;
}

/** A class body listing the code points `\p{name}` matches (computed once per name: a walk of every code point). */
function propertyClass(name: string): string {
  const known = ranges.get(name);
  if (known !== undefined) return known;
  const property = new RegExp(`^\\p{${name}}$`, 'u');
  const parts: string[] = [];
  let start = -1;
  for (let c = 0; c <= LAST_CODE_POINT + 1; c++) {
    const surrogate = c >= 0xd800 && c <= 0xdfff;
    const matches = c <= LAST_CODE_POINT && !surrogate && property.test(String.fromCodePoint(c));
    if (matches && start < 0) start = c;
    if (!matches && !surrogate && start >= 0) {
      parts.push(start === c - 1 ? escaped(start) : `${escaped(start)}-${escaped(c - 1)}`);
      start = -1;
    }
  }
  const body = parts.join('');
  ranges.set(name, body);
  return body;
}

/** `pattern` with each \p{..} spelled out; a pattern without one comes back unchanged. */
export function portablePattern(pattern: string): string {
  if (!pattern.includes('\\p{')) return pattern;
  let out = '';
  let inClass = false;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === '\\') {
      const property = /^\\p\{([A-Za-z_=]+)\}/.exec(pattern.slice(i));
      if (property) {
        const body = propertyClass(property[1]!);
        out += inClass ? body : `[${body}]`;
        i += property[0].length - 1;
      } else {
        out += pattern.slice(i, i + 2);
        i += 1;
      }
      continue;
    }
    if (c === '[') inClass = true;
    else if (c === ']') inClass = false;
    out += c;
  }
  return out;
}

/** Every pattern in the document, made portable. */
export function portablePatterns(document: OpenAPIObject): void {
  const stack: unknown[] = [document];
  while (stack.length > 0) {
    const node = stack.pop();
    if (typeof node !== 'object' || node === null) continue;
    const record = node as Record<string, unknown>;
    if (typeof record.pattern === 'string') record.pattern = portablePattern(record.pattern);
    stack.push(...Object.values(record));
  }
}
