/**
 * `busload profile`, run from source: its flags are checked before any metric is read (exit 2). The reading
 * itself, against the embedded CloudWatch endpoint, is test/e2e/profile-cloudwatch.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { profileAt } from '../../../src/cli/commands/profile.js';
import { runBusload } from '../../helpers/busload-cli.js';

const FLAGS = {
  fromCloudwatch: true,
  days: 7,
  region: 'us-east-1',
  splitByRules: false,
  duration: '10m',
  format: 'table',
} as const;

describe('busload profile', () => {
  it('needs --from-cloudwatch (exit 2)', async () => {
    const { code, stdout, stderr } = await runBusload(['profile']);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toBe(
      'busload: profile: --from-cloudwatch is required (the only source in this version)\n',
    );
  });

  it('refuses days outside CloudWatch hourly retention, two split sources, and a bad replay length', async () => {
    const now = Date.UTC(2026, 10, 24, 12);
    await expect(profileAt({ ...FLAGS, days: 0, split: 'a=1' }, now)).rejects.toThrow(
      '--days 0: expected a whole number of days from 1 to 455 (CloudWatch keeps hourly data 455 days)',
    );
    await expect(profileAt({ ...FLAGS, split: 'a=1', splitByRules: true }, now)).rejects.toThrow(
      'profile: give exactly one of --split <bus>=<share>,... or --split-by-rules --buses <bus,...>',
    );
    await expect(profileAt({ ...FLAGS, split: 'a=1', duration: 'soon' }, now)).rejects.toThrow(
      '--duration soon: expected a replay length such as 10m or 90s',
    );
    await expect(profileAt({ ...FLAGS, splitByRules: true }, now)).rejects.toThrow(
      '--split-by-rules: name the buses with --buses orders,payments',
    );
  });
});
