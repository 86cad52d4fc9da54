/** The tool's version, read from package.json (same relative place from src/cli and dist/cli). */
import { readFileSync } from 'node:fs';

const packageJson = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
  version: string;
};

export const TOOL_VERSION: string = packageJson.version;
