// Each supported file becomes plain text whose structure the chunker can read: headings as `#`
// lines, list items as `- ` lines, paragraphs separated by blank lines. Markdown and text are
// already that; HTML is walked (htmlparser2) and written out that way; a PDF's text comes from
// unpdf (pdf.js), page by page, a blank line between pages.
import { Parser } from 'htmlparser2';
import { extname } from 'node:path';

export const SUPPORTED_EXTENSIONS = ['.txt', '.md', '.html', '.htm', '.pdf'] as const;

export function isSupported(path: string): boolean {
  return (SUPPORTED_EXTENSIONS as readonly string[]).includes(extname(path).toLowerCase());
}

export async function extractText(path: string, bytes: Buffer): Promise<string> {
  const ext = extname(path).toLowerCase();
  if (ext === '.pdf') return pdfText(bytes);
  // A byte-order mark (editors on Windows write one) would stand before `source:` and hide the header lines.
  const text = bytes.toString('utf8').replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  if (ext === '.html' || ext === '.htm') return htmlText(text);
  return text;
}

async function pdfText(bytes: Buffer): Promise<string> {
  const { extractText: extract, getDocumentProxy } = await import('unpdf');
  const pdf = await getDocumentProxy(new Uint8Array(bytes));
  const { text } = await extract(pdf, { mergePages: false });
  return text.map((page) => page.replace(/[ \t]+\n/g, '\n').trim()).join('\n\n');
}

const BLOCKS = new Set(['p', 'div', 'section', 'article', 'header', 'footer', 'main', 'table', 'tr', 'blockquote', 'pre', 'br', 'ul', 'ol', 'dl', 'dd', 'dt']);
const CELLS = new Set(['td', 'th']);
const SKIPPED = new Set(['script', 'style', 'noscript', 'template', 'head']);

/** Header lines (`source:`, `section:`) before the <html> are kept as they are: the header parser reads them. */
function htmlText(html: string): string {
  const lines: string[] = [];
  let current = '';
  let skipping = 0;
  const flush = (): void => {
    const text = current.replace(/\s+/g, ' ').trim();
    if (text) lines.push(text, '');
    current = '';
  };
  const parser = new Parser(
    {
      onopentag(name) {
        if (SKIPPED.has(name)) skipping++;
        if (/^h[1-6]$/.test(name)) {
          flush();
          current = `${'#'.repeat(Number(name[1]))} `;
        } else if (name === 'li') {
          flush();
          current = '- ';
        } else if (BLOCKS.has(name)) flush();
      },
      ontext(text) {
        if (skipping === 0) current += text;
      },
      onclosetag(name) {
        if (SKIPPED.has(name)) skipping = Math.max(0, skipping - 1);
        // A table row is one line; its cells are words apart, not run together ("Fee25 dollars").
        if (CELLS.has(name)) current += ' ';
        if (/^h[1-6]$/.test(name) || name === 'li' || BLOCKS.has(name)) flush();
      },
    },
    { decodeEntities: true },
  );
  // Leading header lines are plain text before any tag.
  const headerEnd = /^(?:(?:source|section):[^\n]*\n)*/i.exec(html)?.[0].length ?? 0;
  parser.write(html.slice(headerEnd));
  parser.end();
  flush();
  return `${html.slice(0, headerEnd)}${headerEnd > 0 ? '\n' : ''}${lines.join('\n').trim()}\n`;
}
