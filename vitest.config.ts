import { defineConfig } from 'vitest/config';

// BUSLOAD_TEST_JSON=<file> also writes vitest's JSON results there (.ci/run reads it for its summary line).
const jsonOutput = process.env.BUSLOAD_TEST_JSON;

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    reporters: jsonOutput ? ['default', 'json'] : ['default'],
    outputFile: jsonOutput ? { json: jsonOutput } : undefined,
  },
});
