import { readdir, readFile } from 'node:fs/promises';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadScenario, validateScenarioText } from '../../src/scenario/load.js';
import { runBusload } from '../helpers/busload-cli.js';

const SCENARIOS_DIR = 'scenarios';
const scenarioFiles = (await readdir(SCENARIOS_DIR))
  .filter((name) => /\.(ya?ml|json)$/.test(name) && name !== 'schema.json')
  .map((name) => `${SCENARIOS_DIR}/${name}`);

describe('shipped scenarios', () => {
  it('include the quickstart and at least one more example', () => {
    expect(scenarioFiles).toContain('scenarios/quickstart.yaml');
    expect(scenarioFiles.length).toBeGreaterThanOrEqual(2);
  });

  it.each(scenarioFiles)('%s validates, and its name matches the file name', async (file) => {
    const { scenario } = await loadScenario(file);
    expect(`${SCENARIOS_DIR}/${scenario.name}.yaml`).toBe(file);
  });

  it.each(scenarioFiles)('%s opens with a comment saying what it represents', async (file) => {
    const text = await readFile(file, 'utf8');
    const firstLines = text.split('\n').slice(0, 4).join('\n');
    expect(firstLines).toMatch(/^# .{20,}/m);
  });
});

describe('busload validate scenarios/*', () => {
  it('accepts every shipped scenario and skips the schema and the replay series', async () => {
    const everything = (await readdir(SCENARIOS_DIR)).sort().map((name) => `${SCENARIOS_DIR}/${name}`);
    const { code, stdout, stderr } = await runBusload(['validate', ...everything]);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    for (const file of scenarioFiles) expect(stdout).toContain(`ok ${file} (`);
    expect(stdout).toContain('skipped scenarios/schema.json (the scenario JSON Schema)');
    expect(stdout).toContain('skipped scenarios/series (a directory without scenario files)');
  });

  it('ships the realistic examples the docs name, each using the features it describes', async () => {
    const names = scenarioFiles.map((file) => file.slice(SCENARIOS_DIR.length + 1));
    for (const name of [
      'regulated-checkout.yaml',
      'payments-ledger.yaml',
      'identity-logins.yaml',
      'telemetry-firehose.yaml',
      'nightly-batch.yaml',
      'batching-before.yaml',
      'batching-after.yaml',
      'incident-window.yaml',
    ]) {
      expect(names).toContain(name);
    }
    const shapeOf = async (name: string) =>
      (await loadScenario(`${SCENARIOS_DIR}/${name}`)).scenario.producers[0]!.shape.kind;
    expect(await shapeOf('regulated-checkout.yaml')).toBe('diurnal');
    expect(await shapeOf('identity-logins.yaml')).toBe('bursts');
    expect(await shapeOf('nightly-batch.yaml')).toBe('steps');
    expect(await shapeOf('incident-window.yaml')).toBe('replay');
    const incident = (await loadScenario(`${SCENARIOS_DIR}/incident-window.yaml`)).scenario;
    const replay = incident.producers[0]!.shape;
    expect(replay.kind === 'replay' && replay.counts.length).toBe(20);
  });
});

describe('validateScenarioText never throws on bad input', () => {
  it('returns problems (not exceptions) for the quickstart with lines deleted or garbled', async () => {
    const lines = (await readFile(`${SCENARIOS_DIR}/quickstart.yaml`, 'utf8')).split('\n');
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: lines.length - 1 }),
        fc.string({ maxLength: 12 }),
        fc.boolean(),
        (index, garbage, remove) => {
          const mutated = [...lines];
          if (remove) mutated.splice(index, 1);
          else mutated[index] = `${mutated[index] ?? ''}${garbage}`;
          const result = validateScenarioText(mutated.join('\n'), 'mutated.yaml');
          if (!result.ok) {
            for (const problem of result.problems) {
              expect(problem.message.length).toBeGreaterThan(0);
              expect(problem.file).toBe('mutated.yaml');
            }
          }
        },
      ),
      { seed: 20_260_504, numRuns: 100 },
    );
  });

  it('returns problems for arbitrary text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (text) => {
        const result = validateScenarioText(text, 'random.yaml');
        expect(result.ok).toBe(false);
      }),
      { seed: 7, numRuns: 300 },
    );
  });
});
