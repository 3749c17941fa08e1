// One fault in a policy document: where (a JSON Pointer into the document, and the line of the
// source text when the document came as text), and what, in words ops can act on.
export interface PolicyProblem {
  /** JSON Pointer (RFC 6901), e.g. /rules/2/path/0/send/template; "" is the whole document */
  path: string;
  message: string;
  /** 1-based line and column in the submitted source, where known */
  line?: number;
  column?: number;
}

/** A JSON Pointer from its tokens (~ and / escaped as RFC 6901 says). */
export function pointer(...tokens: (string | number)[]): string {
  return tokens.map((t) => `/${String(t).replace(/~/g, '~0').replace(/\//g, '~1')}`).join('');
}

/** The tokens of a JSON Pointer. */
export function pointerTokens(path: string): string[] {
  if (path === '') return [];
  return path
    .slice(1)
    .split('/')
    .map((t) => t.replace(/~1/g, '/').replace(/~0/g, '~'));
}
