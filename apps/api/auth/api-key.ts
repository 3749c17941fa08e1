// What an API key looks like: `ck_<12 hex>_<43 base64url>`. The first part is its prefix, kept in
// the clear to find the key and to name it; the rest is 256 random bits. Only the key's SHA-256 is
// stored: a slow password hash guards guessable secrets, and nobody guesses 256 random bits, so a
// fast hash loses nothing and keeps checking a key cheap on every request.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

const KEY = /^(ck_[0-9a-f]{12})_[A-Za-z0-9_-]{43}$/;

export function looksLikeApiKey(credential: string): boolean {
  return credential.startsWith('ck_');
}

export function newApiKey(): { key: string; prefix: string; hash: string } {
  const prefix = `ck_${randomBytes(6).toString('hex')}`;
  const key = `${prefix}_${randomBytes(32).toString('base64url')}`;
  return { key, prefix, hash: hashOf(key) };
}

/** The key's prefix, or undefined when it is not shaped like a key. */
export function prefixOf(key: string): string | undefined {
  return KEY.exec(key)?.[1];
}

export function hashOf(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}

export function sameHash(key: string, storedHash: string): boolean {
  const given = Buffer.from(hashOf(key), 'hex');
  const stored = Buffer.from(storedHash, 'hex');
  return given.length === stored.length && timingSafeEqual(given, stored);
}
