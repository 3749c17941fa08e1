// The report as a PDF (pdf-lib, its standard Helvetica): a title and period, then each section's
// rows under its heading, item at the left, value in a column of its own, the note below in grey,
// wrapped; pages added as they fill. The same rows as the CSV (report-rows.ts).
import { PDFDocument, rgb, StandardFonts, type PDFFont, type PDFPage } from 'pdf-lib';
import type { ComplianceReport } from './compliance-report.js';
import { reportRows, SECTION_TITLES } from './report-rows.js';

/** A4 in points, to the point. */
const A4: [number, number] = [595, 842];
const GREY = rgb(90 / 255, 90 / 255, 90 / 255);
const MARGIN = 48;
const SIZE = 9;
const LEADING = 13;
const VALUE_X = 400;

export async function reportPdf(report: ComplianceReport): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.setTitle(`Credence compliance report ${report.period.from} to ${report.period.to}`);
  doc.setAuthor('Credence');
  doc.setCreationDate(new Date(report.generatedAt));
  doc.setModificationDate(new Date(report.generatedAt));
  const regular = await doc.embedFont(StandardFonts.Helvetica);
  const bold = await doc.embedFont(StandardFonts.HelveticaBold);
  let page: PDFPage = doc.addPage(A4);
  let y = A4[1] - MARGIN;
  const room = (lines: number) => {
    if (y - lines * LEADING >= MARGIN) return;
    page = doc.addPage(A4);
    y = A4[1] - MARGIN;
  };
  const write = (text: string, x: number, font: PDFFont, size = SIZE, grey = false) =>
    page.drawText(printable(text), { x, y, size, font, ...(grey ? { color: GREY } : {}) });

  write('Credence compliance report', MARGIN, bold, 16);
  y -= LEADING * 2;
  let section = '';
  for (const row of reportRows(report)) {
    if (row.section !== section) {
      section = row.section;
      room(3);
      y -= LEADING / 2;
      write(SECTION_TITLES[section] ?? section, MARGIN, bold, 11);
      y -= LEADING;
    }
    const notes = row.note ? wrap(row.note, regular, SIZE, A4[0] - 2 * MARGIN - 12) : [];
    room(1 + notes.length);
    write(fit(row.item, regular, VALUE_X - MARGIN - 8), MARGIN, regular);
    if (row.value) write(row.value, VALUE_X, bold);
    y -= LEADING;
    for (const line of notes) {
      write(line, MARGIN + 12, regular, SIZE - 1, true);
      y -= LEADING;
    }
  }
  return doc.save();
}

/** What Helvetica's WinAnsi encoding can print; anything else becomes `?` rather than failing the export. */
function printable(text: string): string {
  return text.replace(/[^\x20-\x7e\xa0-\xff•–—‘’“”€…§]/g, '?');
}

function fit(text: string, font: PDFFont, width: number): string {
  if (font.widthOfTextAtSize(printable(text), SIZE) <= width) return text;
  let cut = text;
  while (cut.length > 1 && font.widthOfTextAtSize(printable(`${cut}…`), SIZE) > width) cut = cut.slice(0, -1);
  return `${cut}…`;
}

function wrap(text: string, font: PDFFont, size: number, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/)) {
    const next = line ? `${line} ${word}` : word;
    if (line && font.widthOfTextAtSize(printable(next), size) > width) {
      lines.push(line);
      line = word;
    } else line = next;
  }
  if (line) lines.push(line);
  return lines;
}
