import { expect, it } from '@jest/globals';
import { bodyShapeProblems } from './body-shape.js';
import { FREE_TEXT_PATTERN, NON_BLANK_TEXT_PATTERN, NOT_BLANK, WHITESPACE_CHARACTERS } from './text-schema.js';

/** Every code point of the Basic Multilingual Plane but the surrogates, and a few beyond it. */
const CHARACTERS = [...Array.from({ length: 0x10000 }, (_, c) => c).filter((c) => c < 0xd800 || c > 0xdfff), 0x1f600, 0xe0001, 0x10ffff].map((c) => String.fromCodePoint(c));

it('spells out exactly the white space of ECMA-262', () => {
  const spelled = new RegExp(`^[${WHITESPACE_CHARACTERS}]$`, 'u');
  expect(CHARACTERS.filter((c) => spelled.test(c) !== /^\s$/u.test(c))).toEqual([]);
  expect(CHARACTERS.filter((c) => NOT_BLANK.test(c) !== /\S/u.test(c))).toEqual([]);
});

it('documents free text as exactly what the body check takes, character by character', () => {
  const free = new RegExp(FREE_TEXT_PATTERN, 'u');
  const disagree = CHARACTERS.filter((c) => free.test(`a${c}b`) !== (bodyShapeProblems({ text: `a${c}b` }).length === 0));
  expect(disagree).toEqual([]);
  expect(free.test('')).toBe(true);
  expect(free.test('line one\nline two\ttabbed')).toBe(true);
});

it('documents non-blank text as free text with something besides white space', () => {
  const nonBlank = new RegExp(NON_BLANK_TEXT_PATTERN, 'u');
  for (const text of ['Priya Sharma', ' x ', 'प्रिया', '\u00a0a']) expect([text, nonBlank.test(text)]).toEqual([text, true]);
  for (const text of ['', ' ', '\t\n', '\u3000\ufeff', 'Priya\u202e', 'a\u0000']) expect([text, nonBlank.test(text)]).toEqual([text, false]);
});
