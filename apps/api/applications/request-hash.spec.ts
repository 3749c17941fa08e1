import { describe, expect, it } from '@jest/globals';
import { canonicalJson, requestHash } from './request-hash.js';

describe('the Idempotency-Key request hash', () => {
  it('is the same for the same request with its fields in another order', () => {
    expect(requestHash({ a: 1, b: { c: [1, { e: 2, d: 3 }], f: 'x' } })).toBe(requestHash({ b: { f: 'x', c: [1, { d: 3, e: 2 }] }, a: 1 }));
    expect(canonicalJson({ b: 1, a: { d: 1, c: 2 } })).toBe('{"a":{"c":2,"d":1},"b":1}');
  });

  it('differs for any different value, and keeps array order', () => {
    expect(requestHash({ a: 1 })).not.toBe(requestHash({ a: 2 }));
    expect(requestHash({ a: [1, 2] })).not.toBe(requestHash({ a: [2, 1] }));
    expect(requestHash({ a: '1' })).not.toBe(requestHash({ a: 1 }));
  });

  it('ignores fields that are absent either way', () => {
    expect(requestHash({ a: 1, b: undefined })).toBe(requestHash({ a: 1 }));
  });
});
