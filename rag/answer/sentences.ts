// Passages cut into the sentences (and list items) an answer may quote, each an exact substring
// of the passage, so a quote can always be found again where it came from. A full stop after an
// abbreviation (U.S.C., a.m., Rs.) or before a number does not end a sentence.
const ABBREVIATION = /(?:\b(?:[A-Za-z]\.){2,}|\b(?:U\.S\.C|CFR|Sec|No|Rs|para|Para|e\.g|i\.e|etc|Inc|Ltd)\.)$/;

export function sentencesOf(content: string): string[] {
  const pieces = content.split(/\n+|(?<=[.;!?])\s+(?=[A-Z(§"“])/);
  const merged: string[] = [];
  for (const piece of pieces) {
    const last = merged.at(-1);
    if (last !== undefined && ABBREVIATION.test(last.trim())) merged[merged.length - 1] = `${last} ${piece}`;
    else merged.push(piece);
  }
  return merged
    .map((s) => s.replace(/^\s*(?:[-*+•]|#{1,6})\s+/, '').trim())
    .filter((s) => s.length >= 20 && /[a-z]/i.test(s) && content.replace(/\s+/g, ' ').includes(s.replace(/\s+/g, ' ')));
}
