// The words of a question that carry its meaning, lower-cased and lightly stemmed, for the offline
// composer's sentence choice and its support check. Deliberately simple: the embeddings carry
// meaning; these check that the passage is about what was asked.
const STOP = new Set(`a about above after again against all also am an and any are as at be because been before being below between both but by can could did do does doing down during each few for from further had has have having he her here hers him his how i if in into is it its itself just me more most my no nor not now of off on once only or other our out over own same she should so some such than that the their them then there these they this those through to too under until up very was we were what when where which while who whom why will with would you your yours tell say says said according explain describe give list please must may might shall need needs required require requires rule rules allowed allow permitted kind kinds type types way ways happen happens much many one two`.split(/\s+/));

/** Irregular forms the suffix rules miss, as the documents spell them. */
const IRREGULAR: Record<string, string> = { withdrew: 'withdraw', withdrawn: 'withdraw', made: 'make', sent: 'send', paid: 'pay', gave: 'give', given: 'give', called: 'call', calls: 'call' };

export function stem(word: string): string {
  const irregular = IRREGULAR[word];
  if (irregular) return irregular;
  if (word.length > 5 && word.endsWith('ies')) return `${word.slice(0, -3)}y`;
  if (word.length > 5 && word.endsWith('ing')) return word.slice(0, -3);
  if (word.length > 4 && word.endsWith('ed')) return word.slice(0, -2);
  if (word.length > 3 && word.endsWith('s') && !word.endsWith('ss')) return word.slice(0, -1);
  return word;
}

export function contentTerms(text: string): string[] {
  const words = text.toLowerCase().match(/[a-z0-9]+(?:\.[0-9]+)?/g) ?? [];
  return [...new Set(words.filter((w) => !STOP.has(w) && (w.length > 2 || /\d/.test(w))).map(stem))];
}

export function termSet(text: string): Set<string> {
  return new Set((text.toLowerCase().match(/[a-z0-9]+(?:\.[0-9]+)?/g) ?? []).map(stem));
}
