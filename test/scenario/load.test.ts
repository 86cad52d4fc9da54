import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  formatProblems,
  loadScenario,
  parseScenario,
  ScenarioError,
  type ScenarioProblem,
  validateScenarioText,
} from '../../src/scenario/load.js';
import { checkRunLimits } from '../../src/schedule/limits.js';

const FIXTURES = 'test/fixtures/scenarios';
const RATE_FORMS = 'a rate such as "50/s", "3000/min", "100/h" or a number of entries per second';
const SIZE_FORMS = 'a size such as 512, "512B", "1.2KB" (1 KB = 1,024 B) or "2MB"';

/** The problems loadScenario throws for a file (fails the test if it loads). */
async function problemsOf(file: string): Promise<ScenarioProblem[]> {
  try {
    await loadScenario(file);
  } catch (error) {
    if (error instanceof ScenarioError) return error.problems;
    throw error;
  }
  throw new Error(`${file} loaded without problems`);
}

/** Problems of an inline text, as `line:col path: message` strings. */
function problemLines(text: string): string[] {
  const result = validateScenarioText(text, 'inline.yaml');
  if (result.ok) throw new Error('the text validated');
  return result.problems.map(
    (problem) => `${problem.line}:${problem.column} ${problem.path}: ${problem.message}`,
  );
}

/** A valid scenario with one producer; `producer` lines are appended to the producer mapping. */
function scenarioWith(producer: string, extra = ''): string {
  return [
    'name: inline',
    'region: us-east-1',
    'duration: 10s',
    'buses:',
    '  - name: orders',
    '    classification: regulated',
    'producers:',
    '  - name: checkout',
    '    bus: orders',
    '    source: com.shop.checkout',
    '    detailTypes: [OrderPlaced]',
    ...producer.split('\n').map((line) => `    ${line}`),
    extra,
  ].join('\n');
}

describe('loadScenario: each bad input gives its file, line, path and expected form', () => {
  let emptyDir: string;
  beforeAll(async () => {
    emptyDir = await mkdtemp(join(tmpdir(), 'busload-scenario-'));
  });
  afterAll(async () => {
    await rm(emptyDir, { recursive: true, force: true });
  });

  it('a missing file', async () => {
    const file = join(emptyDir, 'nope.yaml');
    expect(await problemsOf(file)).toEqual([
      { file, line: null, column: null, path: '', message: `cannot read ${file}: no such file` },
    ]);
  });

  it('a directory', async () => {
    expect(await problemsOf(emptyDir)).toEqual([
      {
        file: emptyDir,
        line: null,
        column: null,
        path: '',
        message: `cannot read ${emptyDir}: it is a directory; expected a scenario file`,
      },
    ]);
  });

  it.each([
    [
      'invalid-yaml.txt',
      8,
      5,
      '',
      'invalid YAML: Flow sequence in block collection must be sufficiently indented and end with a ]',
    ],
    [
      'unknown-key.yaml',
      9,
      5,
      'buses[0].colour',
      'unknown key "colour"; expected one of: name, classification, logging, trailCopies, allowedPrincipals',
    ],
    [
      'negative-rate.yaml',
      14,
      5,
      'producers[0].rate',
      `must not be negative; got "-50/s" (expected ${RATE_FORMS})`,
    ],
    [
      'unknown-bus.yaml',
      11,
      5,
      'producers[0].bus',
      'unknown bus "payments"; expected the name of a bus declared under buses (orders)',
    ],
    [
      'entry-too-large.yaml',
      16,
      5,
      'producers[0].entryBytes',
      'entry size 1572864 bytes is above the PutEvents request limit; expected at most 1048576 bytes ("1MB")',
    ],
    [
      'unsupported-shape.yaml',
      15,
      5,
      'producers[0].shape.peakHour',
      'is required; expected an hour of the day from 0 to 24 (fractions allowed)',
    ],
    ['duplicate-key.yaml', 4, 1, 'region', 'duplicate key "region"; each key may appear once in a mapping'],
    [
      'bad-batching.json',
      13,
      21,
      'producers[0].batching.entriesPerRequest',
      'expected an integer from 1 to 10; got 20',
    ],
  ])('%s', async (name, line, column, path, message) => {
    const file = `${FIXTURES}/${name}`;
    expect(await problemsOf(file)).toEqual([{ file, line, column, path, message }]);
  });

  it('several problems in one file are all reported, in file order', async () => {
    const file = `${FIXTURES}/many-problems.yaml`;
    const rendered = formatProblems(await problemsOf(file)).split('\n');
    expect(rendered).toEqual([
      `${file}:2:1 name: expected a scenario name of lowercase letters, digits and '-' ([a-z0-9-]+), 1 to 64 chars; got "Many_Problems"`,
      `${file}:5:1 colour: unknown key "colour"; expected one of: $schema, name, family, region, duration, timeScale, buses, producers, endpoint, thresholds`,
      `${file}:10:5 buses[1].name: duplicate bus name "orders" (first declared at buses[0]); bus names must be unique`,
      `${file}:11:5 buses[1].classification: expected one of regulated | production | telemetry | development; got "secret"`,
      `${file}:17:5 producers[0].rate: must not be negative; got "-5/s" (expected ${RATE_FORMS})`,
      `${file}:20:5 producers[1].rate: is required with shape.kind diurnal; expected a rate such as "50/s", "3000/min" or "100/h"`,
      `${file}:21:5 producers[1].bus: unknown bus "payments"; expected the name of a bus declared under buses (orders)`,
      `${file}:25:5 producers[1].batching.lingerMs: is required; expected a linger time in milliseconds (a number >= 0)`,
      `${file}:26:46 producers[1].entryBytes.p99: p99 entry size 2097152 bytes is above the PutEvents request limit; expected at most 1048576 bytes ("1MB")`,
      `${file}:31:5 producers[2].rate: must be absent when shape.kind is ramp (the shape gives the rates)`,
      `${file}:33:40 producers[2].batching.lingerMs: unknown key "lingerMs"; expected one of: entriesPerRequest, maxBytes`,
      `${file}:34:5 producers[2].entryBytes: entry size 10 bytes is below the smallest entry this producer can send: 29 bytes (source "com.shop.metrics" 16 B + detail type "HostMetrics" 11 B + an empty Detail {} 2 B); expected a size such as 512, "512B", "1.2KB" (1 KB = 1,024 B) or "2MB" of at least 29 bytes`,
      `${file}:35:30 producers[2].retry.maxAttempts: expected an integer from 1 to 10; got 0`,
      `${file}:37:25 endpoint.latencyMs.p99: must be >= p50 (50 ms); got 10 ms`,
    ]);
  });

  it('ScenarioError carries the rendered problems as its message', async () => {
    const file = `${FIXTURES}/unknown-bus.yaml`;
    const error = await loadScenario(file).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ScenarioError);
    expect((error as ScenarioError).name).toBe('ScenarioError');
    expect((error as ScenarioError).message).toBe(
      `${file}:11:5 producers[0].bus: unknown bus "payments"; expected the name of a bus declared under buses (orders)`,
    );
  });
});

