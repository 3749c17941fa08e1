import { describe, expect, it } from '@jest/globals';
import type { IncomingMessage } from 'node:http';
import { arrivedOverTls, clientAddress, clientKey } from './client-address.js';

function req(remoteAddress: string, headers: Record<string, string> = {}, encrypted = false): IncomingMessage {
  return { socket: { remoteAddress, encrypted }, headers } as unknown as IncomingMessage;
}

describe('clientAddress', () => {
  it('is the peer, whatever X-Forwarded-For claims, unless proxies are trusted', () => {
    expect(clientAddress(req('10.0.0.5', { 'x-forwarded-for': '203.0.113.7' }), 0)).toBe('10.0.0.5');
  });

  it('behind trusted proxies, is the address the outermost trusted one saw', () => {
    const viaTwo = req('10.0.0.5', { 'x-forwarded-for': '198.51.100.1, 203.0.113.7, 10.0.0.9' });
    expect(clientAddress(viaTwo, 1)).toBe('10.0.0.9');
    expect(clientAddress(viaTwo, 2)).toBe('203.0.113.7');
    // A client that sends its own X-Forwarded-For only adds entries left of what our proxies wrote.
    expect(clientAddress(viaTwo, 10)).toBe('198.51.100.1');
    expect(clientAddress(req('10.0.0.5'), 1)).toBe('10.0.0.5');
  });
});

describe('arrivedOverTls', () => {
  it('believes X-Forwarded-Proto only from a trusted proxy', () => {
    expect(arrivedOverTls(req('10.0.0.5', {}, true), 0)).toBe(true);
    expect(arrivedOverTls(req('10.0.0.5', { 'x-forwarded-proto': 'https' }), 0)).toBe(false);
    expect(arrivedOverTls(req('10.0.0.5', { 'x-forwarded-proto': 'https' }), 1)).toBe(true);
    expect(arrivedOverTls(req('10.0.0.5', { 'x-forwarded-proto': 'http' }), 1)).toBe(false);
  });
});

describe('clientKey', () => {
  it('is an IPv4 address itself, and the /64 of an IPv6 one', () => {
    expect(clientKey('203.0.113.7')).toBe('203.0.113.7');
    expect(clientKey('::ffff:203.0.113.7')).toBe('203.0.113.7');
    expect(clientKey('2001:db8:85a3:0:1:8a2e:370:7334')).toBe('2001:db8:85a3:0::/64');
    expect(clientKey('2001:db8:85a3::8a2e:370:7334')).toBe(clientKey('2001:0db8:85a3:0000:ffff:8a2e:370:1'));
    expect(clientKey('2001:db8::1')).toBe('2001:db8:0:0::/64');
    expect(clientKey('::1')).toBe('0:0:0:0::/64');
    expect(clientKey('fe80::1%eth0')).toBe('fe80:0:0:0::/64');
  });
});
