/**
 * Seeded randomness for the endpoint's fault and latency models (never Math.random, so a run replays).
 */

/** A uniform random source on [0, 1). */
export type UniformRng = () => number;

/**
 * mulberry32: a small, fast 32-bit generator; good enough for fault injection and latency jitter.
 * @param seed - any integer; the same seed gives the same sequence.
 */
export function createRng(seed: number): UniformRng {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** z such that P(Z <= z) = 0.99 for a standard normal Z. */
export const Z_P99 = 2.3263478740408408;

/**
 * A standard normal draw by the Box-Muller transform (one of the pair; the other is discarded for simplicity).
 * @param rng - the uniform source consumed (two draws per call).
 */
export function sampleStandardNormal(rng: UniformRng): number {
  const u1 = 1 - rng(); // (0, 1], so the log is finite
  const u2 = rng();
  return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
}

/**
 * A lognormal sampler whose median is p50Ms and whose 99th percentile is p99Ms:
 * mu = ln(p50), sigma = (ln(p99) - ln(p50)) / z(0.99). With p99Ms <= p50Ms it always returns p50Ms.
 * Example: p50Ms 15, p99Ms 60 gives sigma = ln(4) / 2.326 = 0.596.
 * @param p50Ms - the median delay in milliseconds (> 0)
 * @param p99Ms - the 99th-percentile delay in milliseconds
 * @param rng - the uniform source
 */
export function createLognormalSamplerMs(p50Ms: number, p99Ms: number, rng: UniformRng): () => number {
  const mu = Math.log(p50Ms);
  const sigma = p99Ms > p50Ms ? (Math.log(p99Ms) - mu) / Z_P99 : 0;
  if (sigma === 0) return () => p50Ms;
  return () => Math.exp(mu + sigma * sampleStandardNormal(rng));
}
