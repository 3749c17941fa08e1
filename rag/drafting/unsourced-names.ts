// A draft's names come from records, never from a model: the model writes {firstName} and
// {lenderName}, and a draft that names anyone else (a borrower called Priya greeted as "Rahul", a
// company the records do not mention) is refused like one with a figure of its own
// (unsourced-figures.ts), and the phrase banks write it instead. A name is recognised by its shape:
// in Latin script, a capitalised word that does not open a sentence, or any capitalised word just
// after a greeting; in Devanagari (no capitals), a word after an honorific (श्री, श्रीमती…) or a
// greeting, or before the honorific जी. A word is not a name when the records gave it (the
// placeholders' values) or when our own words use it so: the vocabulary is built from the phrase
// banks, the message templates and the disclosures, so it follows them when they change.
import { loadTemplateCatalogue } from '../../db/seeder.js';
import { disclosureWords } from '../../policies/recovery/disclosure-texts.js';
import { PHRASE_BANKS } from './phrase-banks.js';

export interface NameProblem {
  kind: 'name';
  text: string;
}

const WORD = /[\p{L}\p{M}][\p{L}\p{M}'’/-]*/gu;
const LATIN_CAPITAL = /^\p{Lu}/u;
const DEVANAGARI = /^[\u0900-\u097F]/u;
const HONORIFICS = ['श्री', 'श्रीमती', 'श्रीमान', 'सुश्री', 'कुमारी', 'डॉ', 'डॉक्टर'];
const HONORIFIC_AFTER = 'जी';

interface Vocabulary {
  /** words our texts write with a capital (or in Devanagari) */
  words: Set<string>;
  /** the first word of each tone's opening: what a name follows */
  greetings: Set<string>;
}

let vocabulary: Vocabulary | undefined;

/** Read once: the phrase banks, every template (subject and body) and every disclosure, placeholders taken out. */
function ourWords(): Vocabulary {
  if (vocabulary) return vocabulary;
  const banks = Object.values(PHRASE_BANKS);
  const texts = [
    ...banks.flatMap((bank) => [...Object.values(bank.tones).flatMap((t) => [t.open, t.line, t.close]), ...Object.values(bank.purposes).flatMap((p) => [p.subject, p.short, p.long])]),
    ...loadTemplateCatalogue().flatMap((t) => [t.subject ?? '', t.body]),
    ...disclosureWords(),
  ];
  const words = new Set<string>();
  for (const text of texts) for (const [word] of bare(text).matchAll(WORD)) if (LATIN_CAPITAL.test(word) || DEVANAGARI.test(word)) words.add(word);
  const greetings = new Set(banks.flatMap((bank) => Object.values(bank.tones).map((t) => /^\S+/u.exec(t.open)![0].replace(/[,:]$/, ''))));
  vocabulary = { words, greetings };
  return vocabulary;
}

/** Placeholders become a mark that is neither a letter nor a space: what stands next to one is not next to the word beyond it. */
function bare(text: string): string {
  return text.replace(/\{[A-Za-z]+\}/g, '\uE000').normalize('NFC');
}

/** Names in `text` that are neither the records' (`recorded`: the placeholders' values) nor our own words; [] when it names no one. */
export function unsourcedNames(text: string, recorded: readonly string[]): NameProblem[] {
  const { words, greetings } = ourWords();
  const fromRecords = new Set(recorded.flatMap((value) => [...bare(value).matchAll(WORD)].map(([w]) => w)));
  const known = (word: string) => words.has(word) || fromRecords.has(word);
  const problems: NameProblem[] = [];
  const seen = new Set<string>();
  const name = (word: string) => {
    if (!seen.has(word)) problems.push({ kind: 'name', text: word });
    seen.add(word);
  };
  const plain = bare(text);
  let previous: { word: string; end: number } | undefined;
  for (const m of plain.matchAll(WORD)) {
    const word = m[0];
    const before = plain.slice(0, m.index);
    // Next to the word before: only spaces between (a placeholder between them is a marker, not a space).
    const adjacent = previous !== undefined && /^\s+$/u.test(plain.slice(previous.end, m.index));
    // A sentence opens the text or a line, or follows a sentence's end (a greeting's colon too: "Hola {firstName}:").
    const opensSentence = /(?:^|[.!?¡¿:;।"“\n])\s*$/u.test(before);
    const afterGreeting = adjacent && greetings.has(previous!.word);
    if (LATIN_CAPITAL.test(word) && !known(word) && (!opensSentence || afterGreeting)) name(word);
    if (DEVANAGARI.test(word) && !known(word) && adjacent && (HONORIFICS.includes(previous!.word) || afterGreeting)) name(word);
    if (word === HONORIFIC_AFTER && adjacent && DEVANAGARI.test(previous!.word) && !fromRecords.has(previous!.word)) name(previous!.word);
    previous = { word, end: m.index + word.length };
  }
  return problems;
}
