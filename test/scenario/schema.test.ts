import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import {
  buildScenarioJsonSchema,
  renderScenarioJsonSchema,
  scenarioFileSchema,
} from '../../src/scenario/schema.js';

const MINIMAL = {
  name: 'mini',
  region: 'eu-west-1',
  duration: '2m',
  buses: [{ name: 'orders', classification: 'regulated' }],
  producers: [
    {
      name: 'checkout',
      bus: 'orders',
      source: 'com.shop',
      detailTypes: ['OrderPlaced'],
      rate: '120/min',
      batching: { entriesPerRequest: 10 },
      entryBytes: '1KB',
    },
  ],
};

describe('scenarios/schema.json', () => {
  it('is fresh: equal to what `npm run schema` generates (run npm run schema if this fails)', async () => {
    const committed = await readFile('scenarios/schema.json', 'utf8').catch(() => 'missing');
    expect(committed, 'scenarios/schema.json is stale: run npm run schema').toBe(renderScenarioJsonSchema());
  });

  it('is draft 2020-12, titled, strict at the top, and requires the core keys', () => {
    const schema = buildScenarioJsonSchema();
    expect(schema['$schema']).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(schema['title']).toBe('busload scenario');
    expect(schema['additionalProperties']).toBe(false);
    expect(schema['required']).toEqual(['name', 'region', 'duration', 'buses', 'producers']);
  });
});

describe('scenarioFileSchema: the top level', () => {
  it('resolves units and fills every default', () => {
    const parsed = scenarioFileSchema.parse(MINIMAL);
    expect(parsed.duration).toBe(120_000);
    expect(parsed.timeScale).toBe(1);
    expect(parsed.thresholds).toEqual([]);
    expect(parsed.endpoint).toEqual({
      quotaTps: null,
      burst: null,
      latencyMs: null,
      faults: { entryInternalFailureRate: 0, entryThrottleRate: 0, internalErrorRate: 0 },
    });
    expect(parsed.producers[0]).toMatchObject({ rate: 2, entryBytes: 1024, instances: 1 });
  });

  it('accepts $schema and family, and names an unknown key with the keys allowed', () => {
    expect(
      scenarioFileSchema.safeParse({ ...MINIMAL, $schema: './schema.json', family: 'mini' }).success,
    ).toBe(true);
    const result = scenarioFileSchema.safeParse({ ...MINIMAL, colour: 'blue' });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => issue.message)).toEqual([
      'unknown key; expected one of: $schema, name, family, region, duration, timeScale, buses, producers, endpoint, thresholds',
    ]);
  });

  it('says what a region, a time scale and an endpoint fault rate must be', () => {
    const result = scenarioFileSchema.safeParse({
      ...MINIMAL,
      region: 'mars',
      timeScale: 0.5,
      endpoint: { faults: { entryThrottleRate: 2 } },
    });
    expect(result.error?.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`)).toEqual([
      'region: expected an AWS region such as us-east-1, eu-west-2 or us-gov-west-1; got "mars"',
      'timeScale: expected a number >= 1; got 0.5',
      'endpoint.faults.entryThrottleRate: expected a probability from 0 to 1; got 2',
    ]);
  });

  it('says which keys a missing mapping needs', () => {
    const result = scenarioFileSchema.safeParse({ name: 'x' });
    expect(result.error?.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`)).toEqual([
      'region: is required; expected an AWS region such as us-east-1, eu-west-2 or us-gov-west-1',
      'duration: is required; expected a duration such as "500ms", "30s", "2m", "1.5h" or a number of seconds',
      'buses: is required; expected a list of at least one bus',
      'producers: is required; expected a list of at least one producer',
    ]);
  });
});

describe('renderScenarioJsonSchema', () => {
  it('is the JSON Schema, pretty-printed, with a final newline, documenting the units', () => {
    const text = renderScenarioJsonSchema();
    expect(text.endsWith('}\n')).toBe(true);
    expect(JSON.parse(text)).toEqual(buildScenarioJsonSchema());
    expect(String(buildScenarioJsonSchema()['description'])).toContain('KB = 1,024 B');
  });
});
