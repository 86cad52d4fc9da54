/**
 * The registry of rate shapes: one entry per kind, each defined in its own file of this folder. Adding a
 * shape means one new file here, its entry below, and its format in the scenario schema
 * (src/scenario/schema/shapes.ts). Pure: no I/O, no clock.
 */
import type { RateShape } from '../../scenario/types.js';
import { burstsShape } from './bursts.js';
import { constantShape } from './constant.js';
import { diurnalShape } from './diurnal.js';
import type { Intensity, ShapeModel, ShapePeriod } from './intensity.js';
import { rampShape } from './ramp.js';
import { replayShape } from './replay.js';
import { stepsShape } from './steps.js';

export { DAY_MS, HOUR_MS, type Intensity, type ShapeModel, type ShapePeriod } from './intensity.js';

type ShapeOf<K extends RateShape['kind']> = Extract<RateShape, { kind: K }>;

/** Every shape kind's model, by kind. */
export const SHAPES: { readonly [K in RateShape['kind']]: ShapeModel<ShapeOf<K>> } = {
  constant: constantShape,
  ramp: rampShape,
  steps: stepsShape,
  diurnal: diurnalShape,
  bursts: burstsShape,
  replay: replayShape,
};

/** The model of a shape's kind (typed for that shape). */
function shapeModel<S extends RateShape>(shape: S): ShapeModel<S> {
  return SHAPES[shape.kind] as unknown as ShapeModel<S>;
}

/**
 * The cumulative intensity of a shape.
 * @param shape - the producer's shape (entries/s, all instances together)
 * @param profileDurationMs - the profile's length (replay duration x timeScale): a ramp spans it
 */
export function createIntensity(shape: RateShape, profileDurationMs: number): Intensity {
  return shapeModel(shape).intensity(shape, profileDurationMs);
}

/** Highest instantaneous rate (entries/s) of a shape over its profile. */
export function peakRatePerSec(shape: RateShape): number {
  return shapeModel(shape).peakPerSec(shape);
}

/** The shape with every rate multiplied by `factor`. */
export function scaleShape(shape: RateShape, factor: number): RateShape {
  return shapeModel(shape).scale(shape, factor);
}

/**
 * The whole period(s) of a shape a month repeats (see {@link ShapeModel.period}).
 * @param shape - the producer's shape
 * @param profileMs - the scenario's profile length (duration x timeScale)
 * @param minPeriodEntries - entries a period should hold at least, where the shape allows choosing
 */
export function shapePeriodOf(shape: RateShape, profileMs: number, minPeriodEntries: number): ShapePeriod {
  return shapeModel(shape).period(shape, profileMs, minPeriodEntries);
}
