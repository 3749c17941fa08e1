// A small OpenID Connect issuer for development and tests: what `npm start` runs when no
// OIDC_ISSUER is configured, and what the tests' global setup runs for theirs. It speaks the part
// of OIDC the API relies on, as any standard issuer does: discovery
// (/.well-known/openid-configuration), the signing keys (jwks_uri), and a token endpoint taking
// the password grant for the documented demo users (README.md beside this file). Tokens are
// signed ES256 or RS256 with keys generated at first start and kept in `keyDir` (under
// .credence, never committed); a rotation keeps the previous key published, as issuers do.
//
// Runs on Node's type stripping too (the tests' global setup imports it before any build), so it
// keeps to erasable TypeScript and imports nothing relative.
import { calculateJwkThumbprint, exportJWK, generateKeyPair, importJWK, SignJWT, type JWK, type JWTPayload } from 'jose';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';

export const LOCAL_ISSUER_ALGORITHMS = ['ES256', 'RS256'] as const;
export type LocalIssuerAlgorithm = (typeof LOCAL_ISSUER_ALGORITHMS)[number];

/** Every demo user's password: published, as the sandboxes' credentials are; it guards nothing. */
export const DEMO_PASSWORD = 'credence-demo';
/** The API's audience by default (config.ts DEFAULT_OIDC_AUDIENCE; a spec holds the two equal). */
export const LOCAL_ISSUER_AUDIENCE = 'credence-api';
/** Marks the discovery document of this issuer, so `dev:token` can refuse any other. */
export const DEV_ISSUER_MARKER = 'credence_dev_issuer';

export const DEMO_AGENCIES = [
  { id: 'agy-northstar', name: 'Northstar Recoveries' },
  { id: 'agy-southgate', name: 'Southgate Collections' },
] as const;

export interface DemoUser {
  username: string;
  name: string;
  email: string;
  roles: string[];
  agencyId?: string;
}

/** One user per role, and one per demo agency, so agencies can be shown apart. */
export const DEMO_USERS: DemoUser[] = [
  { username: 'admin', name: 'Neha Kapoor', email: 'neha.kapoor@credence.example', roles: ['admin'] },
  { username: 'ops', name: 'Farah Khan', email: 'farah.khan@credence.example', roles: ['ops'] },
  { username: 'underwriter', name: 'Vikas Menon', email: 'vikas.menon@credence.example', roles: ['underwriter'] },
  // Her subject is the assignee ID the README's examples hand cases to.
  { username: 'col-asha', name: 'Asha Rao', email: 'asha.rao@credence.example', roles: ['collector'] },
  { username: 'agency-northstar', name: 'Ravi Desai', email: 'ravi.desai@northstar.example', roles: ['agency'], agencyId: 'agy-northstar' },
  { username: 'agency-southgate', name: 'Lucia Fernandez', email: 'lucia.fernandez@southgate.example', roles: ['agency'], agencyId: 'agy-southgate' },
  { username: 'compliance', name: 'Meenakshi Iyer', email: 'meenakshi.iyer@credence.example', roles: ['compliance'] },
  { username: 'borrower', name: 'Priya Sharma', email: 'priya.sharma@example.com', roles: ['borrower'] },
];

/**
 * Any other `col-<name>` signs in as a collector of that name too: a desk demo (and a test of
 * round-robin, declines or an SLA lapse) needs several collectors, each acting as themselves (a
 * collector's assignee ID is their token's `sub`). Development only, as every demo user is.
 */
export const DEMO_COLLECTOR_PATTERN = /^col-[a-z0-9][a-z0-9-]{0,40}$/;

/** The demo user signing in as `username`, if there is one. */
export function demoUser(username: string): DemoUser | undefined {
  const listed = DEMO_USERS.find((u) => u.username === username);
  if (listed || !DEMO_COLLECTOR_PATTERN.test(username)) return listed;
  return { username, name: `Collector ${username.slice('col-'.length)}`, email: `${username}@credence.example`, roles: ['collector'] };
}

export interface LocalIssuerOptions {
  /** 0 picks a free port */
  port: number;
  host?: string;
  /** where the signing keys are kept (created at first start) */
  keyDir: string;
  /** the issuer identifier; http://<host>:<port> by default (set it when clients reach the issuer by another name) */
  issuer?: string;
  /** the audience of tokens whose request names none */
  audience?: string;
  /** how long a token lasts: 8 hours by default, a working day */
  tokenTtlSeconds?: number;
}

