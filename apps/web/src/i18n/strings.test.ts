import { describe, expect, it } from 'vitest';
import { LANGUAGES, STRINGS } from './strings.ts';

describe('the collector and agency strings', () => {
  it('say every key in every language, and Hindi is not English copied', () => {
    for (const [key, text] of Object.entries(STRINGS)) {
      for (const language of Object.keys(LANGUAGES) as (keyof typeof LANGUAGES)[]) expect(text[language].trim(), `${key}.${language}`).not.toBe('');
      expect(text.hi, key).not.toBe(text.en);
    }
  });
});
