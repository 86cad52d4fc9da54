/**
 * Seeded randomness for the schedule. Nothing in src/schedule/ may call Math.random: every random choice
 * comes from a stream created here, so the same (seed, labels) always give the same plan on any machine.
 */

/** A source of uniform floats in [0, 1). */
export type Rng = () => number;

/**
 * mulberry32: a small, fast 32-bit PRNG with a 2^32 period, plenty for entry sizes and detail types.
 * @param seed - any integer; only its low 32 bits are used
 */
export function createRng(seed: number): Rng {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** murmur3's 32-bit finaliser: spreads every input bit over the whole word. */
function mix32(value: number): number {
  let h = value >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/**
 * A seed for an independent stream, derived from the run seed and labels (e.g. producer name, instance).
 * Deterministic; different labels (or label order) give unrelated seeds.
 * @param seed - the run seed
 * @param labels - what the stream is for, e.g. `deriveSeed(seed, 'checkout', 3)`
 * @returns an unsigned 32-bit seed
 */
export function deriveSeed(seed: number, ...labels: Array<string | number>): number {
  // FNV-1a over the labels' UTF-16 code units, with a separator so ('ab','c') != ('a','bc').
  let h = mix32(Math.trunc(seed) ^ 0x9e3779b9);
  for (const label of labels) {
    const text = String(label);
    for (let i = 0; i < text.length; i++) {
      h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
    }
    h = Math.imul(h ^ 0x1f, 0x01000193) >>> 0;
    h = mix32(h);
  }
  return h;
}
