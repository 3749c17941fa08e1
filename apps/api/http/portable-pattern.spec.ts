import { expect, it } from '@jest/globals';
import { PERSON_NAME } from '../../../domain/person-name.js';
import { portablePattern } from './portable-pattern.js';

const everyCodePoint = Array.from({ length: 0x110000 }, (_, c) => c).filter((c) => c < 0xd800 || c > 0xdfff);

it("spells out a person's name without \\p{..}, taking exactly the characters the server's check takes", () => {
  const portable = portablePattern(PERSON_NAME.source);
  expect(portable).not.toContain('\\p{');
  const documented = new RegExp(portable, 'u');
  const disagree = (text: (c: string) => string) => everyCodePoint.map((c) => text(String.fromCodePoint(c))).filter((t) => documented.test(t) !== PERSON_NAME.test(t));
  expect(disagree((c) => c)).toEqual([]);
  expect(disagree((c) => `A${c}`)).toEqual([]);
});

it('leaves other patterns as they are, escapes included', () => {
  for (const pattern of ['^[A-Z]{2}$', '^[\\x21-\\x7e]{1,255}$', '^\\+[1-9][0-9]{7,14}$', '^[^\\u0000-\\u001f]*$']) expect(portablePattern(pattern)).toBe(pattern);
});
