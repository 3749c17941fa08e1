// Passages cut into the sentences (and list items) an answer may quote, each an exact substring
// of the passage, so a quote can always be found again where it came from.
export function sentencesOf(content: string): string[] {
  return content
    .split(/\n+|(?<=[.;:!?])\s+(?=[A-Z(§"“0-9])/)
    .map((s) => s.replace(/^\s*(?:[-*+•]|#{1,6})\s+/, '').trim())
    .filter((s) => s.length >= 20 && /[a-z]/i.test(s));
}
