// Field-level encryption for personal data at rest in Postgres (names, phones, emails, message
// bodies): AES-256-GCM under the keyring the payload codec uses (apps/shared/temporal/keyring.ts).
// Each value carries the id of the key that sealed it, so after a rotation old rows still open
// with the old key while new ones are sealed with the active one. The one place that does this.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { Keyring } from '../temporal/keyring.js';

const FORMAT = 'f1';
const IV_BYTES = 12;

export class FieldCipher {
  constructor(private readonly keyring: Keyring) {}

  /** `f1:<keyId>:<iv>:<tag>:<ciphertext>` (base64url), bound to `context` (the column) so a value cannot be moved to another. */
  encrypt(plain: string, context: string): string {
    const kid = this.keyring.activeKeyId;
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.key(kid), iv);
    cipher.setAAD(Buffer.from(context));
    const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return [FORMAT, kid, iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), body.toString('base64url')].join(':');
  }

  decrypt(sealed: string, context: string): string {
    const [format, kid, iv, tag, body] = sealed.split(':');
    if (format !== FORMAT || !kid || iv === undefined || tag === undefined || body === undefined) throw new Error('not an encrypted field value');
    const decipher = createDecipheriv('aes-256-gcm', this.key(kid), Buffer.from(iv, 'base64url'));
    decipher.setAAD(Buffer.from(context));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
  }

  encryptNullable(plain: string | null, context: string): string | null {
    return plain === null ? null : this.encrypt(plain, context);
  }

  decryptNullable(sealed: string | null, context: string): string | null {
    return sealed === null ? null : this.decrypt(sealed, context);
  }

  private key(kid: string): Buffer {
    const key = this.keyring.keys.get(kid);
    if (!key) throw new Error(`encryption key "${kid}" is not in the keyring (CREDENCE_ENCRYPTION_KEYS keeps retired keys listed)`);
    return key;
  }
}
