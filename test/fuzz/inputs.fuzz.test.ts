/**
 * Fuzzing (fast-check) of what users and adversaries feed busload: scenario files (mutations of a valid
 * scenario, as YAML and JSON, and arbitrary text), report.json files (mutations of a real report, parsed,
 * and fed to the commands that read them: compare, regress and cost), and the run's command-line values.
 * In process, not one subprocess per input: 6,000 scenarios + 4,000 parsed reports + 1,000 reports through
 * the commands = 11,000 scenario and report inputs. Every input must end as a result (exit 0, or 3 for a
 * regression) or as problems with a message (exit 2), never a thrown internal error; no input may take
 * more than 5 s (a hang detector, not a speed figure); the test process's peak memory stays under 1 GB.
 * The emulator's HTTP input is fuzzed in emulator-http.fuzz.test.ts.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { parse, stringify } from 'yaml';
import { InputError } from '../../src/errors.js';
import { parseReport } from '../../src/report/schema.js';
import { ScenarioError } from '../../src/scenario/errors.js';
import { parseScenario, validateScenarioText } from '../../src/scenario/load.js';
import { parseDurationMs } from '../../src/scenario/units.js';
import { checkRunLimits } from '../../src/schedule/limits.js';
import { applyOverrides } from '../../src/schedule/overrides.js';
import { loadQuickstartReport, QUICKSTART_REPORT_PATH } from '../helpers/report-fixture.js';

/** Longest any one input may take: far beyond the slowest seen (tens of ms); only a hang gets there. */
const HANG_MS = 5_000;

/** Runs `check` on an input, failing when it takes longer than {@link HANG_MS}. */
async function withinHangBound(check: () => unknown): Promise<void> {
  const startedMs = performance.now();
  await check();
  const tookMs = performance.now() - startedMs;
  if (tookMs > HANG_MS) throw new Error(`one input took ${Math.round(tookMs)} ms`);
}

/** A valid two-bus, two-producer scenario to mutate. */
const BASE_SCENARIO = parse(readFileSync('test/fixtures/cli/tiny.yaml', 'utf8')) as {
  producers: unknown[];
  [key: string]: unknown;
};

/** Values a hostile or careless file might hold where a field is expected. */
const hostileValue = fc.oneof(
  fc.anything({ maxDepth: 2, maxKeys: 4 }),
  fc.constantFrom(
    -1,
    0,
    1e308,
    -1e308,
    Number.MAX_SAFE_INTEGER,
    '1e8/s',
    '100000000/s',
    '99999999h',
    '100000h',
    '0s',
    '-5s',
    'NaN',
    'Infinity',
    '1TB',
    '',
    '__proto__',
    { kind: 'replay', intervalMs: 1, counts: [1e12] },
    { kind: 'bursts', every: '1ms', burstDuration: '1ms', burstRate: '1e9/s' },
    { kind: 'diurnal', peakToTrough: 1e12 },
    Array.from({ length: 50 }, (_, i) => i),
  ),
);

const FIELD_PATHS: ReadonlyArray<ReadonlyArray<string | number>> = [
  ['name'],
  ['region'],
  ['duration'],
  ['timeScale'],
  ['buses'],
  ['buses', 0, 'name'],
  ['buses', 0, 'trailCopies'],
  ['producers', 0, 'rate'],
  ['producers', 0, 'instances'],
  ['producers', 0, 'shape'],
  ['producers', 0, 'batching'],
  ['producers', 0, 'entryBytes'],
  ['producers', 0, 'detailTypes'],
  ['producers', 1, 'shape', 'to'],
  ['producers', 1, 'bus'],
  ['endpoint'],
  ['endpoint', 'quotaTps'],
  ['thresholds'],
  ['thresholds', 0],
];

function setPath(root: unknown, path: ReadonlyArray<string | number>, value: unknown): void {
  let node = root as Record<string | number, unknown>;
  for (const key of path.slice(0, -1)) {
    const next = node[key];
    if (typeof next !== 'object' || next === null) return;
    node = next as Record<string | number, unknown>;
  }
  const last = path[path.length - 1]!;
  if (value === undefined) delete node[last];
  else node[last] = value;
}

const mutatedScenario = fc
  .array(fc.tuple(fc.constantFrom(...FIELD_PATHS), fc.option(hostileValue, { nil: undefined })), {
    minLength: 1,
    maxLength: 4,
  })
  .map((mutations) => {
    const scenario = structuredClone(BASE_SCENARIO) as unknown;
    for (const [path, value] of mutations) setPath(scenario, path, value);
    return scenario;
  });

const scenarioText = fc.oneof(
  {
    weight: 4,
    arbitrary: fc
      .tuple(mutatedScenario, fc.boolean())
      .map(([s, json]) => (json ? JSON.stringify(s) : stringify(s))),
  },
  { weight: 1, arbitrary: fc.string({ maxLength: 200 }) },
  {
    weight: 1,
    arbitrary: fc.constantFrom('a: &a [*a]', '- &x\n  - *x\n  - *x', '{', ':::', '\u0000', 'name: ['),
  },
);

