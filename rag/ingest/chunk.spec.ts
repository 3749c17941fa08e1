import { describe, expect, it } from '@jest/globals';
import { chunkText, MAX_CHARS } from './chunk.js';
import { parseHeader } from './header.js';

const doc = `source: https://example.test/policy
section: Example policy

# Calls

Calls are made between 8 a.m. and 9 p.m.

- No more than seven calls in seven days.
- No call after a conversation for seven days.

## Letters

Letters go out by post.

# Fees

${'A long paragraph about fees. '.repeat(60)}
`;

describe('structure-aware chunking', () => {
  it('reads the header, keeps passages inside their heading, and slices the text exactly', async () => {
    const header = parseHeader(doc);
    expect(header).toMatchObject({ source: 'https://example.test/policy', section: 'Example policy' });
    const chunks = await chunkText(doc, header.bodyStart, header.section!, header.section);
    expect(chunks[0]).toMatchObject({ section: 'Example policy — Calls' });
    expect(chunks[0]!.content).toContain('seven calls in seven days');
    expect(chunks.find((c) => c.content.includes('Letters go out'))!.section).toBe('Example policy — Letters');
    for (const c of chunks) {
      expect(doc.slice(c.start, c.end)).toBe(c.content);
      expect(c.content.length).toBeLessThanOrEqual(MAX_CHARS);
      expect(c.content).not.toMatch(/^source:/m);
    }
    expect(chunks.filter((c) => c.section === 'Example policy — Fees').length).toBeGreaterThan(1);
  });

  it('reads Markdown\'s underlined headings as headings, not as passages', async () => {
    const text = 'Calling hours\n=============\n\nCalls are made between 8 a.m. and 9 p.m.\n\nLetters\n-------\n\nLetters go out by post.\n';
    const chunks = await chunkText(text, 0, 'rules');
    expect(chunks.map((c) => [c.section, c.content])).toEqual([
      ['Calling hours', 'Calls are made between 8 a.m. and 9 p.m.'],
      ['Letters', 'Letters go out by post.'],
    ]);
  });
});
