// Structure-aware chunking: a passage never crosses a heading, and is built from whole paragraphs
// and list items, packed together until the next one would pass TARGET_CHARS. Only a single block
// longer than MAX_CHARS is cut inside (LangChain's recursive splitter, at sentence and word
// boundaries). Every chunk is an exact slice of the document text: [start, end).
import { RecursiveCharacterTextSplitter } from '@langchain/textsplitters';

export const TARGET_CHARS = 700;
export const MAX_CHARS = 1000;

export interface TextChunk {
  section: string;
  start: number;
  end: number;
  content: string;
}

interface Block {
  section: string;
  start: number;
  end: number;
}

const HEADING = /^(#{1,6})[ \t]+(.+?)[ \t#]*$/;
/** A setext heading's underline (Markdown's other heading form, common in converted regulation texts). */
const SETEXT_UNDERLINE = /^[ \t]{0,3}(?:=+|-+)[ \t]*$/;
const LIST_ITEM = /^[ \t]*(?:[-*+•]|\d{1,3}[.)]|\((?:[a-z]{1,2}|[0-9]{1,3}|[ivxl]{1,6})\))[ \t]+/i;

/** `fallbackSection` names passages before any heading (the header's section or the file name); headings nest under it. */
export function blocksOf(text: string, bodyStart: number, fallbackSection: string, documentSection?: string): Block[] {
  const blocks: Block[] = [];
  const headings: string[] = [];
  let section = fallbackSection;
  let open: Block | undefined;
  const close = (): void => {
    if (open) blocks.push(open);
    open = undefined;
  };
  const enter = (level: number, title: string): void => {
    headings.length = level - 1;
    headings[level - 1] = title;
    const nearest = headings.filter(Boolean).at(-1)!;
    section = documentSection && documentSection !== nearest ? `${documentSection} — ${nearest}` : nearest;
  };
  let at = bodyStart;
  while (at < text.length) {
    const newline = text.indexOf('\n', at);
    const lineEnd = newline === -1 ? text.length : newline;
    const line = text.slice(at, lineEnd);
    const heading = HEADING.exec(line);
    const underlined = open ? text.slice(open.start, open.end) : '';
    if (heading) {
      close();
      enter(heading[1]!.length, heading[2]!);
    } else if (open && SETEXT_UNDERLINE.test(line) && !underlined.includes('\n') && !LIST_ITEM.test(underlined)) {
      // "Title" over a line of = or -: the open one-line paragraph was a heading (level 1 or 2), not a passage.
      open = undefined;
      enter(line.trim().startsWith('=') ? 1 : 2, underlined.trim());
    } else if (line.trim() === '') {
      close();
    } else if (LIST_ITEM.test(line) || !open) {
      close();
      const lead = line.length - line.trimStart().length;
      open = { section, start: at + lead, end: lineEnd };
    } else {
      open.end = lineEnd;
    }
    at = lineEnd + 1;
  }
  close();
  return blocks.map((b) => ({ ...b, end: trimEnd(text, b.start, b.end) }));
}

function trimEnd(text: string, start: number, end: number): number {
  while (end > start && /\s/.test(text[end - 1]!)) end--;
  return end;
}

const splitter = new RecursiveCharacterTextSplitter({ chunkSize: TARGET_CHARS, chunkOverlap: 80, separators: ['\n', '. ', '; ', ', ', ' ', ''] });

export async function chunkText(text: string, bodyStart: number, fallbackSection: string, documentSection?: string): Promise<TextChunk[]> {
  const chunks: TextChunk[] = [];
  let packing: Block | undefined;
  const emit = (b: Block): void => {
    chunks.push({ section: b.section, start: b.start, end: b.end, content: text.slice(b.start, b.end) });
  };
  for (const block of blocksOf(text, bodyStart, fallbackSection, documentSection)) {
    if (block.end - block.start > MAX_CHARS) {
      if (packing) emit(packing);
      packing = undefined;
      await splitBlock(text, block, emit);
      continue;
    }
    if (packing && packing.section === block.section && block.end - packing.start <= TARGET_CHARS) {
      packing = { ...packing, end: block.end };
    } else {
      if (packing) emit(packing);
      packing = { ...block };
    }
  }
  if (packing) emit(packing);
  return chunks;
}

async function splitBlock(text: string, block: Block, emit: (b: Block) => void): Promise<void> {
  const body = text.slice(block.start, block.end);
  let from = 0;
  for (const piece of await splitter.splitText(body)) {
    // The splitter trims; find each piece where it is, moving forward (overlaps start before the last end).
    const found = body.indexOf(piece, Math.max(0, from - 200));
    const start = found === -1 ? from : found;
    emit({ section: block.section, start: block.start + start, end: block.start + start + piece.length });
    from = start + piece.length;
  }
}
