// The compliance report through the real API over its own PostgreSQL database: a period's records
// (contacts sent and a collector's call, the gate's blocks by rule, disputes and their
// verifications, opt-outs, SLA breaches, credit decisions with adverse-action reasons), with more
// just outside the period that must not count, written where the platform writes them. The CSV
// carries the figures; the PDF is parsed back (its pages and the text of its content streams) and
// shows every one of the CSV's rows; complaints are reported as not recorded; each export is
// recorded in the audit trail.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { inflateSync } from 'node:zlib';
import { PDFDocument } from 'pdf-lib';
import type { EntityManager } from '@mikro-orm/postgresql';
import { startDatabaseApi, type DatabaseApi } from '../../testkit/database-api.js';
import { NO_COMPLAINT_RECORD } from './compliance-report.js';
import { authAs } from '../../testkit/tokens.js';

let api: DatabaseApi;
const FROM = '2026-11-01T00:00:00.000Z';
const TO = '2026-12-01T00:00:00.000Z';
const loans = Array.from({ length: 4 }, () => randomUUID());

beforeAll(async () => {
  api = await startDatabaseApi();
  await seed(api.orm.em.fork());
});

afterAll(async () => {
  await api?.close();
});

async function delivery(em: EntityManager, loanId: string, channel: string, decision: string, at: string, sentAt: string | null): Promise<string> {
  const key = `recovery-${loanId}-1-${randomUUID().slice(0, 8)}`;
  await em.execute(
    `insert into contact_deliveries (delivery_key, request_key, loan_id, workflow_id, kind, channel, template, rule_id, step_index, decision, disclosures, options_allowed, option_chosen, facts, status, contact_at, sent_at, created_at, updated_at)
     values (?, ?, ?, ?, 'send', ?, 'reminder', 'main', 0, ?, '[]', '[]', ?, '{}', ?, ?, ?, now(), now())`,
    [key, key, loanId, `recovery-${loanId}-1`, channel, decision, channel, sentAt ? 'sent' : decision === 'collector' ? 'sent' : 'blocked', at, sentAt],
  );
  return key;
}

async function gateEvent(em: EntityManager, key: string, status: 'blocked' | 'skipped', rule: string | null, at: string): Promise<void> {
  await em.execute(`insert into contact_delivery_events (event_id, delivery_key, provider, status, permanent, detail, at, received_at) values (?, ?, 'gate', ?, false, ?, ?, now())`, [
    `gate:${key}:${at}`,
    key,
    status,
    JSON.stringify({ decision: status, rule, reason: 'outside hours', retryAt: null }),
    at,
  ]);
}

async function standing(em: EntityManager, loanId: string, change: string, source: string, at: string, channel: string | null = null): Promise<void> {
  await em.execute(`insert into contact_standing_changes (loan_id, change, channel, source, at) values (?, ?, ?, ?, ?)`, [loanId, change, channel, source, at]);
}

async function decision(em: EntityManager, loanId: string, seq: number, type: string, data: Record<string, unknown>, at: string): Promise<void> {
  await em.execute(`insert into loan_events (loan_id, seq, type, data, occurred_at) values (?, ?, ?, ?, ?)`, [loanId, seq, type, JSON.stringify(data), at]);
}

