import { describe, expect, it } from '@jest/globals';
import { differences, expandVariables, markdownTable, parseShown, readmeExamples, shellAssignments, shellWords, variablesAt } from './readme-examples.js';

const markdown = [
  '# Title',
  '',
  '```sh',
  "curl -s -X POST 'localhost:3000/v1/applications?wait=decision' \\",
  "  -H 'content-type: application/json' -H 'Idempotency-Key: my-first-loan' -d '{",
  '  "loan": { "principal": 30000000 }',
  "}'",
  '# 200 {"loanId":"…","status":"offered","decision":{"score":621,…},',
  '#      "offer":{"principal":30000000,"expiresAt":"…"}}',
  '```',
  '',
  '```sh',
  'npm start',
  'curl -s -X POST localhost:3000/v1/loans/<loanId>/offer/accept',
  '# 200 {"loanId":"<loanId>","status":"active",…}',
  'curl -s localhost:3000/health',
  'curl -s -X POST localhost:3000/v1/applications -H "content-type: application/json" -d @apps/sandboxes/identities/approved.json',
  '# 202 {"loanId":"…","status":"submitted"}',
  '```',
  '',
  '### People',
  '',
  '| Name | Body |',
  '| --- | --- |',
  '| Priya | `a\\|b` |',
  '| Rohan | x |',
  '',
  'after',
].join('\n');

describe('readmeExamples', () => {
  const examples = readmeExamples(markdown);

  it('reads each curl command as written, with the answer shown under it', () => {
    expect(examples.map((e) => e.line)).toEqual([4, 14, 16, 17]);
    expect(examples[0]!.command).toEqual({
      method: 'POST',
      url: 'http://localhost:3000/v1/applications?wait=decision',
      headers: { 'content-type': 'application/json', 'idempotency-key': 'my-first-loan' },
      data: { text: '{\n  "loan": { "principal": 30000000 }\n}' },
    });
    expect(examples[0]!.shown?.status).toBe(200);
    expect(examples[1]!.command).toMatchObject({ method: 'POST', url: 'http://localhost:3000/v1/loans/<loanId>/offer/accept' });
    expect(examples[2]).toEqual({ line: 16, command: { method: 'GET', url: 'http://localhost:3000/health', headers: {} } });
    expect(examples[3]!.command.data).toEqual({ file: 'apps/sandboxes/identities/approved.json' });
    expect(examples[3]!.shown).toEqual({ status: 202, body: parseShown('{"loanId":"…","status":"submitted"}') });
  });

  it('refuses a curl option it would not send as curl does', () => {
    expect(() => readmeExamples('```sh\ncurl -F a=b localhost:3000/x\n```\n')).toThrow(/-F is not understood/);
  });
});

describe('shellWords', () => {
  it('joins quoted parts, keeps escapes, follows line continuations and stops at a newline', () => {
    expect(shellWords(`a 'b c'"d\\"e" f\\ g \\\n h\nnext`, 0)).toEqual({ words: ['a', 'b cd"e', 'f g', 'h'], end: 23 });
  });
});

describe('differences', () => {
  const shown = parseShown('{"loanId":"…","status":"offered","decision":{"score":621,"grade":"B",…},"offer":{"principal":30000000,"expiresAt":"…"},"reasons":[{"code":"INQUIRIES",…},…]}');
  const actual = {
    loanId: 'a1',
    status: 'offered',
    decision: { score: 621, grade: 'B', pd: 0.009569 },
    offer: { principal: 30_000_000, expiresAt: '2026-12-09T00:00:00Z' },
    reasons: [
      { code: 'INQUIRIES', text: 'Too many inquiries' },
      { code: 'UTILISATION', text: '…' },
    ],
  };

  it('finds none when every shown field is what was answered', () => {
    expect(differences(shown, actual)).toEqual([]);
  });

  it('names each shown field that differs or is missing', () => {
    expect(differences(shown, { ...actual, decision: { score: 607, grade: 'C' }, offer: { principal: 30_000_000 } })).toEqual([
      '$.decision.score: 607, shown 621',
      '$.decision.grade: "C", shown "B"',
      '$.offer.expiresAt: missing',
    ]);
    expect(differences(shown, { ...actual, reasons: [] })).toEqual(['$.reasons: 0 elements, shown 1 or more']);
  });

  it('holds an object without … to exactly its members, and an array without … to its length', () => {
    expect(differences(shown, { ...actual, offer: { ...actual.offer, aprBps: 1499 } })).toEqual(['$.offer: has aprBps, not shown (end the object with … to allow more)']);
    expect(differences(parseShown('[1,2]'), [1, 2, 3])).toEqual(['$: 3 elements, shown 2']);
  });

  it('compares "<name>" with the value an earlier answer gave', () => {
    const same = parseShown('{"loanId":"<loanId>",…}');
    expect(differences(same, { loanId: 'a1', status: 'active' }, { loanId: 'a1' })).toEqual([]);
    expect(differences(same, { loanId: 'b2' }, { loanId: 'a1' })).toEqual(['$.loanId: "b2", not <loanId> ("a1")']);
  });

  it('reads … inside a string as text, not as an elision', () => {
    expect(parseShown('{"text":"a … b","k":"…"}')).toEqual({ text: 'a … b', k: { __shown_any: true } });
  });
});

describe('markdownTable', () => {
  it('reads the first table under a heading, escaped pipes included', () => {
    expect(markdownTable(markdown, '### People')).toEqual([
      { Name: 'Priya', Body: '`a\\|b`' },
      { Name: 'Rohan', Body: 'x' },
    ]);
  });
});

describe('shell variables', () => {
  const text = ['```sh', 'TOKEN=$(npm run -s dev:token -- --role ops)   # a comment', 'curl -s -H "Authorization: Bearer $TOKEN" localhost:3000/v1/loans', '```', '', '```sh', 'TOKEN=$(npm run -s dev:token -- --role admin)', 'curl -s -H "Authorization: Bearer ${TOKEN}" localhost:3000/v1/api-keys', '```'].join('\n');
  const assignments = shellAssignments(text);

  it('reads each NAME=$(command) line of the sh blocks', () => {
    expect(assignments).toEqual([
      { line: 2, name: 'TOKEN', command: 'npm run -s dev:token -- --role ops' },
      { line: 7, name: 'TOKEN', command: 'npm run -s dev:token -- --role admin' },
    ]);
  });

  it('gives a command the value last set above it', () => {
    const valueOf = (a: { command: string }) => a.command.split(' ').at(-1)!;
    const [first, second] = readmeExamples(text);
    expect(expandVariables(first!.command.headers['authorization']!, variablesAt(first!.line, assignments, valueOf))).toBe('Bearer ops');
    expect(expandVariables(second!.command.headers['authorization']!, variablesAt(second!.line, assignments, valueOf))).toBe('Bearer admin');
    expect(() => expandVariables('Bearer $ADMIN', {})).toThrow('$ADMIN is used before the README sets it');
  });
});
