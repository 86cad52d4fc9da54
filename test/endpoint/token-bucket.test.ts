import { describe, expect, it } from 'vitest';
import { TokenBucket } from '../../src/endpoint/token-bucket.js';

describe('TokenBucket', () => {
  it('starts full and admits exactly burst requests at one instant', () => {
    const bucket = new TokenBucket(1, 2, 1000);
    expect(bucket.tryTake(1000), 'first').toBe(true);
    expect(bucket.tryTake(1000), 'second').toBe(true);
    expect(bucket.tryTake(1000), 'third').toBe(false);
    expect(bucket.availableAt(1000)).toBe(0);
  });

  it('refills at ratePerSec, proportionally to elapsed time', () => {
    const bucket = new TokenBucket(10, 5, 0);
    for (let i = 0; i < 5; i++) expect(bucket.tryTake(0)).toBe(true);
    expect(bucket.availableAt(50), 'half a token after 50 ms at 10/s').toBe(0.5);
    expect(bucket.tryTake(50)).toBe(false);
    expect(bucket.availableAt(100)).toBe(1);
    expect(bucket.tryTake(100)).toBe(true);
    expect(bucket.availableAt(100)).toBe(0);
  });

  it('never holds more than burst', () => {
    const bucket = new TokenBucket(1000, 3, 0);
    expect(bucket.availableAt(60_000)).toBe(3);
  });

  it('ignores a clock that steps backwards', () => {
    const bucket = new TokenBucket(1, 1, 1000);
    expect(bucket.tryTake(1000)).toBe(true);
    expect(bucket.availableAt(500)).toBe(0);
    expect(bucket.availableAt(1500)).toBe(0.5);
  });

  it('admits rate x seconds + burst over a long run', () => {
    const bucket = new TokenBucket(125, 10, 0); // 0.125 token/ms: exact in binary
    let admitted = 0;
    for (let t = 0; t <= 2000; t++) if (bucket.tryTake(t)) admitted++; // 1 attempt per ms for 2 s
    expect(admitted).toBe(260); // 10 + 125/s x 2 s
  });
});