async function seed(em: EntityManager): Promise<void> {
  const [a, b, c, d] = loans as [string, string, string, string];
  // Contacts: two texts and an email left in the period, one text before it; a collector's call in it.
  await delivery(em, a, 'sms', 'allowed', '2026-11-02T10:00:00Z', '2026-11-02T10:00:01Z');
  await delivery(em, b, 'sms', 'allowed', '2026-11-03T10:00:00Z', '2026-11-03T10:00:01Z');
  await delivery(em, a, 'email', 'allowed', '2026-11-04T10:00:00Z', '2026-11-04T10:00:02Z');
  await delivery(em, a, 'sms', 'allowed', '2026-10-31T10:00:00Z', '2026-10-31T10:00:01Z');
  await delivery(em, c, 'voice', 'collector', '2026-11-05T10:00:00Z', null);
  // Blocks: the same contact blocked twice by the hours rule, once by the cap; one before the period; a channel down.
  const held = await delivery(em, b, 'sms', 'blocked', '2026-11-06T02:00:00Z', null);
  await gateEvent(em, held, 'blocked', 'in.rbi.contact-hours', '2026-11-06T02:00:00Z');
  await gateEvent(em, held, 'blocked', 'in.rbi.contact-hours', '2026-11-06T03:00:00Z');
  await gateEvent(em, held, 'blocked', 'us.reg-f.1006.14(b)(2)(i)', '2026-11-07T03:00:00Z');
  await gateEvent(em, held, 'blocked', 'in.rbi.contact-hours', '2026-10-30T03:00:00Z');
  await gateEvent(em, held, 'skipped', null, '2026-11-08T03:00:00Z');
  // Disputes: one opened and verified in the period (36 h), one opened in it and still open, one
  // opened before it and verified in it (50 h), one opened and verified before it (not counted).
  await standing(em, a, 'dispute_opened', 'inbound', '2026-11-10T00:00:00Z');
  await standing(em, a, 'dispute_verified', 'api', '2026-11-11T12:00:00Z');
  await standing(em, b, 'dispute_opened', 'collector', '2026-11-20T00:00:00Z');
  await standing(em, c, 'dispute_opened', 'inbound', '2026-10-31T22:00:00Z');
  await standing(em, c, 'dispute_verified', 'api', '2026-11-03T00:00:00Z');
  await standing(em, d, 'dispute_opened', 'inbound', '2026-10-01T00:00:00Z');
  await standing(em, d, 'dispute_verified', 'api', '2026-10-02T00:00:00Z');
  // Opt-outs: a STOP, an email unsubscribe, one before the period.
  await standing(em, a, 'opt_out', 'inbound', '2026-11-12T00:00:00Z', 'sms');
  await standing(em, b, 'opt_out', 'delivery_event', '2026-11-13T00:00:00Z', 'email');
  await standing(em, c, 'opt_out_all', 'inbound', '2026-10-13T00:00:00Z');
  // SLA breaches: two against one holder, one against another, one after the period.
  for (const [assignee, at] of [['col-asha', '2026-11-14T00:00:00Z'], ['col-asha', '2026-11-21T00:00:00Z'], ['agency-north', '2026-11-15T00:00:00Z'], ['col-asha', '2026-12-01T00:00:00Z']]) {
    await em.execute(`insert into recovery_case_events (case_id, at, kind, assignee_id, data) values (?, ?, 'sla_breached', ?, '{}')`, [`case-recovery-${a}-1`, at, assignee]);
  }
  // Decisions: a decline by the policy with two reasons (their texts in the loan's read model), an
  // approval, a reviewer's decline with one reason, a decline that names none; one after the period.
  await em.execute(
    `insert into loans (loan_id, status, product, currency, requested_principal, decision, version, created_at, updated_at) values (?, 'declined', 'personal', 'INR', 100000, ?, 1, now(), now())`,
    [a, JSON.stringify({ outcome: 'declined', reasons: [{ code: 'DTI_HIGH', text: 'Debt obligations too high for the income' }, { code: 'THIN_FILE', text: 'Too little credit history' }] })],
  );
  await decision(em, a, 1, 'decision.made', { outcome: 'declined', reasons: ['DTI_HIGH', 'THIN_FILE'], policyVersion: 3 }, '2026-11-16T00:00:00Z');
  await decision(em, b, 1, 'decision.made', { outcome: 'approved', reasons: [], policyVersion: 3 }, '2026-11-17T00:00:00Z');
  await decision(em, c, 1, 'review.decided', { outcome: 'declined', reviewer: 'asha', reasons: ['DTI_HIGH'] }, '2026-11-18T00:00:00Z');
  await decision(em, d, 1, 'decision.made', { outcome: 'declined', reasons: [], policyVersion: 3 }, '2026-11-19T00:00:00Z');
  await decision(em, d, 2, 'decision.made', { outcome: 'declined', reasons: ['DTI_HIGH'], policyVersion: 3 }, '2026-12-02T00:00:00Z');
}

async function get(query: string): Promise<{ status: number; headers: Headers; body: Buffer }> {
  const res = await fetch(`${api.base}/v1/compliance/report?${query}`, { headers: await authAs('compliance') });
  return { status: res.status, headers: res.headers, body: Buffer.from(await res.arrayBuffer()) };
}

function csvRows(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted && ch === '"' && text[i + 1] === '"') {
      cell += '"';
      i++;
    } else if (ch === '"') {
      quoted = !quoted;
    } else if (quoted) {
      cell += ch;
    } else if (ch === ',') {
      row.push(cell);
      cell = '';
    } else if (ch === '\r' && text[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i++;
    } else {
      cell += ch;
    }
  }
  return rows;
}

/** The strings a PDF's pages show, in order: each content stream inflated and its text operators read. */
function pdfStrings(pdf: Buffer): string[] {
  const out: string[] = [];
  for (const m of pdf.toString('latin1').matchAll(/stream\r?\n([\s\S]*?)\r?\nendstream/g)) {
    let content: string;
    try {
      content = inflateSync(Buffer.from(m[1]!, 'latin1')).toString('latin1');
    } catch {
      continue;
    }
    for (const t of content.matchAll(/<([0-9A-Fa-f]*)> Tj|\(((?:\\.|[^\\)])*)\) Tj/g)) out.push(t[1] !== undefined ? Buffer.from(t[1], 'hex').toString('latin1') : t[2]!.replace(/\\(.)/g, '$1'));
  }
  return out;
}

const value = (rows: string[][], section: string, item: string) => rows.find((r) => r[0] === section && r[1] === item)?.[2];

