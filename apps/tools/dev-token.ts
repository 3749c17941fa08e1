// `npm run -s dev:token -- --role <role> [--agency <id>] [--alg ES256|RS256]`: prints a bearer
// token for the role's demo user, from the local development issuer `npm start` runs
// (apps/sandboxes/oidc). Development only: it asks the configured issuer (OIDC_ISSUER, or the local
// one on OIDC_PORT when that is unset, as the API does) and refuses unless that issuer is the local
// development issuer. With a real identity provider configured, people sign in there instead.
//
//   TOKEN=$(npm run -s dev:token -- --role ops)
//   curl -H "Authorization: Bearer $TOKEN" localhost:3000/v1/loans
//
// Also a module: devToken() for the demo and the import CLI. Runs on Node's type stripping (no
// build step), so it imports nothing relative.

/** The local issuer's discovery document carries this member (local-issuer.ts DEV_ISSUER_MARKER). */
const DEV_ISSUER_MARKER = 'credence_dev_issuer';
/** The local issuer's port unless OIDC_PORT moves it (config.ts SANDBOX_PORTS.oidc). */
const DEFAULT_PORT = '4060';
const ROLES = ['admin', 'ops', 'underwriter', 'collector', 'agency', 'compliance', 'borrower'];

export class DevTokenError extends Error {
  override readonly name = 'DevTokenError';
}

interface DemoUsers {
  password: string;
  agencies: { id: string; name: string }[];
  users: { username: string; roles: string[]; agencyId?: string }[];
}

async function getJson<T>(url: string, what: string, init?: RequestInit): Promise<T> {
  let res: Response;
  try {
    res = await fetch(url, { ...init, signal: AbortSignal.timeout(5000) });
  } catch (err) {
    throw new DevTokenError(`${what} did not answer at ${url} (${(err as Error).cause ? String((err as Error).cause) : (err as Error).message}). The local issuer runs with \`npm start\`: is it running?`);
  }
  const text = await res.text();
  if (!res.ok) throw new DevTokenError(`${what} at ${url} answered ${res.status}: ${text.slice(0, 300)}`);
  try {
    return JSON.parse(text) as T;
  } catch {
    throw new DevTokenError(`${what} at ${url} did not answer JSON: ${text.slice(0, 300)}`);
  }
}

/** A token for the demo user holding `role` (the agency's, with `agency`), from the configured issuer if it is the local one. */
export async function devToken(options: { role: string; agency?: string; alg?: string }, env: NodeJS.ProcessEnv = process.env): Promise<string> {
  const { role, agency, alg } = options;
  if (!ROLES.includes(role)) throw new DevTokenError(`--role must be one of ${ROLES.join(', ')}`);
  if (agency !== undefined && role !== 'agency') throw new DevTokenError('--agency goes with --role agency');
  const issuer = env.OIDC_ISSUER || `http://127.0.0.1:${env.OIDC_PORT || DEFAULT_PORT}`;
  const discovery = await getJson<Record<string, unknown>>(`${issuer.replace(/\/+$/, '')}/.well-known/openid-configuration`, 'the configured OIDC issuer');
  if (discovery[DEV_ISSUER_MARKER] !== true || discovery.issuer !== issuer) {
    throw new DevTokenError(
      `the configured issuer ${issuer}${env.OIDC_ISSUER ? ' (OIDC_ISSUER)' : ''} is not Credence's local development issuer, so dev:token mints nothing for it. ` +
        'Sign in with that identity provider and use its access token; dev:token is for the issuer `npm start` runs when OIDC_ISSUER is unset.',
    );
  }
  const demo = await getJson<DemoUsers>(String(discovery.demo_users_endpoint), 'the local issuer');
  const user = demo.users.find((u) => u.roles.includes(role) && (agency === undefined || u.agencyId === agency));
  if (!user) throw new DevTokenError(`no demo user of agency ${agency ?? ''}: the demo agencies are ${demo.agencies.map((a) => a.id).join(', ')}`);
  const form = new URLSearchParams({ grant_type: 'password', username: user.username, password: demo.password, ...(alg ? { alg } : {}) });
  const answer = await getJson<{ access_token?: string }>(String(discovery.token_endpoint), 'the local issuer', { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: form });
  if (!answer.access_token) throw new DevTokenError(`the local issuer gave no token: ${JSON.stringify(answer)}`);
  return answer.access_token;
}

function option(args: string[], name: string): string | undefined {
  const at = args.indexOf(name);
  if (at === -1) return undefined;
  const value = args[at + 1];
  if (value === undefined || value.startsWith('--')) throw new DevTokenError(`${name} needs a value`);
  return value;
}

if (process.argv[1] && import.meta.filename === process.argv[1]) {
  try {
    const args = process.argv.slice(2);
    const role = option(args, '--role');
    if (!role) throw new DevTokenError(`usage: npm run -s dev:token -- --role <${ROLES.join('|')}> [--agency <id>] [--alg ES256|RS256]`);
    const agency = option(args, '--agency');
    const alg = option(args, '--alg');
    process.stdout.write(`${await devToken({ role, ...(agency ? { agency } : {}), ...(alg ? { alg } : {}) })}\n`);
  } catch (err) {
    process.stderr.write(`dev:token: ${err instanceof DevTokenError ? err.message : String(err)}\n`);
    process.exit(1);
  }
}