describe('validateScenarioText: whole-file problems', () => {
  it('an empty file', () => {
    expect(validateScenarioText('# only a comment\n', 'empty.yaml')).toEqual({
      ok: false,
      problems: [
        {
          file: 'empty.yaml',
          line: null,
          column: null,
          path: '',
          message:
            'the file is empty; expected a scenario mapping with name, region, duration, buses and producers',
        },
      ],
    });
  });

  it('a list instead of a mapping', () => {
    expect(problemLines('- a\n- b\n')).toEqual([
      '1:1 : expected a scenario mapping with name, region, duration, buses and producers; got a list',
    ]);
  });

  it('several YAML documents', () => {
    expect(problemLines('name: a\n---\nname: b\n')).toEqual([
      '2:1 : invalid YAML: Source contains multiple documents; please use YAML.parseAllDocuments()',
    ]);
  });

  it('missing keys are reported at the line of their parent mapping', () => {
    expect(
      problemLines('name: x\nregion: us-east-1\nduration: 1m\nbuses: []\nproducers:\n  - name: p\n'),
    ).toEqual([
      '4:1 buses: expected a list of at least one bus; got an empty list',
      '6:5 producers[0].bus: is required; expected the name of a bus declared under buses',
      '6:5 producers[0].source: is required; expected an event source such as com.shop.checkout',
      '6:5 producers[0].detailTypes: is required; expected a list of at least one detail type',
      '6:5 producers[0].batching: is required; expected { entriesPerRequest: 1..10, maxBytes? } or { maxEntries: 1..10, lingerMs: >= 0, maxBytes? }',
      '6:5 producers[0].entryBytes: is required; expected a size such as 512, "512B", "1.2KB" (1 KB = 1,024 B) or "2MB", { dist: fixed, bytes: <size> }, { dist: uniform, min: <size>, max: <size> }, { dist: lognormal, p50: <size>, p99: <size> } or { dist: empirical, table: [{ bytes: <size>, weight: <n> }] }',
      '6:5 producers[0].rate: is required with shape.kind constant; expected a rate such as "50/s", "3000/min" or "100/h"',
    ]);
  });

  it('a duplicate key in a JSON file', () => {
    const text = '{\n  "name": "x",\n  "name": "y"\n}\n';
    expect(problemLines(text)).toContain(
      '3:3 name: duplicate key "name"; each key may appear once in a mapping',
    );
  });

  it('CRLF line endings keep the line numbers right', () => {
    const text = scenarioWith('rate: 0/s\nbatching: { entriesPerRequest: 1 }\nentryBytes: 1KB').replaceAll(
      '\n',
      '\r\n',
    );
    expect(problemLines(text)).toEqual([
      `12:5 producers[0].rate: must be > 0; got "0/s" (expected ${RATE_FORMS})`,
    ]);
  });
});