/** The outcome of one scenario text: ok with the limits respected, or problems each with a message. */
function checkScenarioOutcome(text: string): void {
  let outcome: ReturnType<typeof validateScenarioText>;
  const startedMs = performance.now();
  try {
    outcome = validateScenarioText(text, 'fuzz.yaml', checkRunLimits);
  } catch (error) {
    throw new Error(`internal error on ${JSON.stringify(text).slice(0, 300)}: ${String(error)}`);
  }
  expect(performance.now() - startedMs, 'one scenario took too long').toBeLessThan(HANG_MS);
  if (outcome.ok) {
    expect(checkRunLimits(outcome.scenario)).toEqual([]);
  } else {
    expect(outcome.problems.length).toBeGreaterThan(0);
    for (const problem of outcome.problems) {
      expect(problem.message.length).toBeGreaterThan(0);
      expect(problem.file).toBe('fuzz.yaml');
    }
  }
}

const REPORT_PATHS: ReadonlyArray<ReadonlyArray<string | number>> = [
  ['schemaVersion'],
  ['status'],
  ['run'],
  ['run', 'rateScale'],
  ['run', 'shard', 'count'],
  ['buses'],
  ['buses', 0, 'requests', 'calls'],
  ['buses', 0, 'entries', 'planned'],
  ['buses', 0, 'entries', 'dropped'],
  ['buses', 0, 'latencyMs', 'count'],
  ['buses', 0, 'histograms', 'latencyMs'],
  ['buses', 0, 'errors'],
  ['totals', 'requests', 'failed'],
  ['totals', 'name'],
  ['cost', 'totalMonthlyUsd'],
  ['cost', 'buses', 0, 'monthly', 'loggingUsd'],
  ['cost', 'buses'],
  ['cost', 'projection', 'factor'],
  ['scenario', 'name'],
  ['scenario', 'buses'],
  ['scenario', 'buses', 0],
  ['scenario', 'buses', 0, 'trailCopies'],
  ['scenario', 'buses', 0, 'logging'],
  ['scenario', 'buses', 0, 'classification'],
  ['scenario', 'buses', 1, 'loggingScope'],
  ['reconciliation'],
  ['reconciliation', 0, 'trailBytes'],
  ['reconciliation', 0, 'trailRecords'],
  ['reconciliation', 0, 'trailGzipRatio'],
  ['buses', 0, 'timeSeries'],
  ['buses', 0, 'timeSeries', 'intervalMs'],
  ['buses', 0, 'timeSeries', 'points', 0],
  ['buses', 0, 'timeSeries', 'points', 0, 'latencyMs'],
  ['buses', 1, 'timeSeries', 'points'],
  ['run', 'region'],
  ['run', 'durationMs'],
];

const reportValue = fc.oneof(
  hostileValue,
  fc.constantFrom('NaN', '-1', '1e3', 'AAAA', 'HISTFAAAAB3ic', -0.5, 1.5, null),
);

describe('fuzz: scenario files', () => {
  it('6,000 generated scenario texts each end as a scenario within the limits or as problems with messages', () => {
    fc.assert(fc.property(scenarioText, checkScenarioOutcome), { numRuns: 6_000, seed: 15 });
  });
});

const reportMutations = fc.array(
  fc.tuple(fc.constantFrom(...REPORT_PATHS), fc.option(reportValue, { nil: undefined })),
  { minLength: 1, maxLength: 3 },
);

