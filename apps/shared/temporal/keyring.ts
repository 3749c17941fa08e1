// AES-256 keys for the payload codec. Keys come from the environment
// (CREDENCE_ENCRYPTION_KEYS="kid:base64,kid2:base64", CREDENCE_ENCRYPTION_KEY_ID=the active kid);
// old keys stay listed after a rotation so existing histories still decrypt. For local use a dev
// key is generated once into the data folder, so `npm start` needs no setup yet never runs
// unencrypted.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

export interface Keyring {
  activeKeyId: string;
  keys: ReadonlyMap<string, Buffer>;
}

const KEY_BYTES = 32;

export function parseKeyring(spec: string, activeKeyId?: string): Keyring {
  const keys = new Map<string, Buffer>();
  for (const entry of spec.split(',').map((s) => s.trim()).filter(Boolean)) {
    const at = entry.indexOf(':');
    if (at <= 0) throw new Error('CREDENCE_ENCRYPTION_KEYS entries must be "<keyId>:<base64 key>"');
    const kid = entry.slice(0, at);
    const key = Buffer.from(entry.slice(at + 1), 'base64');
    if (key.length !== KEY_BYTES) throw new Error(`encryption key "${kid}" must be ${KEY_BYTES} bytes (base64 of 32 random bytes)`);
    keys.set(kid, key);
  }
  const active = activeKeyId ?? [...keys.keys()].at(-1);
  if (!active || !keys.has(active)) throw new Error(`active encryption key "${active ?? ''}" is not in CREDENCE_ENCRYPTION_KEYS`);
  return { activeKeyId: active, keys };
}

export function formatKeyring(keyring: Keyring): string {
  return [...keyring.keys].map(([kid, key]) => `${kid}:${key.toString('base64')}`).join(',');
}

/** The dev key in `<dataDir>/keys/dev.json`, created on first use. */
export function devKeyring(dataDir: string): Keyring {
  const file = join(dataDir, 'keys', 'dev.json');
  if (!existsSync(file)) {
    mkdirSync(dirname(file), { recursive: true });
    const kid = `dev-${randomBytes(4).toString('hex')}`;
    writeOnce(file, JSON.stringify({ kid, key: randomBytes(KEY_BYTES).toString('base64') }));
  }
  const { kid, key } = JSON.parse(readFileSync(file, 'utf8')) as { kid: string; key: string };
  return parseKeyring(`${kid}:${key}`, kid);
}

export function generateKeyring(kid = `k-${randomBytes(4).toString('hex')}`): Keyring {
  return { activeKeyId: kid, keys: new Map([[kid, randomBytes(KEY_BYTES)]]) };
}

/** From the environment when set, else the data folder's dev key. */
export function loadKeyring(env: NodeJS.ProcessEnv, dataDir: string): Keyring {
  const spec = env.CREDENCE_ENCRYPTION_KEYS;
  return spec ? parseKeyring(spec, env.CREDENCE_ENCRYPTION_KEY_ID || undefined) : devKeyring(dataDir);
}

/**
 * The key for hashing identifiers (phones, devices, accounts) in fraud screening. It is separate
 * from the payload keys because it must never rotate: a new key would make every earlier
 * application look unrelated. CREDENCE_IDENTIFIER_KEY (base64, 32 bytes), else a dev key.
 */
export function loadIdentifierKey(env: NodeJS.ProcessEnv, dataDir: string): Buffer {
  const fromEnv = env.CREDENCE_IDENTIFIER_KEY;
  if (fromEnv) {
    const key = Buffer.from(fromEnv, 'base64');
    if (key.length !== KEY_BYTES) throw new Error('CREDENCE_IDENTIFIER_KEY must be base64 of 32 bytes');
    return key;
  }
  const file = join(dataDir, 'keys', 'identifier.key');
  if (!existsSync(file)) {
    mkdirSync(dirname(file), { recursive: true });
    writeOnce(file, randomBytes(KEY_BYTES).toString('base64'));
  }
  return Buffer.from(readFileSync(file, 'utf8').trim(), 'base64');
}

/** The API and the worker may start together: whoever writes first wins, the other reads it. */
function writeOnce(file: string, content: string): void {
  try {
    writeFileSync(file, content, { mode: 0o600, flag: 'wx' });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
  }
}