describe('validateScenarioText: producer fields', () => {
  const valid = 'rate: 50/s\nbatching: { entriesPerRequest: 10 }\nentryBytes: 1KB';

  it('the base inline scenario is valid', () => {
    expect(validateScenarioText(scenarioWith(valid), 'inline.yaml').ok).toBe(true);
  });

  it.each([
    [
      'an unknown shape kind',
      'rate: 5/s\nshape: { kind: wave }\nbatching: { entriesPerRequest: 1 }\nentryBytes: 1KB',
      [
        '13:14 producers[0].shape.kind: unknown shape kind "wave" (supported: constant, ramp, steps, diurnal, bursts, replay)',
      ],
    ],
    [
      'a shape without a kind',
      'rate: 5/s\nshape: { from: 1/s }\nbatching: { entriesPerRequest: 1 }\nentryBytes: 1KB',
      [
        '13:5 producers[0].shape.kind: is required; expected one of: constant, ramp, steps, diurnal, bursts, replay',
      ],
    ],
    [
      'a ramp from 0 to 0',
      'shape: { kind: ramp, from: 0/s, to: 0 }\nbatching: { entriesPerRequest: 1 }\nentryBytes: 1KB',
      ['12:37 producers[0].shape.to: a ramp from 0 to 0 sends nothing; expected from or to > 0'],
    ],
    [
      'a ramp without `to`',
      'shape: { kind: ramp, from: 5/s }\nbatching: { entriesPerRequest: 1 }\nentryBytes: 1KB',
      [`12:5 producers[0].shape.to: is required; expected ${RATE_FORMS}`],
    ],
    [
      'an empty batching mapping',
      'rate: 5/s\nbatching: {}\nentryBytes: 1KB',
      [
        '13:5 producers[0].batching: expected { entriesPerRequest: 1..10, maxBytes? } or { maxEntries: 1..10, lingerMs: >= 0, maxBytes? }; got a mapping',
      ],
    ],
    [
      'a negative linger',
      'rate: 5/s\nbatching: { maxEntries: 10, lingerMs: -1 }\nentryBytes: 1KB',
      [
        '13:33 producers[0].batching.lingerMs: expected a linger time in milliseconds (a number >= 0); got -1',
      ],
    ],
    [
      'a size that is not a size',
      'rate: 5/s\nbatching: { entriesPerRequest: 1 }\nentryBytes: big',
      [
        '14:5 producers[0].entryBytes: expected a size such as 512, "512B", "1.2KB" (1 KB = 1,024 B) or "2MB"; got "big"',
      ],
    ],
    [
      'a uniform size without its max',
      'rate: 5/s\nbatching: { entriesPerRequest: 1 }\nentryBytes: { dist: uniform, min: 1KB }',
      [`14:5 producers[0].entryBytes.max: is required; expected ${SIZE_FORMS}`],
    ],
    [
      'a lognormal p99 not above p50',
      'rate: 5/s\nbatching: { entriesPerRequest: 1 }\nentryBytes: { dist: lognormal, p50: 2KB, p99: 2KB }',
      ['14:46 producers[0].entryBytes.p99: must be greater than p50 (2048 bytes); got 2048 bytes'],
    ],
    [
      'an unknown key in a fixed size mapping',
      'rate: 5/s\nbatching: { entriesPerRequest: 1 }\nentryBytes: { dist: fixed, bytes: 1KB, pad: 1 }',
      ['14:44 producers[0].entryBytes.pad: unknown key "pad"; expected one of: dist, bytes'],
    ],
    [
      'a bad principal, and a duplicated detailTypes whose last value (used) is empty',
      'principal: checkout\ndetailTypes: [""]\nrate: 5/s\nbatching: { entriesPerRequest: 1 }\nentryBytes: 1KB',
      [
        '12:5 producers[0].principal: expected an IAM principal ARN such as arn:aws:iam::111122223333:role/checkout-producer; got "checkout"',
        '13:5 producers[0].detailTypes: duplicate key "detailTypes"; each key may appear once in a mapping',
        '13:19 producers[0].detailTypes[0]: expected a detail type of 1 to 128 chars such as OrderPlaced; got ""',
      ],
    ],
    [
      'retry out of range',
      `${valid}\nretry: { mode: eager, resendFailedEntries: 11 }`,
      [
        '15:14 producers[0].retry.mode: expected one of standard | adaptive; got "eager"',
        '15:27 producers[0].retry.resendFailedEntries: expected an integer from 0 to 10; got 11',
      ],
    ],
  ])('%s', (_label, producer, expected) => {
    expect(problemLines(scenarioWith(producer))).toEqual(expected);
  });

  it('duplicate producer names and a bad endpoint are reported together', () => {
    const extra = [
      '  - name: checkout',
      '    bus: orders',
      '    source: com.shop.checkout',
      '    detailTypes: [OrderPlaced]',
      '    rate: 5/s',
      '    batching: { entriesPerRequest: 1 }',
      '    entryBytes: 1KB',
      'endpoint:',
      '  quotaTps: 0',
      '  faults: { entryThrottleRate: 0.6, entryInternalFailureRate: 0.5, internalErrorRate: 2 }',
    ].join('\n');
    expect(problemLines(scenarioWith(valid, extra))).toEqual([
      '15:5 producers[1].name: duplicate producer name "checkout" (first declared at producers[0]); producer names must be unique',
      '23:3 endpoint.quotaTps: expected an integer >= 1; got 0',
      '24:13 endpoint.faults.entryThrottleRate: entryInternalFailureRate + entryThrottleRate is 1.1; expected at most 1 (an entry fails in one way at most)',
      '24:68 endpoint.faults.internalErrorRate: expected a probability from 0 to 1; got 2',
    ]);
  });

  it('a bad region, duration and timeScale', () => {
    const text = scenarioWith(valid)
      .replace('region: us-east-1', 'region: US-East')
      .replace('duration: 10s', 'duration: 0.1ms\ntimeScale: 0.5');
    expect(problemLines(text)).toEqual([
      '2:1 region: expected an AWS region such as us-east-1, eu-west-2 or us-gov-west-1; got "US-East"',
      '3:1 duration: must be > 0; got "0.1ms" (expected a duration such as "500ms", "30s", "2m", "1.5h" or a number of seconds)',
      '4:1 timeScale: expected a number >= 1; got 0.5',
    ]);
  });
});

