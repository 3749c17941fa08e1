import { describe, expect, it } from '@jest/globals';
import { DEFAULT_ADMISSION, DEFAULT_RATE_LIMIT, loadConfig } from './config.js';

describe('the API edge settings', () => {
  it('default to loopback, admission and rate limits on', () => {
    const config = loadConfig({});
    expect(config.host).toBe('127.0.0.1');
    expect(config.api.edge).toMatchObject({ admission: DEFAULT_ADMISSION, rateLimit: DEFAULT_RATE_LIMIT, trustProxy: 0 });
  });

  it('override some classes and keep the defaults of the others', () => {
    const { edge } = loadConfig({ API_ADMISSION: 'score=4/100/50, read=1/2/3, borrower=2/50/1500', API_RATE_LIMIT: 'webhook=1000/2000,borrower=5/30' }).api;
    expect(edge.admission).toEqual({ ...DEFAULT_ADMISSION, score: { concurrency: 4, queue: 100, maxWaitMs: 50 }, read: { concurrency: 1, queue: 2, maxWaitMs: 3 }, borrower: { concurrency: 2, queue: 50, maxWaitMs: 1500 } });
    expect(edge.rateLimit).toEqual({ ...DEFAULT_RATE_LIMIT, webhook: { perSecond: 1000, burst: 2000 }, borrower: { perSecond: 5, burst: 30 } });
  });

  it('turn off with "off"', () => {
    expect(loadConfig({ API_ADMISSION: 'off', API_RATE_LIMIT: 'off' }).api.edge).toMatchObject({ admission: null, rateLimit: null });
  });

  it('refuse what they cannot mean', () => {
    expect(() => loadConfig({ API_ADMISSION: 'scoring=1/2/3' })).toThrow('API_ADMISSION must be "off" or a list like "score=concurrency/queue/maxWaitMs,…" with classes score, command, read, webhook, borrower, ops, got "scoring=1/2/3"');
    expect(() => loadConfig({ API_ADMISSION: 'score=1/2' })).toThrow('API_ADMISSION must be');
    expect(() => loadConfig({ API_ADMISSION: 'score=0/2/3' })).toThrow('score needs a concurrency of at least 1');
    expect(() => loadConfig({ API_RATE_LIMIT: 'read=1.5/2' })).toThrow('API_RATE_LIMIT must be');
    expect(() => loadConfig({ API_RATE_LIMIT: 'read=0/2' })).toThrow('read needs a rate and a burst of at least 1');
    expect(() => loadConfig({ API_HEADERS_TIMEOUT_MS: '60000', API_REQUEST_TIMEOUT_MS: '30000' })).toThrow('API_HEADERS_TIMEOUT_MS must not exceed API_REQUEST_TIMEOUT_MS');
  });
});
