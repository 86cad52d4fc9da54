/**
 * Seeded randomness for the endpoint's fault and latency models (never Math.random, so a run replays).
 */

import { Z_P99 } from '../schedule/entry-size.js';
import type { Rng } from '../schedule/rng.js';

/** A uniform random source on [0, 1) (the schedule's seeded mulberry32 streams). */
export type UniformRng = Rng;
export { createRng } from '../schedule/rng.js';
export { Z_P99 };

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