export interface MintOptions {
  alg?: LocalIssuerAlgorithm;
  audience?: string;
  ttlSeconds?: number;
  /** claims added to, or replacing, the user's (for tests of what the API refuses) */
  claims?: Record<string, unknown>;
}

export interface LocalIssuer {
  /** the issuer identifier, as tokens' `iss` says it */
  issuer: string;
  /** where it listens */
  url: string;
  /** a token for a demo user, as the token endpoint gives it */
  mint(username: string, options?: MintOptions): Promise<string>;
  /** any payload, signed with the current key of `alg` (ES256 by default), with `header` members added to the protected header */
  sign(payload: JWTPayload, options?: { alg?: LocalIssuerAlgorithm; header?: Record<string, unknown> }): Promise<string>;
  /** new current keys; the previous ones stay published until the next rotation */
  rotate(): Promise<void>;
  close(): Promise<void>;
}

interface StoredKey {
  kid: string;
  alg: LocalIssuerAlgorithm;
  privateJwk: JWK;
  createdAt: string;
}

const PRIVATE_MEMBERS = ['d', 'p', 'q', 'dp', 'dq', 'qi', 'oth'];

async function newKey(alg: LocalIssuerAlgorithm): Promise<StoredKey> {
  const { privateKey } = await generateKeyPair(alg, { extractable: true });
  const privateJwk = await exportJWK(privateKey);
  const kid = await calculateJwkThumbprint(privateJwk);
  return { kid, alg, privateJwk: { ...privateJwk, kid, alg, use: 'sig' }, createdAt: new Date().toISOString() };
}

function publicJwk(key: StoredKey): JWK {
  return Object.fromEntries(Object.entries(key.privateJwk).filter(([name]) => !PRIVATE_MEMBERS.includes(name)));
}

class KeyStore {
  private keys: StoredKey[] = [];
  private readonly file: string;

  constructor(dir: string) {
    this.file = join(dir, 'signing-keys.json');
    mkdirSync(dir, { recursive: true, mode: 0o700 });
  }

  async load(): Promise<void> {
    if (existsSync(this.file)) this.keys = (JSON.parse(readFileSync(this.file, 'utf8')) as { keys: StoredKey[] }).keys;
    for (const alg of LOCAL_ISSUER_ALGORITHMS) if (!this.keys.some((k) => k.alg === alg)) this.keys.push(await newKey(alg));
    this.save();
  }

  /** The current key of each algorithm is its newest; one older is kept, for tokens signed before a rotation. */
  async rotate(): Promise<void> {
    for (const alg of LOCAL_ISSUER_ALGORITHMS) this.keys.push(await newKey(alg));
    this.keys = this.keys.filter((key, i) => this.keys.slice(i).filter((k) => k.alg === key.alg).length <= 2);
    this.save();
  }

  current(alg: LocalIssuerAlgorithm): StoredKey {
    const key = this.keys.filter((k) => k.alg === alg).at(-1);
    if (!key) throw new Error(`no ${alg} key`);
    return key;
  }

  published(): JWK[] {
    return this.keys.map(publicJwk);
  }

  private save(): void {
    const temporary = `${this.file}.${process.pid}.tmp`;
    writeFileSync(temporary, `${JSON.stringify({ keys: this.keys }, null, 2)}\n`, { mode: 0o600 });
    renameSync(temporary, this.file);
  }
}

async function readForm(req: IncomingMessage): Promise<URLSearchParams> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > 16 * 1024) throw new Error('request body too large');
    chunks.push(chunk as Buffer);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  if ((req.headers['content-type'] ?? '').startsWith('application/json')) {
    return new URLSearchParams(Object.entries(JSON.parse(text || '{}') as Record<string, unknown>).map(([k, v]): [string, string] => [k, String(v)]));
  }
  return new URLSearchParams(text);
}

function send(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' }).end(JSON.stringify(body));
}

