// The OpenAPI patterns of the strings request bodies carry, built from the rules the server
// applies, so that a string valid by the document is one the server takes. Both ECMA-262 (the
// server, and clients in JavaScript) and Python's `re` (Schemathesis, clients in Python) must read
// them alike: explicit ranges only, no \p{..}, and no \s or \S, which the two define differently
// (Python counts U+001C-U+001F and U+0085 as space, ECMA-262 counts U+FEFF).
import { FORBIDDEN_CHARACTERS } from './body-shape.js';

/** ECMA-262's \s (WhiteSpace and LineTerminator), spelled out. */
export const WHITESPACE_CHARACTERS = '\\t\\n\\u000b\\u000c\\r \\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000\\ufeff';

/** Any text without the characters body-shape.ts refuses. */
export const FREE_TEXT_PATTERN = `^[^${FORBIDDEN_CHARACTERS}]*$`;

/** Free text that is not blank either: at least one character that is not white space. */
export const NON_BLANK_TEXT_PATTERN = `^[^${FORBIDDEN_CHARACTERS}]*[^${FORBIDDEN_CHARACTERS}${WHITESPACE_CHARACTERS}][^${FORBIDDEN_CHARACTERS}]*$`;

/** What the server checks for "not blank" (the forbidden characters are body-shape.ts's to refuse). */
export const NOT_BLANK = new RegExp(`[^${WHITESPACE_CHARACTERS}]`, 'u');
