/**
 * Writes scenarios/schema.json from the zod schema of the scenario file (`npm run schema`).
 * A test fails when the committed file differs from what this script would write.
 */
import { writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { renderScenarioJsonSchema } from '../src/scenario/schema.js';

const target = fileURLToPath(new URL('../scenarios/schema.json', import.meta.url));
await writeFile(target, renderScenarioJsonSchema());
console.log(`wrote ${target}`);