export async function startLocalIssuer(options: LocalIssuerOptions): Promise<LocalIssuer> {
  const host = options.host ?? '127.0.0.1';
  const audience = options.audience ?? LOCAL_ISSUER_AUDIENCE;
  const ttl = options.tokenTtlSeconds ?? 8 * 3600;
  const store = new KeyStore(options.keyDir);
  await store.load();
  let issuer = options.issuer ?? '';

  async function sign(payload: JWTPayload, signOptions: { alg?: LocalIssuerAlgorithm; header?: Record<string, unknown> } = {}): Promise<string> {
    const key = store.current(signOptions.alg ?? 'ES256');
    const signer = new SignJWT(payload).setProtectedHeader({ alg: key.alg, kid: key.kid, typ: 'at+jwt', ...signOptions.header });
    return signer.sign(await importJWK(key.privateJwk, key.alg));
  }

  async function mint(username: string, mintOptions: MintOptions = {}): Promise<string> {
    const user = demoUser(username);
    if (!user) throw new Error(`no demo user ${username}`);
    const now = Math.floor(Date.now() / 1000);
    const claims: JWTPayload = {
      iss: issuer,
      sub: user.username,
      aud: mintOptions.audience ?? audience,
      iat: now,
      nbf: now,
      exp: now + (mintOptions.ttlSeconds ?? ttl),
      jti: randomUUID(),
      client_id: 'credence-dev',
      name: user.name,
      email: user.email,
      preferred_username: user.username,
      roles: user.roles,
      ...(user.agencyId ? { agency_id: user.agencyId } : {}),
      ...mintOptions.claims,
    };
    return sign(claims, { alg: mintOptions.alg ?? 'ES256' });
  }

  async function token(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const form = await readForm(req);
    if (form.get('grant_type') !== 'password') return send(res, 400, { error: 'unsupported_grant_type', error_description: 'this development issuer takes grant_type=password for its demo users' });
    const user = demoUser(form.get('username') ?? '');
    if (!user || form.get('password') !== DEMO_PASSWORD) return send(res, 400, { error: 'invalid_grant', error_description: `unknown demo user or wrong password (users: ${DEMO_USERS.map((u) => u.username).join(', ')}, and any col-<name> as a collector)` });
    const alg = form.get('alg') ?? 'ES256';
    if (!LOCAL_ISSUER_ALGORITHMS.includes(alg as LocalIssuerAlgorithm)) return send(res, 400, { error: 'invalid_request', error_description: `alg must be one of ${LOCAL_ISSUER_ALGORITHMS.join(', ')}` });
    const requested = form.get('audience');
    const accessToken = await mint(user.username, { alg: alg as LocalIssuerAlgorithm, ...(requested ? { audience: requested } : {}) });
    send(res, 200, { access_token: accessToken, token_type: 'Bearer', expires_in: ttl });
  }

  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://issuer.local').pathname;
    void (async () => {
      try {
        if (req.method === 'GET' && path === '/.well-known/openid-configuration') {
          return send(res, 200, {
            issuer,
            jwks_uri: `${issuer}/jwks.json`,
            token_endpoint: `${issuer}/token`,
            grant_types_supported: ['password'],
            response_types_supported: ['token'],
            subject_types_supported: ['public'],
            id_token_signing_alg_values_supported: [...LOCAL_ISSUER_ALGORITHMS],
            token_endpoint_auth_methods_supported: ['none'],
            claims_supported: ['sub', 'name', 'email', 'preferred_username', 'roles', 'agency_id'],
            demo_users_endpoint: `${issuer}/demo-users`,
            [DEV_ISSUER_MARKER]: true,
          });
        }
        if (req.method === 'GET' && path === '/jwks.json') return send(res, 200, { keys: store.published() });
        if (req.method === 'GET' && path === '/demo-users') return send(res, 200, { password: DEMO_PASSWORD, agencies: DEMO_AGENCIES, users: DEMO_USERS });
        if (req.method === 'GET' && path === '/health') return send(res, 200, { status: 'ok' });
        if (req.method === 'POST' && path === '/token') return await token(req, res);
        send(res, 404, { error: 'not_found', error_description: `no route for ${req.method} ${path}` });
      } catch (err) {
        send(res, 400, { error: 'invalid_request', error_description: (err as Error).message });
      }
    })();
  });
  server.keepAliveTimeout = 5_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, host, () => resolve());
  });
  const url = `http://${host}:${(server.address() as AddressInfo).port}`;
  issuer ||= url;
  return {
    issuer,
    url,
    mint,
    sign,
    rotate: () => store.rotate(),
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((err) => (err ? reject(err) : resolve()));
      }),
  };
}
