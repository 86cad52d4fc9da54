/** The version `busload --version` prints is package.json's. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { TOOL_VERSION } from '../../src/cli/version.js';

describe('TOOL_VERSION', () => {
  it("is package.json's version", () => {
    const packageJson = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
      version: string;
    };
    expect(TOOL_VERSION).toBe(packageJson.version);
    expect(TOOL_VERSION).toMatch(/^\d+\.\d+\.\d+/);
  });
});
