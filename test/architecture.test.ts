/**
 * The house rules of the source tree (README "Layout"), checked on every test run:
 * - floors: a file imports only from its own folder or from a lower floor, so the arrows point down and no
 *   two folders import each other; nothing imports src/cli/;
 * - the pure floors (src/eventbridge, src/schedule, src/model) use no I/O module, no AWS SDK and no clock;
 * - no import cycle between files;
 * - no source file over 400 lines;
 * - every source file with logic has its unit tests at the mirrored path (src/a/b.ts -> test/a/b.test.ts);
 * - nothing in the repository points to documents outside it.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../', import.meta.url));

/** The floors, lowest first. A folder's files may import their own folder and any lower floor. */
const FLOORS: readonly (readonly string[])[] = [
  ['errors.ts', 'sigv4'],
  ['eventbridge'],
  ['scenario'],
  ['schedule'],
  ['metrics'],
  ['model'],
  ['catalog'],
  ['endpoint'],
  ['workers'],
  ['report'],
  ['aws', 'audit'],
  ['run'],
  ['cli'],
];

const PURE_ROOMS = ['eventbridge', 'schedule', 'model'];
/** Node modules that reach outside the process (files, network, processes, threads, terminal). */
const IO_MODULES =
  /^(node:)?(fs|fs\/promises|net|http|https|http2|tls|dgram|dns|child_process|worker_threads|cluster|readline|tty|os|process)$/;
const CLOCK = /\bDate\.now\(|\bnew Date\(\)|\bperformance\.now\(|\bprocess\.hrtime/;
const MAX_SOURCE_LINES = 400;

function trackedFiles(pattern: string[]): string[] {
  return execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard', ...pattern], {
    cwd: ROOT,
    encoding: 'utf8',
  })
    .split('\n')
    .filter((file) => file.length > 0 && existsSync(join(ROOT, file)));
}

const SOURCES = trackedFiles(['src/**/*.ts']).filter((file) => file.endsWith('.ts'));

interface Parsed {
  file: string;
  text: string;
  /** Module specifiers of static imports, exports-from and dynamic imports. */
  specifiers: string[];
  hasLogic: boolean;
}

