// A document may open with `source: <url or reference>` and `section: <label>` lines; they become
// its metadata and are not part of any passage. Offsets still count them, so they point into the
// text as extracted.
export interface DocumentHeader {
  source?: string;
  section?: string;
  /** where the body starts, after the header lines and the blank line that may end them */
  bodyStart: number;
}

const HEADER_LINE = /^(source|section):[ \t]*(.*?)[ \t]*$/i;

export function parseHeader(text: string): DocumentHeader {
  const header: DocumentHeader = { bodyStart: 0 };
  let at = 0;
  while (at < text.length) {
    const end = text.indexOf('\n', at);
    const line = text.slice(at, end === -1 ? text.length : end).replace(/\r$/, '');
    const match = HEADER_LINE.exec(line);
    if (!match) break;
    const value = match[2]!;
    if (value) header[match[1]!.toLowerCase() as 'source' | 'section'] = value;
    at = end === -1 ? text.length : end + 1;
    header.bodyStart = at;
  }
  return header;
}
