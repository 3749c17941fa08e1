import { describe, expect, it } from '@jest/globals';
import { chunkText } from './chunk.js';
import { extractText } from './extract.js';
import { parseHeader } from './header.js';

describe('text extraction', () => {
  it('reads the header lines of a file saved with a byte-order mark, in text, markdown and HTML', async () => {
    for (const [path, body] of [
      ['notes.txt', 'Calls stop at 9 p.m.\n'],
      ['notes.md', '# Hours\r\n\r\nCalls stop at 9 p.m.\r\n'],
      ['notes.html', '<html><body><h1>Hours</h1><p>Calls stop at 9 p.m.</p></body></html>'],
    ] as const) {
      const text = await extractText(path, Buffer.from(`\uFEFFsource: https://example.test/hours\r\nsection: Calling hours\r\n\r\n${body}`, 'utf8'));
      const header = parseHeader(text);
      expect({ path, source: header.source, section: header.section }).toEqual({ path, source: 'https://example.test/hours', section: 'Calling hours' });
      const chunks = await chunkText(text, header.bodyStart, header.section!, header.section);
      expect(chunks.map((c) => c.content).join('\n')).not.toMatch(/source:|section:/);
    }
  });

  it('keeps an HTML table\'s cells apart', async () => {
    const text = await extractText('fees.html', Buffer.from('<table><tr><th>Fee</th><th>Amount</th></tr><tr><td>Late fee</td><td>25 dollars</td></tr></table>'));
    expect(text).toContain('Late fee 25 dollars');
    expect(text).not.toMatch(/FeeAmount|fee25/);
  });
});
