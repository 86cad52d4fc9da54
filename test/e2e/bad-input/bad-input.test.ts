/**
 * Bad input, everywhere: every row of test/fixtures/bad/cases.json (malformed scenarios, shard reports,
 * trail files and CLI invocations) must make the real CLI exit 2 with a message naming the file (or flag)
 * and the field, and no stack trace. Rows with the same `batch` key go to one invocation (validate and merge
 * report every file's problems at once): each row's substrings must then appear on one line of its own.
 * Invocations run a few at a time; no row starts load (bad input fails before any).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { type CliResult, runBusload } from '../../helpers/busload-cli.js';

interface BadCase {
  id: string;
  /** The CLI arguments; for a batched row: [command, file, ...arguments shared by the batch]. */
  args: string[];
  /** Substrings of one stderr line (the first names the file or flag, the others the field and the expected form). */
  expect: string[];
  batch?: string;
}

interface Invocation {
  args: string[];
  cases: BadCase[];
}

const CASES = JSON.parse(readFileSync('test/fixtures/bad/cases.json', 'utf8')) as BadCase[];
const CONCURRENCY = 4;

function invocations(cases: readonly BadCase[]): Invocation[] {
  const single = cases
    .filter((one) => one.batch === undefined)
    .map((one) => ({ args: one.args, cases: [one] }));
  const batches = new Map<string, BadCase[]>();
  for (const one of cases)
    if (one.batch !== undefined) batches.set(one.batch, [...(batches.get(one.batch) ?? []), one]);
  const batched = [...batches.values()].map((rows) => {
    const [command, , ...shared] = rows[0]!.args;
    for (const row of rows) expect(row.args.slice(2), row.id).toEqual(shared);
    return { args: [command!, ...rows.map((row) => row.args[1]!), ...shared], cases: rows };
  });
  return [...batched, ...single];
}

const busload = (args: string[]): Promise<CliResult> =>
  runBusload(args, {
    env: {
      // A guard case must never find real credentials or reach AWS (it is refused before any call anyway).
      AWS_ENDPOINT_URL_EVENTBRIDGE: 'http://127.0.0.1:9',
      AWS_ACCESS_KEY_ID: '',
      AWS_SECRET_ACCESS_KEY: '',
      AWS_EC2_METADATA_DISABLED: 'true',
      JOB_COMPLETION_INDEX: '',
      BUSLOAD_SHARD_COUNT: '',
    },
    timeoutMs: 90_000,
  });

async function runAll(list: Invocation[]): Promise<Array<Awaited<ReturnType<typeof busload>>>> {
  const results: Array<Awaited<ReturnType<typeof busload>>> = new Array(list.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < list.length) {
        const index = next++;
        results[index] = await busload(list[index]!.args);
      }
    }),
  );
  return results;
}

describe('bad input corpus (test/fixtures/bad/cases.json)', () => {
  it('has at least 40 cases, each with the file or flag and the field to name', () => {
    expect(CASES.length).toBeGreaterThanOrEqual(40);
    expect(new Set(CASES.map((one) => one.id)).size).toBe(CASES.length);
    for (const one of CASES) expect(one.expect.length, one.id).toBeGreaterThanOrEqual(1);
  });

  it('every case exits 2 naming the file and field, without a stack trace', async () => {
    const list = invocations(CASES);
    const results = await runAll(list);
    const failures: string[] = [];
    list.forEach((invocation, index) => {
      const { code, stderr } = results[index]!;
      const lines = stderr.split('\n');
      for (const one of invocation.cases) {
        const problems: string[] = [];
        if (code !== 2) problems.push(`exit ${code}, expected 2`);
        if (/\n\s+at /.test(stderr) || stderr.includes('internal error'))
          problems.push('stack trace or internal error');
        if (!lines.some((line) => one.expect.every((part) => line.includes(part)))) {
          problems.push(`no stderr line with all of ${JSON.stringify(one.expect)}`);
        }
        if (problems.length > 0) {
          failures.push(
            `${one.id} (busload ${invocation.args.join(' ')}): ${problems.join('; ')}\n${stderr}`,
          );
        }
      }
    });
    expect(failures).toEqual([]);
  }, 600_000);
});
