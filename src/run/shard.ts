/**
 * Sharded runs: which shard of the plan this machine runs (`--shard i/n`, or Kubernetes' JOB_COMPLETION_INDEX
 * with the count from `--shard-count` or BUSLOAD_SHARD_COUNT) and the wall-clock start shared by the shards
 * (`--start-at`). Pure: the environment and the clock are passed in.
 *
 * A shard is a slice of the plan: batch k of producer stream g belongs to shard (g + k) mod n (see
 * src/schedule/plan.ts), so the union of the n shards is the whole plan with no overlap, and a shard's
 * batches do not depend on how many worker threads run it.
 */
import { InputError } from '../errors.js';

/** Shard `index` (0-based) of `count`. */
export interface Shard {
  index: number;
  count: number;
}

/** The whole plan on one machine. */
export const WHOLE_PLAN: Shard = { index: 0, count: 1 };

/** Largest shard count accepted (a Kubernetes Indexed Job allows up to 100,000 completions). */
export const MAX_SHARD_COUNT = 100_000;

/** What the shard can come from. */
export interface ShardSources {
  /** `--shard i/n`, if given. */
  flag?: string | undefined;
  /** `--shard-count n`, if given. */
  countFlag?: number | undefined;
  /** The process environment (JOB_COMPLETION_INDEX, BUSLOAD_SHARD_COUNT). */
  env: Record<string, string | undefined>;
}

const WHOLE_NUMBER = /^\d+$/;

function parseCount(value: string, where: string): number {
  const count = WHOLE_NUMBER.test(value.trim()) ? Number(value.trim()) : Number.NaN;
  if (!Number.isSafeInteger(count) || count < 1 || count > MAX_SHARD_COUNT) {
    throw new InputError(`${where}: expected a whole number from 1 to ${MAX_SHARD_COUNT}, got "${value}"`);
  }
  return count;
}

function parseIndex(value: string, count: number, where: string): number {
  const index = WHOLE_NUMBER.test(value.trim()) ? Number(value.trim()) : Number.NaN;
  if (!Number.isSafeInteger(index) || index >= count) {
    throw new InputError(
      `${where}: expected a whole number from 0 to ${count - 1} (shard count ${count}), got "${value}"`,
    );
  }
  return index;
}

/**
 * The shard this run covers.
 * - `--shard i/n` wins (0 <= i < n);
 * - otherwise, when JOB_COMPLETION_INDEX (a Kubernetes Indexed Job) or a shard count is set, the index is
 *   JOB_COMPLETION_INDEX and the count `--shard-count` or BUSLOAD_SHARD_COUNT (both are needed);
 * - otherwise the whole plan (0/1).
 * @throws InputError naming the flag or variable and the expected form
 */
export function resolveShard(sources: ShardSources): Shard {
  const { flag, countFlag, env } = sources;
  if (flag !== undefined) {
    const match = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(flag);
    if (!match) throw new InputError(`--shard ${flag}: expected <index>/<count>, e.g. 0/4`);
    const count = parseCount(match[2]!, `--shard ${flag}: count`);
    const index = parseIndex(match[1]!, count, `--shard ${flag}: index`);
    if (countFlag !== undefined && countFlag !== count) {
      throw new InputError(`--shard-count ${countFlag}: contradicts --shard ${flag} (count ${count})`);
    }
    return { index, count };
  }
  const envIndex = env.JOB_COMPLETION_INDEX;
  const envCount = env.BUSLOAD_SHARD_COUNT;
  const count =
    countFlag !== undefined
      ? parseCount(String(countFlag), `--shard-count ${countFlag}`)
      : envCount !== undefined && envCount !== ''
        ? parseCount(envCount, `BUSLOAD_SHARD_COUNT=${envCount}`)
        : undefined;
  const hasIndex = envIndex !== undefined && envIndex !== '';
  if (!hasIndex && count === undefined) return WHOLE_PLAN;
  if (count === undefined) {
    throw new InputError(
      `JOB_COMPLETION_INDEX=${envIndex}: the shard count is missing: pass --shard-count <n> or set BUSLOAD_SHARD_COUNT`,
    );
  }
  if (!hasIndex) {
    if (count === 1) return WHOLE_PLAN;
    throw new InputError(
      `shard count ${count}: the shard index is missing: pass --shard <i>/${count} or run as a Kubernetes Indexed Job (JOB_COMPLETION_INDEX)`,
    );
  }
  return { index: parseIndex(envIndex, count, `JOB_COMPLETION_INDEX=${envIndex}`), count };
}

/** How far ahead `--start-at` may be (a typo in the date should not park a pod for a year). */
export const MAX_START_AHEAD_MS = 24 * 3600 * 1000;

/**
 * Parses `--start-at <ISO time>`: an ISO 8601 date and time with a zone (Z or +hh:mm), not in the past and
 * at most 24 h ahead of `nowEpochMs`.
 * @returns epoch milliseconds
 * @throws InputError naming the flag and the expected form
 */
export function parseStartAt(value: string, nowEpochMs: number): number {
  const iso = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;
  const epochMs = iso.test(value.trim()) ? Date.parse(value.trim()) : Number.NaN;
  if (!Number.isFinite(epochMs)) {
    throw new InputError(
      `--start-at ${value}: expected an ISO 8601 time with a zone, e.g. 2026-11-24T22:40:00Z`,
    );
  }
  if (epochMs < nowEpochMs) {
    throw new InputError(
      `--start-at ${value}: that time has passed (now ${new Date(nowEpochMs).toISOString()}); shards must start together, pick a later time`,
    );
  }
  if (epochMs - nowEpochMs > MAX_START_AHEAD_MS) {
    throw new InputError(`--start-at ${value}: more than 24 h ahead; expected a time within the next day`);
  }
  return epochMs;
}

/** "shard 2/4" for messages ("" for the whole plan). */
export function describeShard(shard: Shard): string {
  return shard.count === 1 ? '' : `shard ${shard.index}/${shard.count}`;
}