function parse(file: string): Parsed {
  const text = readFileSync(join(ROOT, file), 'utf8');
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.ES2022, true);
  const specifiers: string[] = [];
  let hasLogic = false;
  const visit = (node: ts.Node): void => {
    if (
      (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) &&
      node.moduleSpecifier &&
      ts.isStringLiteral(node.moduleSpecifier)
    ) {
      specifiers.push(node.moduleSpecifier.text);
    } else if (
      ts.isCallExpression(node) &&
      node.expression.kind === ts.SyntaxKind.ImportKeyword &&
      node.arguments[0] &&
      ts.isStringLiteral(node.arguments[0])
    ) {
      specifiers.push(node.arguments[0].text);
    }
    if (
      (ts.isFunctionDeclaration(node) && node.body) ||
      ts.isArrowFunction(node) ||
      ts.isFunctionExpression(node) ||
      (ts.isMethodDeclaration(node) && node.body) ||
      ts.isClassDeclaration(node) ||
      ts.isCallExpression(node)
    ) {
      hasLogic = true;
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return { file, text, specifiers, hasLogic };
}

const PARSED = SOURCES.map(parse);

/** The room of a source file: its first folder under src/, or the file name for files at src/. */
function roomOf(file: string): string {
  return file.split('/')[1]!;
}

function floorOf(file: string): number {
  const room = roomOf(file);
  return FLOORS.findIndex((rooms) => rooms.includes(room));
}

/** The source file a relative specifier resolves to, or undefined for packages. */
function resolveSource(from: string, specifier: string): string | undefined {
  if (!specifier.startsWith('.')) return undefined;
  return normalize(join(dirname(from), specifier)).replace(/\.js$/, '.ts');
}

describe('source tree layout', () => {
  it('puts every source file in a room that has a floor', () => {
    const homeless = SOURCES.filter((file) => floorOf(file) < 0);
    expect(homeless).toEqual([]);
  });

  it('imports only from the same room or a lower floor (nothing imports src/cli/)', () => {
    const upward: string[] = [];
    for (const { file, specifiers } of PARSED) {
      for (const specifier of specifiers) {
        const target = resolveSource(file, specifier);
        if (target === undefined || !target.startsWith('src/')) continue;
        if (roomOf(target) === roomOf(file)) continue;
        if (floorOf(target) >= floorOf(file)) upward.push(`${file} -> ${target}`);
      }
    }
    expect(upward).toEqual([]);
  });

  it('keeps the pure rooms free of I/O, the AWS SDK and the clock', () => {
    const impure: string[] = [];
    for (const { file, text, specifiers } of PARSED) {
      if (!PURE_ROOMS.includes(roomOf(file))) continue;
      for (const specifier of specifiers) {
        if (IO_MODULES.test(specifier) || specifier.startsWith('@aws-sdk/') || specifier === 'piscina') {
          impure.push(`${file} imports ${specifier}`);
        }
      }
      const withoutComments = text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
      if (CLOCK.test(withoutComments)) impure.push(`${file} reads the clock`);
    }
    expect(impure).toEqual([]);
  });

  it('has no import cycle between source files', () => {
    const graph = new Map<string, string[]>();
    for (const { file, specifiers } of PARSED) {
      graph.set(
        file,
        specifiers
          .map((specifier) => resolveSource(file, specifier))
          .filter((t): t is string => t !== undefined),
      );
    }
    // Tarjan's strongly connected components: any component of more than one file is a cycle.
    let index = 0;
    const indexOf = new Map<string, number>();
    const low = new Map<string, number>();
    const stack: string[] = [];
    const onStack = new Set<string>();
    const cycles: string[][] = [];
    const connect = (node: string): void => {
      indexOf.set(node, index);
      low.set(node, index);
      index += 1;
      stack.push(node);
      onStack.add(node);
      for (const next of graph.get(node) ?? []) {
        if (!graph.has(next)) continue;
        if (!indexOf.has(next)) {
          connect(next);
          low.set(node, Math.min(low.get(node)!, low.get(next)!));
        } else if (onStack.has(next)) {
          low.set(node, Math.min(low.get(node)!, indexOf.get(next)!));
        }
      }
      if (low.get(node) === indexOf.get(node)) {
        const component: string[] = [];
        let member: string;
        do {
          member = stack.pop()!;
          onStack.delete(member);
          component.push(member);
        } while (member !== node);
        if (component.length > 1) cycles.push(component.sort());
      }
    };
    for (const node of graph.keys()) if (!indexOf.has(node)) connect(node);
    expect(cycles).toEqual([]);
  });

  it(`keeps every source file at or under ${MAX_SOURCE_LINES} lines`, () => {
    const long = PARSED.map(({ file, text }) => ({ file, lines: text.split('\n').length - 1 }))
      .filter(({ lines }) => lines > MAX_SOURCE_LINES)
      .map(({ file, lines }) => `${file}: ${lines} lines`);
    expect(long).toEqual([]);
  });

  it('has a unit test at the mirrored path for every source file with logic', () => {
    const untested = PARSED.filter(({ hasLogic }) => hasLogic)
      .map(({ file }) => file.replace(/^src\//, 'test/').replace(/\.ts$/, '.test.ts'))
      .filter((testFile) => !existsSync(join(ROOT, testFile)));
    expect(untested).toEqual([]);
  });

  it('points to no document outside the repository', () => {
    const outside =
      /\.\.\/shared\b|aws-facts(\.md)?\b|CONTRACT\.md|STYLE\.md|ceilings\.md|launch-article|reference-load\//;
    const files = trackedFiles(['*.md', '*.ts', '*.json', '*.yaml', '*.yml', '.ci/*', 'bin/*']).filter(
      (file) =>
        file !== 'test/architecture.test.ts' &&
        file !== 'package-lock.json' &&
        !file.startsWith('test/golden/'),
    );
    const pointing = files.filter((file) => outside.test(readFileSync(join(ROOT, file), 'utf8')));
    expect(pointing).toEqual([]);
  });
});
