/**
 * The helpers every sender shares: holdUntil on fake timers with an injected clock (exact waits), and
 * errorName on each kind of thrown value.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { errorName, holdUntil } from '../../src/workers/sender-contract.js';

describe('holdUntil', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  /** Whether `promise` has resolved after the timers due so far fired. */
  async function resolvedYet(promise: Promise<void>): Promise<boolean> {
    let resolved = false;
    void promise.then(() => {
      resolved = true;
    });
    await vi.advanceTimersByTimeAsync(0);
    return resolved;
  }

  it('resolves at once, with no timer, when the time has come or passed', async () => {
    expect(await resolvedYet(holdUntil(100, () => 100))).toBe(true);
    expect(await resolvedYet(holdUntil(100, () => 250.5))).toBe(true);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('waits the rest of the time on the given clock, to the millisecond', async () => {
    // the runner clock says 197: the write is held 3 ms, until 200
    const held = holdUntil(200, () => 197);
    await vi.advanceTimersByTimeAsync(2);
    expect(await resolvedYet(held)).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(await resolvedYet(held)).toBe(true);
  });

  it('lets go at once when the signal aborts, before or during the hold, and leaves no timer', async () => {
    const before = new AbortController();
    before.abort();
    expect(await resolvedYet(holdUntil(1_000, () => 0, before.signal))).toBe(true);
    expect(vi.getTimerCount()).toBe(0);
    const during = new AbortController();
    const held = holdUntil(1_000, () => 0, during.signal);
    await vi.advanceTimersByTimeAsync(10);
    expect(await resolvedYet(held)).toBe(false);
    during.abort();
    expect(await resolvedYet(held)).toBe(true);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('removes its abort listener when the hold ends on time', async () => {
    const controller = new AbortController();
    const removed = vi.spyOn(controller.signal, 'removeEventListener');
    const held = holdUntil(5, () => 0, controller.signal);
    await vi.advanceTimersByTimeAsync(5);
    expect(await resolvedYet(held)).toBe(true);
    expect(removed).toHaveBeenCalledWith('abort', expect.any(Function));
  });
});

describe('errorName', () => {
  it("is an Error's own name when it has one", () => {
    class ThrottlingException extends Error {
      override name = 'ThrottlingException';
    }
    expect(errorName(new ThrottlingException('Rate exceeded'))).toBe('ThrottlingException');
    expect(errorName(new TypeError('x'))).toBe('TypeError');
    const abort = new Error('aborted');
    abort.name = 'AbortError';
    expect(errorName(abort)).toBe('AbortError');
  });

  it('is the network code of a plain Error (the cause, not "Error")', () => {
    expect(
      errorName(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' })),
    ).toBe('ECONNREFUSED');
    // a named error keeps its name over its code
    expect(errorName(Object.assign(new RangeError('x'), { code: 'ERR_OUT_OF_RANGE' }))).toBe('RangeError');
  });

  it('is "Error" for a plain Error without a code, or with an empty or non-string one', () => {
    expect(errorName(new Error('boom'))).toBe('Error');
    expect(errorName(Object.assign(new Error('boom'), { code: '' }))).toBe('Error');
    expect(errorName(Object.assign(new Error('boom'), { code: 42 }))).toBe('Error');
  });

  it('reads a code or a name from a thrown object that is not an Error', () => {
    expect(errorName({ code: 'ECONNRESET' })).toBe('ECONNRESET');
    expect(errorName({ name: 'TimeoutError', $metadata: {} })).toBe('TimeoutError');
    expect(errorName({ name: 7 })).toBe('UnknownError');
  });

  it('is UnknownError for anything else', () => {
    expect(errorName('a string')).toBe('UnknownError');
    expect(errorName(undefined)).toBe('UnknownError');
    expect(errorName(null)).toBe('UnknownError');
    expect(errorName(42)).toBe('UnknownError');
  });
});
