// A person's name as Credence takes it, and as the credit bureaus take it: letters of any script
// with their combining marks (Devanagari and Tamil names need them), and the spaces, dots,
// apostrophes and hyphens names carry, starting with a letter. Digits, symbols, emoji, control
// characters and invisible ones (zero-width spaces and joiners, bidi controls) are refused: a
// bureau refuses them, and a reviewer must see the name that was sent.
export const PERSON_NAME = /^\p{L}[\p{L}\p{M} .'-]*$/u;

export const PERSON_NAME_RULE = "letters of any script, with spaces, dots, apostrophes or hyphens, starting with a letter";

export function isPersonName(value: unknown): value is string {
  return typeof value === 'string' && PERSON_NAME.test(value);
}
