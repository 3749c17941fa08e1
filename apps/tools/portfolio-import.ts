// `npm run -s portfolio:import -- --file book.csv [--api http://127.0.0.1:3000] [--idempotency-key KEY]`
//
// Sends a lender's book (a .csv, or a .json `{ "loans": [...] }`) to POST /v1/portfolio/imports on
// a running platform (`npm start`; the API on PORT, 3000 by default) and prints the report, as
// JSON on stdout, with a one-line summary on stderr. It authenticates with CREDENCE_TOKEN (a
// person's bearer token, or an API key with portfolio:import), or else with an ops token from the
// local development issuer (as `npm run -s dev:token -- --role ops` prints).
//
// Exit status: 0 when every row was imported or was already here; 2 when rows were rejected (the
// good ones were still imported, and the report says which were not and why: fix those rows and
// send the file again, which imports only what is new); 1 when the request itself failed (the API
// unreachable, the file unreadable or empty, refused whole as 400/413/415, the credential refused
// (401/403), or an Idempotency-Key reused).
//
// Runs on Node 24's type stripping (no build step), so it imports nothing relative statically.
import { readFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { extname, resolve } from 'node:path';

interface Report {
  importId: string;
  received: number;
  imported: number;
  alreadyImported: number;
  rejected: { row: number; lenderReference: string | null; errors: { field: string; message: string }[] }[];
}

function option(name: string): string | undefined {
  const args = process.argv.slice(2);
  const at = args.indexOf(name);
  if (at === -1) return undefined;
  const value = args[at + 1];
  if (value === undefined || value.startsWith('--')) fail(`${name} needs a value`);
  return value;
}

function fail(message: string): never {
  process.stderr.write(`portfolio:import: ${message}\n`);
  process.exit(1);
}

const file = option('--file') ?? fail('usage: npm run -s portfolio:import -- --file book.csv [--api http://127.0.0.1:3000] [--idempotency-key KEY]');
const api = (option('--api') ?? `http://127.0.0.1:${process.env.PORT ?? '3000'}`).replace(/\/+$/, '');
const key = option('--idempotency-key');
// npm runs scripts from the project root; the file is named relative to where npm was run.
const path = resolve(process.env.INIT_CWD ?? process.cwd(), file);
const type = extname(path).toLowerCase() === '.json' ? 'application/json' : 'text/csv';

/** CREDENCE_TOKEN, else an ops token from the local development issuer. */
async function credential(): Promise<string> {
  if (process.env.CREDENCE_TOKEN) return process.env.CREDENCE_TOKEN;
  // Beside this file, whichever it is: the source run on type stripping, or its build in dist/.
  const { devToken } = (await import(new URL(`./dev-token${extname(import.meta.filename)}`, import.meta.url).href)) as typeof import('./dev-token.js');
  try {
    return await devToken({ role: 'ops' });
  } catch (err) {
    fail(`${(err as Error).message}\nSet CREDENCE_TOKEN to a bearer token or an API key (ck_...) allowed portfolio:import.`);
  }
}

let body: Buffer;
try {
  body = readFileSync(path);
} catch (err) {
  fail(`cannot read ${path}: ${(err as Error).message}`);
}

/**
 * POSTs the file and waits as long as the import takes: a full file of 10,000 rows starts its
 * loans for a few minutes, longer than fetch waits for an answer's headers (300 s).
 */
function post(token: string): Promise<{ status: number; text: string }> {
  const url = new URL(`${api}/v1/portfolio/imports`);
  const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((done, failed) => {
    const req = send(url, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': type, 'content-length': body.length, ...(key ? { 'idempotency-key': key } : {}) } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => done({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', failed);
    });
    req.on('error', failed);
    req.end(body);
  });
}

const token = await credential();
let answered: { status: number; text: string };
try {
  answered = await post(token);
} catch (err) {
  fail(`the API at ${api} could not be reached (${(err as Error).message}); is the platform running (npm start)?`);
}
const { status, text } = answered;
let answer: unknown;
try {
  answer = JSON.parse(text);
} catch {
  fail(`${status} from ${api}: ${text.slice(0, 500)}`);
}

const ok = status === 200 || status === 201;
const report = (status === 422 ? (answer as { report?: Report }).report : ok ? (answer as Report) : undefined) ?? fail(`${status}: ${JSON.stringify(answer)}`);
process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
const { received, imported, alreadyImported, rejected } = report;
process.stderr.write(`import ${report.importId}: ${received} rows, ${imported} imported, ${alreadyImported} already imported, ${rejected.length} rejected\n`);
if (received === 0) fail('the file holds no rows: nothing was imported');
process.exit(rejected.length > 0 ? 2 : 0);
