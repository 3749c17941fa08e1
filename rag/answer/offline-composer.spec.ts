import { describe, expect, it } from '@jest/globals';
import type { RetrievedPassage } from '../retrieve/hybrid-retriever.js';
import { composeOffline } from './offline-composer.js';

const passage = (id: string, section: string, content: string, similarity: number): RetrievedPassage => ({
  id,
  documentId: `d-${id}`,
  source: 'https://www.consumerfinance.gov/rules-policy/regulations/1006/18/',
  section,
  ordinal: 0,
  startOffset: 0,
  endOffset: content.length,
  content,
  score: similarity,
  similarity,
});

const LIST = passage(
  'c1',
  'Regulation F, 12 CFR 1006.18 — 1006.18(b)(2) False representations of the debt',
  [
    '(2) A debt collector must not falsely represent:',
    '',
    '(i) The character, amount, or legal status of any debt; or',
    '',
    '(ii) Any services rendered or compensation which may be lawfully received by any debt collector for the collection of a debt.',
  ].join('\n'),
  0.7,
);

describe('the offline composer', () => {
  it('quotes the items of a list after the sentence that opens it, from the same passage, in its order', () => {
    const composed = composeOffline('What must a debt collector not falsely represent?', [LIST]);
    expect(composed.supported).toBe(true);
    expect(composed.sentences.map((s) => s.text)).toEqual([
      '(2) A debt collector must not falsely represent:',
      '(i) The character, amount, or legal status of any debt; or',
      '(ii) Any services rendered or compensation which may be lawfully received by any debt collector for the collection of a debt.',
    ]);
    expect(composed.sentences.every((s) => s.citation.chunkId === 'c1' && LIST.content.includes(s.citation.quote))).toBe(true);
  });

  it('quotes nothing after a sentence that opens no list', () => {
    const plain = passage('c2', 'Regulation F, 12 CFR 1006.6 — 1006.6(b)(1)', 'A time before 8:00 a.m. and after 9:00 p.m. local time at the consumer’s location is inconvenient. Other text about something else entirely follows here.', 0.7);
    const composed = composeOffline('What time is inconvenient for the consumer?', [plain]);
    expect(composed.sentences.map((s) => s.text)).toEqual(['A time before 8:00 a.m. and after 9:00 p.m. local time at the consumer’s location is inconvenient.']);
  });
});
