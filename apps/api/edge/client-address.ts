// Who the client is, for per-client limits, and whether it reached us over TLS. Behind proxies,
// X-Forwarded-For is believed only for the hops configured (API_TRUST_PROXY): any client can
// send the header, so reading it unasked would let each request claim a fresh address.
import type { IncomingMessage } from 'node:http';
import type { TLSSocket } from 'node:tls';

export function clientAddress(req: IncomingMessage, trustProxy: number): string {
  const peer = req.socket.remoteAddress ?? 'unknown';
  if (trustProxy === 0) return peer;
  const forwarded = headerList(req.headers['x-forwarded-for']);
  const chain = [...forwarded, peer];
  // The last `trustProxy` entries were written by our proxies; the one before them is the client.
  return chain[Math.max(0, chain.length - 1 - trustProxy)] ?? peer;
}

export function arrivedOverTls(req: IncomingMessage, trustProxy: number): boolean {
  if ((req.socket as Partial<TLSSocket>).encrypted === true) return true;
  return trustProxy > 0 && headerList(req.headers['x-forwarded-proto'])[0]?.toLowerCase() === 'https';
}

function headerList(value: string | string[] | undefined): string[] {
  if (value === undefined) return [];
  return (Array.isArray(value) ? value.join(',') : value)
    .split(',')
    .map((v) => v.trim())
    .filter(Boolean);
}

/**
 * The key a client's limits are kept under: its IPv4 address, or the /64 of an IPv6 one (one
 * subscriber holds a whole /64 and can change the rest of its address at will).
 */
export function clientKey(address: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return mapped[1]!;
  if (!address.includes(':')) return address;
  const [head = '', tail] = address.split('%')[0]!.split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const groups = tail === undefined ? left : [...left, ...Array<string>(Math.max(0, 8 - left.length - right.length)).fill('0'), ...right];
  return `${groups
    .slice(0, 4)
    .map((g) => g.toLowerCase().replace(/^0+(?=.)/, ''))
    .join(':')}::/64`;
}
