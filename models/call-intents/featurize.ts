// Text to the intent model's features, exactly as training's featurize.py does it
// (models/training/credence_models/call_intents/featurize.py; intent-model.spec.ts holds the two
// together through verification.json): NFKC, lower case, Devanagari digits to ASCII, apostrophes
// dropped, every run of digits one `0` token; tokens are runs of letters, marks and digits; the
// features are words (`w:`), adjacent word pairs (`b:`) and character 3- to 5-grams of each word
// padded with a space (`c:`), weighted by sublinear tf times idf and scaled to unit length.

const APOSTROPHES = new Set(["'", '\u2019', '\u2018', '`']);
const WORD_CHAR = /[\p{L}\p{M}\p{N}]/u;

export function normalise(text: string): string {
  let out = '';
  for (const ch of text.normalize('NFKC').toLowerCase()) {
    const code = ch.codePointAt(0)!;
    if (code >= 0x0966 && code <= 0x096f) out += String.fromCharCode(code - 0x0966 + 48);
    else if (!APOSTROPHES.has(ch)) out += ch;
  }
  return out;
}

export function tokens(text: string): string[] {
  const out: string[] = [];
  let current = '';
  for (const ch of normalise(text) + ' ') {
    if (WORD_CHAR.test(ch)) current += ch;
    else if (current !== '') {
      out.push(/^[0-9]+$/.test(current) ? '0' : current);
      current = '';
    }
  }
  return out;
}

/** Feature counts in the order training's Counter meets them (the norm is summed in that order). */
export function featureCounts(text: string): Map<string, number> {
  const words = tokens(text);
  const grams = new Map<string, number>();
  const add = (f: string) => grams.set(f, (grams.get(f) ?? 0) + 1);
  for (const w of words) add(`w:${w}`);
  for (let i = 0; i + 1 < words.length; i++) add(`b:${words[i]} ${words[i + 1]}`);
  for (const w of words) {
    const padded = Array.from(` ${w} `);
    for (const n of [3, 4, 5]) for (let i = 0; i + n <= padded.length; i++) add(`c:${padded.slice(i, i + n).join('')}`);
  }
  return grams;
}

export interface Vocabulary {
  index: ReadonlyMap<string, number>;
  idf: readonly number[];
}

/** Writes one row of features into `row` (zeroed by the caller); the row's width is the vocabulary's. */
export function vectorise(text: string, vocabulary: Vocabulary, row: Float64Array): void {
  const entries: [number, number][] = [];
  for (const [feature, count] of featureCounts(text)) {
    const j = vocabulary.index.get(feature);
    if (j !== undefined) entries.push([j, (1 + Math.log(count)) * vocabulary.idf[j]!]);
  }
  let squares = 0;
  for (const [, v] of entries) squares += v * v;
  const norm = Math.sqrt(squares);
  for (const [j, v] of entries) row[j] = norm > 0 ? v / norm : 0;
}