describe('GET /v1/compliance/report', () => {
  let csv: string[][];

  it('as CSV: the period\'s figures, from the records, and nothing from outside it', async () => {
    const answer = await get(`from=2026-11-01&to=2026-12-01&format=csv`);
    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(answer.headers.get('content-disposition')).toBe('attachment; filename="credence-compliance-2026-11-01-2026-12-01.csv"');
    csv = csvRows(answer.body.toString('utf8'));
    expect(csv[0]).toEqual(['section', 'item', 'value', 'note']);
    expect(csv.every((r) => r.length === 4)).toBe(true);
    const figures = (section: string) => csv.filter((r) => r[0] === section).map((r) => [r[1], r[2]]);
    expect(figures('report').slice(0, 2)).toEqual([['period from', FROM], ['period to', TO]]);
    expect(figures('contacts_made')).toEqual([['email (automated)', '1'], ['sms (automated)', '2'], ['voice (collector)', '1'], ['total', '4']]);
    expect(figures('contacts_blocked')).toEqual([['in.rbi.contact-hours', '2'], ['us.reg-f.1006.14(b)(2)(i)', '1'], ['total', '3']]);
    expect(figures('contacts_skipped')).toEqual([['total', '1']]);
    expect(figures('disputes')).toEqual([
      ['opened in the period', '2'],
      ['verified in the period', '2'],
      ['open at the end of the period', '1'],
      ['hours to verification, median', '43'],
      ['hours to verification, mean', '43'],
      ['hours to verification, longest', '50'],
    ]);
    const [a, b, c] = loans;
    expect(csv.filter((r) => r[0] === 'dispute').map((r) => [r[1], r[2], r[3]])).toEqual([
      [c, '50', 'opened 2026-10-31T22:00:00.000Z (inbound); verified 2026-11-03T00:00:00.000Z'],
      [a, '36', 'opened 2026-11-10T00:00:00.000Z (inbound); verified 2026-11-11T12:00:00.000Z'],
      [b, '', 'opened 2026-11-20T00:00:00.000Z (collector); not verified'],
    ]);
    expect(figures('opt_outs')).toEqual([['email via delivery_event', '1'], ['sms via inbound', '1'], ['total', '2']]);
    expect(csv.filter((r) => r[0] === 'complaints')).toEqual([['complaints', 'complaints', '', NO_COMPLAINT_RECORD]]);
    expect(figures('sla_breaches')).toEqual([['col-asha', '2'], ['agency-north', '1'], ['total', '3']]);
    expect(figures('decisions')).toEqual([['approved', '1'], ['declined', '3'], ['declined without an adverse-action reason', '1']]);
    expect(csv.filter((r) => r[0] === 'adverse_action_reasons').map((r) => [r[1], r[2], r[3]])).toEqual([
      ['DTI_HIGH', '2', 'Debt obligations too high for the income'],
      ['THIN_FILE', '1', 'Too little credit history'],
    ]);
    expect(csv.filter((r) => r[0] === 'declined_application').map((r) => [r[1], r[2], r[3]])).toEqual([
      [a, 'DTI_HIGH;THIN_FILE', 'decided 2026-11-16T00:00:00.000Z by policy:3'],
      [c, 'DTI_HIGH', 'decided 2026-11-18T00:00:00.000Z by reviewer:asha'],
      [loans[3], '', 'decided 2026-11-19T00:00:00.000Z by policy:3'],
    ]);
    expect(value(csv, 'declined_application', loans[3]!)).toBe('');
  });

  it('as PDF: a real document whose pages show every row of the CSV, figure for figure', async () => {
    const answer = await get(`from=2026-11-01&to=2026-12-01&format=pdf`);
    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-type')).toBe('application/pdf');
    expect(answer.body.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const doc = await PDFDocument.load(answer.body);
    expect(doc.getPageCount()).toBeGreaterThanOrEqual(1);
    expect(doc.getTitle()).toBe(`Credence compliance report ${FROM} to ${TO}`);
    const shown = pdfStrings(answer.body);
    expect(shown[0]).toBe('Credence compliance report');
    for (const [, item, figure, note] of csv.slice(1).filter((r) => r[0] !== 'report' || r[1] !== 'generated at')) {
      const at = shown.findIndex((s, i) => s === item && (figure === '' || shown[i + 1] === figure));
      expect({ item, figure, found: at >= 0 }).toEqual({ item, figure, found: true });
      if (note) expect(shown.slice(at + 1, at + 12).join(' ')).toContain(note.split(' ').slice(0, 4).join(' '));
    }
  });

  it('refuses a period it cannot report on, and records every export in the audit trail', async () => {
    const bad = await get('from=2026-12-01&to=2026-11-01&format=xls');
    expect(bad.status).toBe(400);
    expect((JSON.parse(bad.body.toString()) as { errors: { field: string }[] }).errors.map((e) => e.field)).toEqual(['format']);
    expect((await get('from=2026-12-01&to=2026-11-01')).status).toBe(400);
    expect((await get('from=2020-01-01&to=2026-11-01')).status).toBe(400);
    expect((await get('to=2026-11-01')).status).toBe(400);
    const [row] = await api.orm.em.fork().execute<{ n: string }[]>(`select count(*) as n from audit_log where action = 'ComplianceReportController_report' and kind = 'read'`);
    expect(Number(row!.n)).toBe(6);
  });
});
