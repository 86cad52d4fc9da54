/** Replay series: CSV and JSON (CloudWatch exports) into counts per interval, and replay files in scenarios. */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadScenario } from '../../src/scenario/load.js';
import { parseSeriesText } from '../../src/scenario/series.js';

describe('parseSeriesText', () => {
  it.each([
    ['a bare column', '5\n7\n\n9\n', [5, 7, 9]],
    [
      'a header, comments and timestamps (sorted)',
      '# export\nTimestamp,Sum\n2026-01-01T00:02:00Z,3\n2026-01-01T00:00:00Z,1\n2026-01-01T00:01:00Z,2\n',
      [1, 2, 3],
    ],
    ['semicolons and quotes', '"time";"value"\n"a";"4"\n"b";"6"\n', [4, 6]],
    ['a JSON array', '[1, 2.5, 0]', [1, 2.5, 0]],
    [
      'JSON objects with timestamps',
      '[{"Timestamp":"2026-01-01T00:01:00Z","Sum":8},{"Timestamp":"2026-01-01T00:00:00Z","Sum":4}]',
      [4, 8],
    ],
    [
      'CloudWatch GetMetricData (newest first)',
      '{"MetricDataResults":[{"Id":"m","Timestamps":["2026-01-01T00:02:00Z","2026-01-01T00:01:00Z","2026-01-01T00:00:00Z"],"Values":[30,20,10]}]}',
      [10, 20, 30],
    ],
    [
      'CloudWatch GetMetricStatistics',
      '{"Datapoints":[{"Timestamp":"2026-01-01T00:01:00Z","Sum":2},{"Timestamp":"2026-01-01T00:00:00Z","Sum":1}]}',
      [1, 2],
    ],
  ])('%s', (_label, text, counts) => {
    expect(parseSeriesText(text, 'series.csv')).toEqual({ ok: true, counts });
  });

  it.each([
    ['', 'series.csv is empty; expected counts per interval'],
    ['1\n-2\n', 'series.csv line 2: expected a count >= 0, got -2'],
    ['1\nmany\n', 'series.csv line 2: expected a count >= 0, got NaN'],
    ['{"x":1}', 'series.csv: expected an array of counts, CloudWatch MetricDataResults or Datapoints'],
    ['[{"n":1}]', 'series.csv[0]: expected one of count, value, Value, sum, Sum as a number'],
  ])('rejects %j', (text, message) => {
    expect(parseSeriesText(text, 'series.csv')).toEqual({ ok: false, message });
  });
});

describe('replay files in a scenario', () => {
  let dir = '';
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'busload-series-'));
    await writeFile(join(dir, 'good.csv'), 'minute,entries\n0,60\n1,120\n');
    await writeFile(join(dir, 'bad.csv'), '1\n-1\n');
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });
  const scenarioWith = (shape: string): string =>
    [
      'name: replayed',
      'region: us-east-1',
      'duration: 10s',
      'buses: [{ name: orders, classification: production }]',
      'producers:',
      '  - name: checkout',
      '    bus: orders',
      '    source: com.shop',
      '    detailTypes: [OrderPlaced]',
      `    shape: ${shape}`,
      '    batching: { entriesPerRequest: 10 }',
      '    entryBytes: 1KB',
      '',
    ].join('\n');

  it('reads the file relative to the scenario into counts', async () => {
    const file = join(dir, 'ok.yaml');
    await writeFile(file, scenarioWith('{ kind: replay, interval: 1m, file: good.csv, speed: 2 }'));
    const { scenario } = await loadScenario(file);
    expect(scenario.producers[0]!.shape).toEqual({
      kind: 'replay',
      intervalMs: 60_000,
      counts: [60, 120],
      speed: 2,
    });
  });

  it('names the field and the problem for a missing or malformed file, and for file + counts', async () => {
    const problems = async (shape: string): Promise<string[]> => {
      const file = join(dir, `case-${Math.random().toString(36).slice(2)}.yaml`);
      await writeFile(file, scenarioWith(shape));
      try {
        await loadScenario(file);
        return [];
      } catch (error) {
        return (error as { problems: Array<{ path: string; message: string }> }).problems.map(
          (p) => `${p.path}: ${p.message}`,
        );
      }
    };
    expect(await problems('{ kind: replay, interval: 1m, file: missing.csv }')).toEqual([
      'producers[0].shape.file: cannot read missing.csv: no such file',
    ]);
    expect(await problems('{ kind: replay, interval: 1m, file: bad.csv }')).toEqual([
      'producers[0].shape.file: bad.csv line 2: expected a count >= 0, got -1',
    ]);
    expect(await problems('{ kind: replay, interval: 1m, file: good.csv, counts: [1] }')).toEqual([
      'producers[0].shape.counts: give either file or counts, not both',
    ]);
    expect(await problems('{ kind: replay, interval: 1m }')).toEqual([
      'producers[0].shape.file: is required; expected file (a CSV or JSON series) or counts (a list of entries per interval)',
    ]);
  });
});
