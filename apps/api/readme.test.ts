// The README, copied literally: every curl example in README.md is sent as written (its body
// inline or from the file it names) to the real API on the real Temporal dev server and a real
// PostgreSQL, with the real clock, and each field its `# 200 {...}` line shows must be what the
// API answers. Its `TOKEN=$(npm run -s dev:token -- --role ops)` lines are run as written, against
// the run's issuer, and the commands below them send what they printed. Then every person in its
// table of test identities applies with the body the table links, on a fresh database and again
// on a used one, and gets the outcome the table promises. The README is read from the file on every run, so the two cannot drift apart.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { INestApplication } from '@nestjs/common';
import { readFileSync } from 'node:fs';
import { pino } from 'pino';
import type { LoanApplication } from '../../domain/application.js';
import type { DecisionResult } from '../../workflows/loan/definitions.js';
import { TEST_IDENTITIES } from '../sandboxes/identities.js';
import { createLoanTestEnv, type LoanTestEnv } from '../testkit/loan-env.js';
import { differences, expandVariables, markdownTable, readmeExamples, shellAssignments, variablesAt, type CurlCommand } from '../testkit/readme-examples.js';
import { runAssignments } from '../testkit/readme-shell.js';
import { tokenFor } from '../testkit/tokens.js';
import { createApi } from './create-api.js';

const root = new URL('../../', import.meta.url);
const README = readFileSync(new URL('README.md', root), 'utf8');
const API = 'http://localhost:3000';

let t: LoanTestEnv;
let app: INestApplication;
let base: string;

beforeAll(async () => {
  printed = await runAssignments(assignments);
  t = await createLoanTestEnv({ server: 'dev' });
  app = await createApi({ config: t.config, orm: t.orm, loans: t.loans, models: t.models, logger: pino({ level: 'silent' }) });
  await app.listen(0, '127.0.0.1');
  base = await app.getUrl();
});
afterAll(async () => {
  await app?.close();
  await t?.teardown();
});

interface Answer {
  status: number;
  body: unknown;
}

const assignments = shellAssignments(README);
/** What each assignment's command printed (run in beforeAll). */
let printed = new Map<string, string>();

/**
 * `<name>` in a command is the value an earlier answer gave (the README's "<loanId>"); `$NAME`, the
 * shell variable a line above it set (`line`: where the command is).
 */
async function send(command: CurlCommand, vars: Record<string, string>, line = Infinity): Promise<Answer> {
  const fill = (text: string) => text.replace(/<(\w+)>/g, (whole, name: string) => vars[name] ?? whole);
  const shell = variablesAt(line, assignments, (a) => printed.get(a.command)!);
  const headers = Object.fromEntries(Object.entries(command.headers).map(([name, value]) => [name, fill(expandVariables(value, shell))]));
  const data = command.data && ('file' in command.data ? readFileSync(new URL(command.data.file, root), 'utf8') : command.data.text);
  const res = await fetch(fill(command.url).replace(API, base), { method: command.method, headers, ...(data === undefined ? {} : { body: fill(data) }) });
  const text = await res.text();
  return { status: res.status, body: text ? (JSON.parse(text) as unknown) : undefined };
}

const examples = readmeExamples(README).filter((e) => e.command.url.startsWith(API));

interface IdentityRow {
  name: string;
  nationalId: string;
  dateOfBirth: string;
  phone: string;
  bodyFile: string;
  answers: string;
}

const identityRows: IdentityRow[] = markdownTable(README, '### Sandbox test identities').map((row) => ({
  name: row['Name'] ?? '',
  nationalId: (row['National ID'] ?? '').replaceAll('`', ''),
  dateOfBirth: row['Date of birth'] ?? '',
  phone: row['Phone'] ?? '',
  bodyFile: /\]\(([^)]+)\)/.exec(row['Request body'] ?? '')?.[1] ?? '',
  answers: row['The API answers'] ?? '',
}));

const bodyOf = (row: IdentityRow) => JSON.parse(readFileSync(new URL(row.bodyFile, root), 'utf8')) as LoanApplication;

/** What a row's last column promises: the status in backticks first, then any score, grade, offer amount and reason codes it names. */
function promised(row: IdentityRow) {
  const status = /^`([a-z_]+)`/.exec(row.answers)?.[1];
  const score = /\bscore (\d+)/.exec(row.answers)?.[1];
  const grade = /\bgrade ([A-E])\b/.exec(row.answers)?.[1];
  const offer = /\ban offer of (\d+)/.exec(row.answers)?.[1];
  const reasons = [...row.answers.matchAll(/`([A-Z_]{4,})`/g)].map((m) => m[1]);
  return { status, ...(score ? { score: Number(score) } : {}), ...(grade ? { grade } : {}), ...(offer ? { offer: Number(offer) } : {}), ...(reasons.length > 0 ? { reasons } : {}) };
}