describe('fuzz: report files', () => {
  const base = loadQuickstartReport();
  it('4,000 generated reports each parse or give problems with field paths, never throw', () => {
    fc.assert(
      fc.property(reportMutations, (mutations) => {
        const report = structuredClone(base) as unknown;
        for (const [path, value] of mutations) setPath(report, path, value);
        const parsed = parseReport(report);
        if ('problems' in parsed) {
          expect(parsed.problems.length).toBeGreaterThan(0);
          for (const problem of parsed.problems) expect(problem).toMatch(/^(\(root\)|[a-zA-Z]+)[.[ :]/);
        }
      }),
      { numRuns: 4_000, seed: 15 },
    );
  });
});

/**
 * Changes that keep a report valid (other status, region, scenario name, latencies, saturation), so the
 * commands' own code is reached, not only their refusal of a broken file.
 */
const benignMutation = fc.constantFrom<[ReadonlyArray<string | number>, unknown]>(
  [['status'], 'degraded'],
  [['status'], 'failed'],
  [['status'], 'interrupted'],
  [['statusReason'], '<script>alert(1)</script> | `md` **x**'],
  [['run', 'region'], 'eu-west-1'],
  [['run', 'region'], 'ap-southeast-2'],
  [['run', 'region'], 'us-gov-west-1'],
  [['run', 'transport'], 'lean'],
  [['run', 'rateScale'], 1e-6],
  [['scenario', 'name'], 'another-scenario'],
  [['buses', 0, 'latencyMs', 'p99'], 1e9],
  [['buses', 1, 'latencyMs', 'mean'], 0],
  [['buses', 0, 'timeSeries'], undefined],
  [['buses', 1, 'timeSeries', 'points'], []],
  [['generator', 'saturated'], true],
  [['generator'], undefined],
  [['reconciliation'], null],
  [['reconciliation', 0, 'trailGzipRatio'], 0.5],
  [['scenario', 'buses', 0, 'logging'], 'lake-7y'],
  [['scenario', 'buses', 2, 'logging'], 'cloudwatch-logs'],
  [['scenario', 'buses', 1, 'trailCopies'], 5],
  [['scenario', 'buses'], undefined],
  [['cost', 'assumptions'], []],
);

const reportInput = fc.oneof(reportMutations, fc.array(benignMutation, { minLength: 1, maxLength: 4 }));

/**
 * The exit code `busload` gives for what a command handler returned or threw (src/cli/index.ts): an
 * InputError or a ScenarioError is exit 2 with its message; anything else thrown is an internal error, which fails the fuzz.
 */
async function exitCodeOf(command: () => Promise<number>): Promise<{ code: number; message: string }> {
  try {
    return { code: await command(), message: '' };
  } catch (error) {
    if (error instanceof InputError || error instanceof ScenarioError)
      return { code: 2, message: error.message };
    throw new Error(
      `internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
    );
  }
}

describe('fuzz: the commands that read reports (compare, regress, cost)', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'busload-report-fuzz-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('1,000 generated reports each end in exit 0, 2 (with a message) or 3, never an internal error', async () => {
    const base = loadQuickstartReport();
    const { compareCommand } = await import('../../src/cli/commands/compare.js');
    const { regressCommand } = await import('../../src/cli/commands/regress.js');
    const { costCommand } = await import('../../src/cli/commands/cost.js');
    const codes = new Map<string, number>();
    // The commands print their tables; the fuzz looks at exit codes and messages only.
    const stdout = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    let index = 0;
    try {
      await fc.assert(
        fc.asyncProperty(reportInput, fc.constantFrom('md', 'json', 'html'), async (mutations, format) => {
          const report = structuredClone(base) as unknown;
          for (const [path, value] of mutations) setPath(report, path, value);
          const file = join(dir, `report-${index++ % 8}.json`);
          writeFileSync(file, JSON.stringify(report));
          await withinHangBound(async () => {
            for (const [name, command] of [
              [
                'compare',
                () => compareCommand({ before: QUICKSTART_REPORT_PATH, after: file, format: format as 'md' }),
              ],
              [
                'regress',
                () =>
                  regressCommand({
                    current: file,
                    baseline: QUICKSTART_REPORT_PATH,
                    publishCloudwatch: false,
                    namespace: 'busload',
                    updateBaseline: false,
                  }),
              ],
              [
                'cost',
                () =>
                  costCommand({
                    input: file,
                    logging: [],
                    format: format === 'html' ? 'table' : (format as 'md' | 'json'),
                  }),
              ],
            ] as const) {
              const { code, message } = await exitCodeOf(command);
              codes.set(`${name} ${code}`, (codes.get(`${name} ${code}`) ?? 0) + 1);
              expect([0, 2, 3], `${name} exit ${code}`).toContain(code);
              if (code === 2) expect(message.length, name).toBeGreaterThan(0);
              if (code === 3) expect(name).toBe('regress');
            }
          });
        }),
        { numRuns: 1_000, seed: 15 },
      );
    } finally {
      stdout.mockRestore();
      stderr.mockRestore();
    }
    // Both sides are reached: reports the commands accept and reports they refuse.
    for (const seen of ['compare 0', 'compare 2', 'regress 0', 'regress 2', 'cost 0', 'cost 2']) {
      expect(codes.get(seen) ?? 0, `${seen}: ${JSON.stringify([...codes])}`).toBeGreaterThan(100);
    }
  }, 240_000);
});

describe('fuzz: command-line values of run', () => {
  const { scenario } = parseScenario(
    JSON.stringify({ ...BASE_SCENARIO, producers: [BASE_SCENARIO.producers[0]] }),
    'x.json',
  );
  it('2,000 generated --duration and --rate-scale values are refused with a message or stay within the limits', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.string({ maxLength: 12 }), fc.constantFrom('1ms', '168h', '169h', '99999999h', '1e9s')),
        fc.oneof(fc.double({ noNaN: false }), fc.constantFrom(1e-9, 1, 1e3, 1e4, 1e9)),
        (duration, rateScale) => {
          const parsed = parseDurationMs(duration);
          if (!parsed.ok) {
            expect(parsed.message.length).toBeGreaterThan(0);
            return;
          }
          if (!(parsed.value > 0) || !(rateScale > 0) || !Number.isFinite(rateScale)) return; // refused by run
          const problems = checkRunLimits(applyOverrides(scenario, { durationMs: parsed.value, rateScale }));
          for (const problem of problems) expect(problem.message).toMatch(/expected at most|over the limit/);
          if (parsed.value > 168 * 3_600_000) expect(problems.length).toBeGreaterThan(0);
        },
      ),
      { numRuns: 2_000, seed: 15 },
    );
  });

  it('stayed under 1 GB of memory at its peak', () => {
    // maxRSS is the peak resident set of this test process (KiB), not its size now.
    expect(process.resourceUsage().maxRSS * 1024).toBeLessThan(1024 ** 3);
  });
});
