// Twilio's Message resource echoes nothing we set but the body: no metadata, no callback URL. So
// a text ends with a short reference derived from its deliveryKey ("Ref 7KQ2M9XA"), the kind of
// reference collections messages carry anyway, and find() recognises our send by it. Forty bits
// of a hash: two of our messages to one number within the look-back window never share one in
// practice, and a borrower quoting it to an agent names the message.
import { createHash } from 'node:crypto';

const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ'; // Crockford base32: no I, L, O, U to misread

export function deliveryReference(deliveryKey: string): string {
  const hash = createHash('sha256').update(deliveryKey).digest();
  let bits = 0n;
  for (let i = 0; i < 5; i++) bits = (bits << 8n) | BigInt(hash[i]!);
  let ref = '';
  for (let i = 0; i < 8; i++) {
    ref = ALPHABET[Number(bits & 31n)]! + ref;
    bits >>= 5n;
  }
  return ref;
}

export function withReference(body: string, deliveryKey: string): string {
  return `${body.trimEnd()} Ref ${deliveryReference(deliveryKey)}`;
}

export function carriesReference(body: string | null | undefined, deliveryKey: string): boolean {
  return (body ?? '').trimEnd().endsWith(`Ref ${deliveryReference(deliveryKey)}`);
}