describe('formatProblems', () => {
  it('renders file:line:col path: message, leaving out what is unknown', () => {
    expect(
      formatProblems([
        { file: 'a.yaml', line: 3, column: 5, path: 'duration', message: 'must be > 0' },
        { file: 'a.yaml', line: 1, column: 1, path: '', message: 'expected a mapping' },
        { file: 'b.yaml', line: null, column: null, path: '', message: 'cannot read b.yaml: no such file' },
      ]),
    ).toBe(
      [
        'a.yaml:3:5 duration: must be > 0',
        'a.yaml:1:1: expected a mapping',
        'b.yaml: cannot read b.yaml: no such file',
      ].join('\n'),
    );
  });
});

describe('validateScenarioText: run limits', () => {
  const hot = scenarioWith('rate: 5000000/s\nbatching: { entriesPerRequest: 10 }\nentryBytes: 512');

  it("checks the scenario's own limits by default (this floor cannot see shape peaks)", () => {
    expect(validateScenarioText(hot, 'inline.yaml').ok).toBe(true);
    const tooLong = validateScenarioText(hot.replace('duration: 10s', 'duration: 200h'), 'inline.yaml');
    expect(tooLong.ok ? [] : tooLong.problems.map((problem) => problem.path)).toEqual(['duration']);
  });

  it('locates the problems of the run-limits check it is given, like every other problem', () => {
    const result = validateScenarioText(hot, 'inline.yaml', checkRunLimits);
    expect(result.ok).toBe(false);
    expect(result.ok ? [] : formatProblems(result.problems)).toBe(
      'inline.yaml:12:5 producers[0].rate: peak rate 5,000,000 entries/s is over the limit of 1,000,000 entries/s (10 x what the account accepts: the PutEvents quota of 10,000 requests/s in us-east-1 x 10 entries per request)',
    );
  });

  it('parseScenario passes it on', () => {
    expect(() => parseScenario(hot, 'inline.yaml', checkRunLimits)).toThrow(ScenarioError);
    expect(parseScenario(hot, 'inline.yaml').scenario.producers[0]?.shape).toEqual({
      kind: 'constant',
      ratePerSec: 5_000_000,
    });
  });
});
