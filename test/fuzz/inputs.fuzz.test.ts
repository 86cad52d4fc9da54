/**
 * Fuzzing (fast-check) of what users and adversaries feed busload: scenario files (mutations of a valid
 * scenario, as YAML and JSON, and arbitrary text), report.json files (mutations of a real report) and the
 * run's command-line values. In process, not one subprocess per input. Every input must end as a result or
 * a list of problems with a message (exit 0 or 2), never a thrown internal error, and the whole suite stays
 * under 1 GB of memory.
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { parseReport } from '../../src/report/schema.js';
import { applyOverrides } from '../../src/run/overrides.js';
import { checkRunLimits } from '../../src/scenario/limits.js';
import { parseScenario, validateScenarioText } from '../../src/scenario/load.js';
import { parseDurationMs } from '../../src/scenario/units.js';
import { loadQuickstartReport } from '../report/fixture.js';

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
  try {
    outcome = validateScenarioText(text, 'fuzz.yaml');
  } catch (error) {
    throw new Error(`internal error on ${JSON.stringify(text).slice(0, 300)}: ${String(error)}`);
  }
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

describe('fuzz: report files', () => {
  const base = loadQuickstartReport();
  it('4,000 generated reports each parse or give problems with field paths, never throw', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.constantFrom(...REPORT_PATHS), fc.option(reportValue, { nil: undefined })), {
          minLength: 1,
          maxLength: 3,
        }),
        (mutations) => {
          const report = structuredClone(base) as unknown;
          for (const [path, value] of mutations) setPath(report, path, value);
          const parsed = parseReport(report);
          if ('problems' in parsed) {
            expect(parsed.problems.length).toBeGreaterThan(0);
            for (const problem of parsed.problems) expect(problem).toMatch(/^(\(root\)|[a-zA-Z]+)[.[ :]/);
          }
        },
      ),
      { numRuns: 4_000, seed: 15 },
    );
  });
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

  it('stays under 1 GB of memory', () => {
    expect(process.memoryUsage().rss).toBeLessThan(1024 ** 3);
  });
});
