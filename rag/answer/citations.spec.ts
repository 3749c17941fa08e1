import { describe, expect, it } from '@jest/globals';
import type { RetrievedPassage } from '../retrieve/hybrid-retriever.js';
import { checkCitations, renderAnswer } from './citations.js';

const passage = (id: string, content: string): RetrievedPassage => ({ id, documentId: 'd', source: `src-${id}`, section: `sec-${id}`, ordinal: 0, startOffset: 0, endOffset: content.length, content, score: 0 });
const retrieved = [passage('a', 'Calls stop at 9:00 p.m. local time.'), passage('b', 'A late fee is charged after five days.')];

describe('citation checks', () => {
  it('keeps a quote found in its passage, re-points one found in another, drops one found nowhere', () => {
    const checked = checkCitations(
      [
        { text: 'Calls stop at 9 p.m.', citation: { chunkId: 'a', section: 'x', source: 'y', quote: 'Calls stop at 9:00 p.m. local time.' } },
        { text: 'Late fees apply after five days.', citation: { chunkId: 'a', section: 'sec-a', source: 'src-a', quote: 'A late  fee is charged after five days.' } },
        { text: 'Calls are fine at midnight.', citation: { chunkId: 'zzz', section: 'made up', source: 'nowhere', quote: 'Calls may be made at midnight.' } },
      ],
      retrieved,
    );
    expect(checked).toMatchObject({ repaired: 1, dropped: 1 });
    expect(checked.citations).toEqual([
      { chunkId: 'a', section: 'sec-a', source: 'src-a', quote: 'Calls stop at 9:00 p.m. local time.' },
      { chunkId: 'b', section: 'sec-b', source: 'src-b', quote: 'A late fee is charged after five days.' },
    ]);
    expect(renderAnswer(checked)).toBe('Calls stop at 9 p.m. [1] Late fees apply after five days. [2]');
  });

  it('drops a claim its passage does not make, however good the quote', () => {
    // A model's "[1]" gets the passage's nearest sentence as its quote: real words, but not what the sentence claims.
    const checked = checkCitations(
      [
        { text: 'Calls may be made at midnight on weekends.', citation: { chunkId: 'a', section: 'sec-a', source: 'src-a', quote: 'Calls stop at 9:00 p.m. local time.' } },
        { text: 'Calls must stop by 9 p.m. local time.', citation: { chunkId: 'a', section: 'sec-a', source: 'src-a', quote: 'Calls stop at 9:00 p.m. local time.' } },
      ],
      retrieved,
    );
    expect(checked).toMatchObject({ repaired: 0, dropped: 1 });
    expect(renderAnswer(checked)).toBe('Calls must stop by 9 p.m. local time. [1]');
  });
});
