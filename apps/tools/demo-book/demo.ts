// `npm run demo [-- --api http://127.0.0.1:3000] [--seed credence-demo] [--size 300]`, beside a
// platform started with `npm start`: imports the demo book (generate-demo-book.ts) through
// POST /v1/portfolio/imports and prints what it holds, by scenario and bucket, and where to watch
// recovery work on it. Exits 1 if the API refused the book or any row of it.
import { toIsoDate } from '../../../domain/calendar.js';
import { checkContact } from '../../../policies/compliance/gate.js';
import { importedLoanId } from '../../api/portfolio/loan-id-for.js';
import { devToken } from '../dev-token.js';
import { generateDemoBook, SCENARIOS, type DemoLoan } from './generate-demo-book.js';

interface Report {
  importId: string;
  received: number;
  imported: number;
  alreadyImported: number;
  rejected: { row: number; lenderReference: string | null; errors: { field: string; message: string }[] }[];
}

const BUCKETS = ['current', '1-15', '16-30', '31-60', '61-90', '90+'];
/** What the printed curl commands send: the token the reader gets with dev:token. */
const AUTH = '-H "Authorization: Bearer $TOKEN"';

function option(name: string, fallback: string): string {
  const args = process.argv.slice(2);
  const at = args.indexOf(name);
  return at === -1 ? fallback : (args[at + 1] ?? fallback);
}

const api = option('--api', `http://127.0.0.1:${process.env.PORT ?? '3000'}`).replace(/\/+$/, '');
const seed = option('--seed', 'credence-demo');
const size = Number(option('--size', '300'));
const today = toIsoDate(Date.now());

async function waitForApi(): Promise<void> {
  const deadline = Date.now() + 120_000;
  for (let said = false; ; ) {
    try {
      const res = await fetch(`${api}/health`);
      if (res.status < 500) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`no API answered at ${api} within two minutes: start the platform with \`npm start\` (it listens on PORT, 3000 by default)`);
    if (!said) process.stdout.write(`waiting for the API at ${api} ...\n`);
    said = true;
    await new Promise((r) => setTimeout(r, 2000));
  }
}

function table(book: DemoLoan[]): string {
  const rows: (string | number)[][] = [...SCENARIOS].map((scenario) => [scenario, ...BUCKETS.map((b) => book.filter((l) => l.scenario === scenario && l.bucket === b).length), book.filter((l) => l.scenario === scenario).length]);
  rows.push(['all', ...BUCKETS.map((b) => book.filter((l) => l.bucket === b).length), book.length]);
  const header = ['scenario', ...BUCKETS, 'loans'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
  const line = (cells: (string | number)[]) => cells.map((c, i) => (i === 0 ? String(c).padEnd(widths[i]!) : String(c).padStart(widths[i]!))).join('  ');
  return [line(header), ...rows.map(line)].join('\n');
}

async function main(): Promise<number> {
  const book = generateDemoBook({ seed, today, size });
  await waitForApi();
  // CREDENCE_TOKEN (a bearer token, or an API key with portfolio:import), else an ops token from the local development issuer.
  const token = process.env.CREDENCE_TOKEN || (await devToken({ role: 'ops' }));
  const res = await fetch(`${api}/v1/portfolio/imports`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify({ loans: book.map((l) => l.row) }) });
  const answer = (await res.json()) as Report | { report?: Report; detail?: string };
  const report = 'importId' in answer ? answer : answer.report;
  if (!report) {
    process.stderr.write(`the API refused the demo book: ${res.status} ${JSON.stringify(answer)}\n`);
    return 1;
  }
  const countries = ['IN', 'US', 'ES'].map((c) => `${book.filter((l) => l.country === c).length} ${c}`).join(', ');
  process.stdout.write(
    `Demo book of ${today} (seed ${seed}): ${report.received} loans (${countries})\n` +
      `  imported ${report.imported}, already imported ${report.alreadyImported}, rejected ${report.rejected.length}   import ${api}/v1/portfolio/imports/${report.importId}\n\n` +
      `${table(book)}\n\n`,
  );
  for (const r of report.rejected.slice(0, 10)) process.stdout.write(`  rejected row ${r.row} (${r.lenderReference ?? '?'}): ${r.errors.map((e) => `${e.field} ${e.message}`).join('; ')}\n`);
  const scripted = book.filter((l) => l.script);
  const sample = (scenario: string) => book.find((l) => l.scenario === scenario && l.bucket !== 'current');
  const loanUrl = (l: DemoLoan | undefined) => (l ? `${api}/v1/loans/${importedLoanId(String(l.row.lenderReference))}` : '(none in this book)');
  process.stdout.write(
    `Recovery starts on every loan past due as its workflow opens (the bucket change goes through the recovery seam). Watch it, with a token first (TOKEN=$(npm run -s dev:token -- --role ops)):\n` +
      `  delinquent loans by bucket   curl -s ${AUTH} '${api}/v1/loans?status=delinquent&bucket=31-60'\n` +
      `  recovery cases               curl -s ${AUTH} '${api}/v1/recovery/cases?bucket=31-60'\n` +
      `  recovery figures             curl -s ${AUTH} '${api}/v1/recovery/stats'\n` +
      `  a strategic defaulter        curl -s ${AUTH} ${loanUrl(sample('strategic-defaulter'))}   (events: recovery.*)\n` +
      `  a farmer in the lean season  curl -s ${AUTH} ${loanUrl(sample('seasonal-farmer'))}\n` +
      `  a borrower in distress       curl -s ${AUTH} ${loanUrl(sample('sudden-distress'))}\n` +
      `  Temporal UI                  http://localhost:${process.env.TEMPORAL_UI_PORT ?? '8233'}/namespaces/default/workflows?query=${encodeURIComponent('LoanBucket="31-60"')}\n` +
      `The recovery sandboxes' scripted borrowers (apps/tools/demo-book/recovery-test-borrowers.ts):\n` +
      scripted.map((l) => `  ${l.script!.padEnd(18)} ${loanUrl(l)}\n`).join('') +
      heldByHours(),
  );
  return report.rejected.length > 0 ? 1 : 0;
}

/**
 * The scripted borrowers live in India: outside the RBI's recovery hours their first text waits,
 * and a newcomer watching at night would see nothing happen. Asked of the gate itself, for a
 * borrower with a clean slate, so the hint says what the cases will show.
 */
function heldByHours(): string {
  const decision = checkContact(
    { channel: 'sms', at: Date.now(), automated: true, toThirdParty: false, threatensSuit: false },
    {
      standing: { country: 'IN', timeZone: 'Asia/Kolkata', optedOutOfAll: false, optedOutChannels: [], wrongNumberChannels: [], bankruptcy: false, deceased: false, disputeOpen: false, automatedConsent: true, timeBarred: false },
      history: [],
      weeklyCaps: {},
    },
  );
  if (decision.allowed) return '';
  const until = decision.retryAt === null ? 'until the rule lifts' : `until ${new Date(decision.retryAt).toISOString()}`;
  return `  Texts to them wait now (${decision.rule}: ${decision.reason}) ${until}; each case's timeline shows contact_blocked with rescheduledTo.\n`;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(`demo: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  },
);
