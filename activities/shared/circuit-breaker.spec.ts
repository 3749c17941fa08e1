import { describe, expect, it } from '@jest/globals';
import { CircuitBreaker, CircuitOpenError } from './circuit-breaker.js';

class Transient extends Error {}

function setup(threshold = 3, coolDownMs = 1_000) {
  let now = 0;
  const breaker = new CircuitBreaker('test', { failureThreshold: threshold, coolDownMs, now: () => now, isFailure: (e) => e instanceof Transient });
  let calls = 0;
  const fail = () => breaker.execute(() => { calls++; return Promise.reject(new Transient('down')); });
  const succeed = () => breaker.execute(() => { calls++; return Promise.resolve('ok'); });
  return { breaker, fail, succeed, advance: (ms: number) => (now += ms), calls: () => calls };
}

describe('CircuitBreaker', () => {
  it('opens after the threshold of consecutive failures and then refuses without calling', async () => {
    const t = setup(3);
    for (let i = 0; i < 2; i++) await expect(t.fail()).rejects.toBeInstanceOf(Transient);
    expect(t.breaker.state).toBe('closed');
    await expect(t.fail()).rejects.toBeInstanceOf(Transient);
    expect(t.breaker.state).toBe('open');
    const before = t.calls();
    await expect(t.succeed()).rejects.toBeInstanceOf(CircuitOpenError);
    expect(t.calls()).toBe(before);
  });

  it('counts only consecutive failures: a success in between resets the count', async () => {
    const t = setup(3);
    await expect(t.fail()).rejects.toThrow();
    await expect(t.fail()).rejects.toThrow();
    await expect(t.succeed()).resolves.toBe('ok');
    await expect(t.fail()).rejects.toThrow();
    await expect(t.fail()).rejects.toThrow();
    expect(t.breaker.state).toBe('closed');
  });

  it('does not count errors that are not provider failures', async () => {
    const t = setup(2);
    await expect(t.fail()).rejects.toThrow();
    await expect(t.breaker.execute(() => Promise.reject(new Error('400 bad request')))).rejects.toThrow('400');
    await expect(t.fail()).rejects.toThrow();
    expect(t.breaker.state).toBe('closed');
  });

  it('goes half-open after the cool-down and closes when the one trial call succeeds', async () => {
    const t = setup(1, 1_000);
    await expect(t.fail()).rejects.toThrow();
    t.advance(999);
    expect(t.breaker.state).toBe('open');
    t.advance(1);
    expect(t.breaker.state).toBe('half_open');
    await expect(t.succeed()).resolves.toBe('ok');
    expect(t.breaker.state).toBe('closed');
  });

  it('lets only one trial through while half-open', async () => {
    const t = setup(1, 1_000);
    await expect(t.fail()).rejects.toThrow();
    t.advance(1_000);
    let release!: () => void;
    const trial = t.breaker.execute(() => new Promise<string>((resolve) => (release = () => resolve('trial'))));
    await expect(t.succeed()).rejects.toBeInstanceOf(CircuitOpenError);
    release();
    await expect(trial).resolves.toBe('trial');
    expect(t.breaker.state).toBe('closed');
  });

  it('reopens for a full cool-down when the trial fails', async () => {
    const t = setup(3, 1_000);
    for (let i = 0; i < 3; i++) await expect(t.fail()).rejects.toThrow();
    t.advance(1_500);
    await expect(t.fail()).rejects.toBeInstanceOf(Transient);
    expect(t.breaker.state).toBe('open');
    t.advance(999);
    expect(t.breaker.state).toBe('open');
    await expect(t.succeed()).rejects.toMatchObject({ retryAt: 2_500 });
    t.advance(1);
    expect(t.breaker.state).toBe('half_open');
  });
});
