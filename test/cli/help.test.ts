/** `--help` examples (pure): drawn as `#` comment lines above a pasteable command, wrapped to the help width. */
import { describe, expect, it } from 'vitest';
import { example, HELP_WIDTH } from '../../src/cli/help.js';

describe('example', () => {
  it('puts the description as a comment line above the command, with $0 printed as busload', () => {
    expect(
      example(
        '$0 run scenarios/quickstart.yaml',
        'replay the quickstart (30 s) and write a run directory',
        110,
      ),
    ).toEqual([
      '# replay the quickstart (30 s) and write a run directory\nbusload run scenarios/quickstart.yaml',
      '',
    ]);
  });

  it('wraps a long description into more comment lines and a long command with \\ continuations', () => {
    expect(
      example(
        '$0 profile --from-cloudwatch --days 7 --region eu-west-1 --split orders=0.6,payments=0.3,telemetry=0.1',
        'a week of PutEvents metrics -> profile-eu-west-1.yaml and its monthly cost',
        60,
      ),
    ).toEqual([
      [
        '# a week of PutEvents metrics -> profile-eu-west-1.yaml',
        '# and its monthly cost',
        'busload profile --from-cloudwatch --days 7 \\',
        '    --region eu-west-1 --split \\',
        '    orders=0.6,payments=0.3,telemetry=0.1',
      ].join('\n'),
      '',
    ]);
  });

  it('never wraps narrower than 30 columns, and a word longer than the room gets a line of its own', () => {
    const [text] = example('$0 cost a-very-long-scenario-file-name-that-cannot-be-split.yaml', 'x', 10);
    expect(text).toBe('# x\nbusload cost \\\n    a-very-long-scenario-file-name-that-cannot-be-split.yaml');
  });

  it('is at most 110 columns wide (110 when stdout is not a terminal, as under the test runner)', () => {
    expect(HELP_WIDTH).toBe(Math.min(110, process.stdout.columns || 110));
    expect(HELP_WIDTH).toBeLessThanOrEqual(110);
  });
});
