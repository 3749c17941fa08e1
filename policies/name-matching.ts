// Names as a matcher sees them: bureaus store "PRIYA SHARMA", applicants type "Priya  Sharma" or
// "Priyá Sharma", sanctions lists write "SHARMA, Priya". Compare normalised tokens, never raw text.

/** Upper case, accents stripped, punctuation to spaces, single-spaced. */
export function normaliseName(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toUpperCase()
    .replace(/[^A-Z]+/g, ' ')
    .trim();
}

export function nameTokens(name: string): string[] {
  const normal = normaliseName(name);
  return normal === '' ? [] : normal.split(' ');
}

/** Same tokens in any order: "Kaalvan Devraj" is "Devraj Kaalvan". */
export function sameTokens(a: string, b: string): boolean {
  const x = nameTokens(a).sort();
  const y = nameTokens(b).sort();
  return x.length > 0 && x.length === y.length && x.every((token, i) => token === y[i]);
}

/** Some token of two or more letters in common: compound and reordered surnames still match. */
export function shareToken(a: string, b: string): boolean {
  const y = new Set(nameTokens(b));
  return nameTokens(a).some((token) => token.length >= 2 && y.has(token));
}
