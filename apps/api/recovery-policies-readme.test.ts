// policies/recovery/examples/README.md, copied literally: every curl example in it is sent as
// written (its body inline or from the file it names) to the real API over a fresh seeded
// database, in order, and each field its `# 201 {...}` line shows must be what the API answers.
// `<version>` in a command or an answer is the version the last draft created was given;
// `<experiment>`, the ID of the last experiment started; `<approval>`, the last request a second
// person must approve (a 202). Its `TOKEN=$(npm run -s dev:token -- ...)` lines are run as
// written, against the run's issuer, and the commands below each send its token.
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { startDatabaseApi, type DatabaseApi } from '../testkit/database-api.js';
import { differences, expandVariables, readmeExamples, shellAssignments, variablesAt, type CurlCommand } from '../testkit/readme-examples.js';
import { runAssignments } from '../testkit/readme-shell.js';

const root = new URL('../../', import.meta.url);
const README = readFileSync(new URL('policies/recovery/examples/README.md', root), 'utf8');
const API = 'http://localhost:3000';

let api: DatabaseApi;
beforeAll(async () => {
  printed = await runAssignments(assignments);
  api = await startDatabaseApi();
});
afterAll(async () => {
  await api?.close();
});

const assignments = shellAssignments(README);
/** What each assignment's command printed (run in beforeAll). */
let printed = new Map<string, string>();

async function send(command: CurlCommand, vars: Record<string, unknown>, line: number): Promise<{ status: number; body: unknown }> {
  const fill = (text: string) => text.replace(/<(\w+)>/g, (whole, name: string) => (name in vars ? String(vars[name]) : whole));
  const shell = variablesAt(line, assignments, (a) => printed.get(a.command)!);
  const headers = Object.fromEntries(Object.entries(command.headers).map(([name, value]) => [name, expandVariables(value, shell)]));
  const data = command.data && ('file' in command.data ? readFileSync(new URL(command.data.file, root), 'utf8') : fill(command.data.text));
  const res = await fetch(fill(command.url).replace(API, api.base), { method: command.method, headers, ...(data === undefined ? {} : { body: data }) });
  const text = await res.text();
  return { status: res.status, body: text ? (JSON.parse(text) as unknown) : undefined };
}

it('answers each example in the policies README as it shows, in order', async () => {
  const examples = readmeExamples(README).filter((e) => e.command.url.startsWith(API));
  expect(examples.length).toBeGreaterThanOrEqual(8);
  const vars: Record<string, unknown> = {};
  for (const { line, command, shown } of examples) {
    const answer = await send(command, vars, line);
    expect({ line, status: answer.status, differences: differences(shown?.body, answer.body, vars) }).toEqual({ line, status: shown?.status, differences: [] });
    if (answer.status === 202) vars['approval'] = (answer.body as { id: string }).id;
    if (answer.status === 201) {
      const created = answer.body as { version?: number; id?: string; challengerVersion?: number };
      if (created.challengerVersion !== undefined) vars['experiment'] = created.id;
      else vars['version'] = created.version;
    }
  }
});
