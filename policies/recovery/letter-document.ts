// A letter as the print-and-mail house prints it: one HTML document on US Letter pages, the top of
// the first page left clear for the address block the printer puts in the envelope's window (Lob's
// `top_first_page`: the recipient and the return address, from the letter's own fields), then the
// date, the account it is about, a heading, the body in paragraphs and the disclosures the gate
// required. Every word is escaped: the names and addresses in it come from records. Pure.
import type { ContactLanguage } from '../../domain/application.js';

export interface LetterContent {
  language: ContactLanguage;
  /** the day it is posted, as the letter is dated */
  date: string;
  /** the account it is about (the loan ID), as the borrower quotes it back */
  reference: string;
  subject: string | null;
  body: string;
  /** the gate's disclosures, each a paragraph (lines within one kept) */
  disclosures: readonly string[];
}

const REFERENCE: Record<ContactLanguage, string> = { en: 'Account', hi: 'खाता', es: 'Cuenta' };

/** Devanagari needs a face that has it: the printer's renderer fetches the named web font. */
const FONTS: Record<ContactLanguage, string> = {
  en: "'Helvetica Neue', Arial, sans-serif",
  es: "'Helvetica Neue', Arial, sans-serif",
  hi: "'Noto Sans Devanagari', 'Helvetica Neue', Arial, sans-serif",
};

export function letterDocument(letter: LetterContent): string {
  const paragraphs = (text: string) =>
    text
      .split(/\n{2,}/)
      .map((p) => p.trim())
      .filter((p) => p !== '')
      .map((p) => `<p>${escapeHtml(p).replace(/\n/g, '<br>')}</p>`)
      .join('');
  const font = letter.language === 'hi' ? '<link rel="stylesheet" href="https://fonts.googleapis.com/css2?family=Noto+Sans+Devanagari&amp;display=swap">' : '';
  return (
    `<!DOCTYPE html><html lang="${letter.language}"><head><meta charset="utf-8">${font}` +
    `<style>@page{size:8.5in 11in;margin:0}body{margin:0;font-family:${FONTS[letter.language]};font-size:10.5pt;line-height:1.45;color:#000}` +
    `.page{padding:3.75in 0.75in 0.75in 0.75in}.meta{margin:0 0 1.5em}h1{font-size:12pt;margin:0 0 1em}.notice{margin-top:1.5em;border-top:1px solid #000;padding-top:0.75em}</style></head>` +
    `<body><div class="page"><p class="meta">${escapeHtml(letter.date)}<br>${REFERENCE[letter.language]}: ${escapeHtml(letter.reference)}</p>` +
    (letter.subject ? `<h1>${escapeHtml(letter.subject)}</h1>` : '') +
    paragraphs(letter.body) +
    (letter.disclosures.length > 0 ? `<div class="notice">${letter.disclosures.map(paragraphs).join('')}</div>` : '') +
    `</div></body></html>`
  );
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

