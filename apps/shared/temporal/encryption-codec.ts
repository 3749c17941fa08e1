// AES-256-GCM payload codec: every payload Temporal stores (workflow inputs, results, signals,
// activity arguments, failure messages) is encrypted before it leaves the process, so a
// history export or the Temporal UI shows no personal data. The key id travels in the payload
// metadata so keys can rotate while old histories still decrypt.
import { createCipheriv, createDecipheriv, createSecretKey, randomBytes, type KeyObject } from 'node:crypto';
import { METADATA_ENCODING_KEY, type Payload, type PayloadCodec, ValueError } from '@temporalio/common';
// A CommonJS package whose exports Node's ESM loader cannot name: take them from its default export.
import proto from '@temporalio/proto';
import type { Keyring } from './keyring.js';

const { temporal } = proto;

export const ENCODING_ENCRYPTED = 'binary/encrypted';
export const METADATA_KEY_ID = 'encryption-key-id';
const CIPHER = 'aes-256-gcm';
const NONCE_BYTES = 12;
const TAG_BYTES = 16;

const utf8 = (s: string) => new TextEncoder().encode(s);
const text = (b: Uint8Array | null | undefined) => (b ? new TextDecoder().decode(b) : undefined);

export class EncryptionCodec implements PayloadCodec {
  /** Each key prepared once: a raw Buffer makes every cipher import the key again (3x the cost of a small payload). */
  private readonly keyObjects = new Map<string, KeyObject>();

  constructor(private readonly keyring: Keyring) {}

  encode(payloads: Payload[]): Promise<Payload[]> {
    const kid = this.keyring.activeKeyId;
    const key = this.keyOf(kid);
    return Promise.resolve(
      payloads.map((payload) => ({
        metadata: { [METADATA_ENCODING_KEY]: utf8(ENCODING_ENCRYPTED), [METADATA_KEY_ID]: utf8(kid) },
        data: encrypt(temporal.api.common.v1.Payload.encode(payload).finish(), key),
      })),
    );
  }

  decode(payloads: Payload[]): Promise<Payload[]> {
    return Promise.resolve(
      payloads.map((payload) => {
        if (text(payload.metadata?.[METADATA_ENCODING_KEY]) !== ENCODING_ENCRYPTED) return payload;
        const kid = text(payload.metadata?.[METADATA_KEY_ID]);
        if (!kid) throw new ValueError('encrypted payload has no encryption-key-id');
        if (!payload.data) throw new ValueError('encrypted payload has no data');
        return temporal.api.common.v1.Payload.decode(decrypt(payload.data, this.keyOf(kid)));
      }),
    );
  }

  private keyOf(kid: string): KeyObject {
    const prepared = this.keyObjects.get(kid);
    if (prepared) return prepared;
    const key = this.keyring.keys.get(kid);
    if (!key) throw new ValueError(`no encryption key "${kid}" in the keyring (was it rotated out?)`);
    const keyObject = createSecretKey(key);
    this.keyObjects.set(kid, keyObject);
    return keyObject;
  }
}

function encrypt(plain: Uint8Array, key: KeyObject): Uint8Array {
  const nonce = randomBytes(NONCE_BYTES);
  const cipher = createCipheriv(CIPHER, key, nonce);
  return Buffer.concat([nonce, cipher.update(plain), cipher.final(), cipher.getAuthTag()]);
}

function decrypt(sealed: Uint8Array, key: KeyObject): Uint8Array {
  const buf = Buffer.from(sealed);
  if (buf.length < NONCE_BYTES + TAG_BYTES) throw new ValueError('encrypted payload is truncated');
  const decipher = createDecipheriv(CIPHER, key, buf.subarray(0, NONCE_BYTES));
  decipher.setAuthTag(buf.subarray(buf.length - TAG_BYTES));
  return Buffer.concat([decipher.update(buf.subarray(NONCE_BYTES, buf.length - TAG_BYTES)), decipher.final()]);
}