function answered(row: IdentityRow, { status, decision, offer }: DecisionResult) {
  const shown = promised(row);
  return {
    status,
    ...('score' in shown ? { score: decision?.score } : {}),
    ...('grade' in shown ? { grade: decision?.grade } : {}),
    ...('offer' in shown ? { offer: offer?.principal } : {}),
    ...(shown.reasons ? { reasons: decision?.reasons.map((r) => r.code).filter((code) => shown.reasons?.includes(code)) } : {}),
  };
}

/** What ops would send: an application with their token. */
async function apply(bodyFile: string): Promise<Answer> {
  return send({ method: 'POST', url: `${API}/v1/applications?wait=decision`, headers: { authorization: `Bearer ${await tokenFor('ops')}`, 'content-type': 'application/json' }, data: { file: bodyFile } }, {});
}

async function applyAsEveryone(round: string): Promise<void> {
  for (const row of identityRows) {
    const answer = await apply(row.bodyFile);
    expect({ round, who: row.name, httpStatus: answer.status }).toEqual({ round, who: row.name, httpStatus: 200 });
    expect({ round, who: row.name, ...answered(row, answer.body as DecisionResult) }).toEqual({ round, who: row.name, ...promised(row) });
  }
}

describe('README.md', () => {
  it('has curl examples for the API, each showing the answer it gets', () => {
    expect(examples.length).toBeGreaterThanOrEqual(4);
    for (const example of examples) expect({ line: example.line, shows: example.shown?.status }).toEqual({ line: example.line, shows: expect.any(Number) });
  });

  it('lists every published test identity, with a body that is that person', () => {
    expect(identityRows.map((row) => row.nationalId)).toEqual(TEST_IDENTITIES.map((identity) => identity.nationalId));
    for (const row of identityRows) {
      const { applicant } = bodyOf(row);
      const { name, nationalId, dateOfBirth, phone } = row;
      expect({ file: row.bodyFile, name: `${applicant.firstName} ${applicant.lastName}`, nationalId: applicant.nationalId, dateOfBirth: applicant.dateOfBirth, phone: applicant.phone }).toEqual({ file: row.bodyFile, name, nationalId, dateOfBirth, phone });
      expect(promised(row).status).toEqual(expect.any(String));
    }
    // Each person's own bank account, phone and email: nobody trips the shared-identifier rules.
    for (const kind of ['bankAccount', 'phone', 'email'] as const) {
      const values = identityRows.map((row) => (kind === 'bankAccount' ? bodyOf(row).bankAccount?.accountNumber : bodyOf(row).applicant[kind]));
      expect(new Set(values).size).toBe(identityRows.length);
    }
  });

  it("gives every identity the table's outcome on a fresh database", async () => {
    await applyAsEveryone('fresh database');
  });

  it('answers each example as it shows, in order', async () => {
    const vars: Record<string, string> = {};
    for (const { line, command, shown } of examples) {
      const answer = await send(command, vars, line);
      expect({ line, status: answer.status, differences: differences(shown?.body, answer.body, vars) }).toEqual({ line, status: shown?.status, differences: [] });
      // What a later command or answer may name as <field>: the loan, an API key and its id.
      for (const [field, value] of Object.entries((answer.body ?? {}) as Record<string, unknown>)) if (typeof value === 'string') vars[field] = value;
    }
  });

  it('gets its tokens as it says, from the issuer the API trusts', () => {
    expect(assignments.map((a) => a.command)).toEqual(expect.arrayContaining(['npm run -s dev:token -- --role ops', 'npm run -s dev:token -- --role admin']));
    for (const a of assignments) expect(printed.get(a.command)).toMatch(/^eyJ[\w-]+\.[\w-]+\.[\w-]+$/);
  });

  it("gives every identity the table's outcome again on the used database", async () => {
    await applyAsEveryone('used database');
  });

  // Last: it leaves the bureau's circuit breaker open for a minute.
  it('opens the bureau circuit breaker with two applications in a row as the outage identity, as it says', async () => {
    const outage = identityRows.find((row) => promised(row).status === 'manual_review' && /503/.test(row.answers))!;
    const other = identityRows.find((row) => promised(row).status === 'declined')!;
    expect(README).toMatch(/two applications as Meera in a row[^.]*open[^.]*breaker/);
    for (let i = 0; i < 2; i++) await apply(outage.bodyFile);
    const during = await apply(other.bodyFile);
    expect(during.body).toMatchObject({ status: 'manual_review', decision: { reviewReasons: expect.arrayContaining([expect.stringMatching(/^Credit bureau unavailable/)]) } });
  });
});
