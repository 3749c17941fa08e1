// X-Twilio-Signature as Twilio computes it: HMAC-SHA1 keyed with the auth token over the full URL
// followed by every POST parameter, sorted by name, as name then value; base64. Written here from
// Twilio's documentation rather than taken from the SDK, so the adapter's SDK-based check is
// tested against an independent signer.
import { createHmac } from 'node:crypto';

export function twilioSignature(authToken: string, url: string, params: URLSearchParams): string {
  const names = [...new Set(params.keys())].sort();
  let data = url;
  for (const name of names) for (const value of params.getAll(name)) data += name + value;
  return createHmac('sha1', authToken).update(Buffer.from(data, 'utf8')).digest('base64');
}
