// `npm run -s audit:verify [-- --anchor <seq>:<hash>] [--json]`
//
// Checks the audit chain straight in the database DATABASE_URL names (no API, no worker needed):
// recomputes every link from the first row and prints the first broken one, or that the chain is
// whole, with its head. With --anchor, also checks that the row a head recorded earlier is still
// there unchanged (a chain rewritten from before that point, hashes and head included, is found).
//
// Exit status: 0 whole; 1 broken; 2 when it could not check (no DATABASE_URL, a bad --anchor, the
// database unreachable).
import { openOrm } from '../../db/orm.js';
import { verifyAuditChain } from '../shared/audit/verify-audit-chain.js';
import { loadConfig } from '../shared/config.js';

function fail(message: string): never {
  process.stderr.write(`audit:verify: ${message}\n`);
  process.exit(2);
}

const args = process.argv.slice(2);
const json = args.includes('--json');
const anchorAt = args.indexOf('--anchor');
let anchor: { seq: number; hash: string } | undefined;
if (anchorAt !== -1) {
  const [seq, hash] = (args[anchorAt + 1] ?? '').split(':');
  if (!seq || !/^\d+$/.test(seq) || !hash || !/^[0-9a-f]{64}$/.test(hash)) fail('--anchor takes <seq>:<hash>, as GET /v1/audit/verify answers the head');
  anchor = { seq: Number(seq), hash };
}

const { databaseUrl } = loadConfig();
if (!databaseUrl) fail('DATABASE_URL is required (the database whose audit_log to check)');
let orm;
try {
  orm = await openOrm({ databaseUrl, poolSize: 1 });
} catch (err) {
  fail(`cannot open the database: ${err instanceof Error ? err.message : String(err)}`);
}
try {
  const result = await verifyAuditChain(orm, anchor ? { anchor } : {});
  if (json) process.stdout.write(`${JSON.stringify(result)}\n`);
  else if (result.ok) process.stdout.write(`audit chain whole: ${result.checked} rows, head ${result.head.seq}:${result.head.hash} (${result.durationMs} ms)\n`);
  else process.stdout.write(`audit chain BROKEN at row ${result.firstBroken!.seq} (${result.firstBroken!.problem}): ${result.firstBroken!.detail}\n`);
  process.exitCode = result.ok ? 0 : 1;
} catch (err) {
  process.stderr.write(`audit:verify: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exitCode = 2;
} finally {
  await orm.close();
}
