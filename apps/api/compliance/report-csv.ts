// The report as CSV (RFC 4180): section, item, value, note, one row per figure (report-rows.ts).
// A cell a spreadsheet would run as a formula (=, +, -, @, tab, return first) is quoted with a
// leading apostrophe: reason texts and notes are data, never instructions to the reader's program.
import type { ComplianceReport } from './compliance-report.js';
import { reportRows } from './report-rows.js';

export function reportCsv(report: ComplianceReport): string {
  const lines = [['section', 'item', 'value', 'note'], ...reportRows(report).map((r) => [r.section, r.item, r.value, r.note])];
  return `${lines.map((cells) => cells.map(cell).join(',')).join('\r\n')}\r\n`;
}

function cell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}
