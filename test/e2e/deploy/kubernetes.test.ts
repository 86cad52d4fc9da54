/**
 * deploy/kubernetes: the Indexed Job manifest and its guide, checked offline.
 * - Every object validates against the Kubernetes API schemas (kubernetes-models: Kubernetes' OpenAPI
 *   schemas compiled to validators, no cluster and no network needed), and has no field the API does not
 *   know (the models' TypeScript interfaces, checked with the TypeScript compiler).
 * - The Job's completions, parallelism and BUSLOAD_SHARD_COUNT agree; every name the pod refers to exists.
 * - The pods' command runs here: one busload process per completion index with the environment a pod gets
 *   (the container's env with JOB_COMPLETION_INDEX filled in as Kubernetes does, the image's ENV), its args
 *   expanded as Kubernetes expands $(VAR), against the embedded endpoint; then the guide's merge step runs
 *   on the shard reports, and the merged report equals the whole plan run on one machine.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import * as batchV1 from 'kubernetes-models/batch/v1';
import * as coreV1 from 'kubernetes-models/v1';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import type { RunReport } from '../../../src/report/types.js';
import { loadScenario } from '../../../src/scenario/load.js';
import { CLI_FROM_SOURCE, type CliResult, runBusload } from '../../helpers/busload-cli.js';

const ROOT = new URL('../../../', import.meta.url).pathname;
const MANIFEST = join(ROOT, 'deploy/kubernetes/busload-job.yaml');
const GUIDE = join(ROOT, 'deploy/kubernetes/README.md');
const DOCKERFILE = join(ROOT, 'deploy/kubernetes/Dockerfile');

/** The models of the API groups the manifest may use, by apiVersion. */
const MODELS: Record<string, Record<string, unknown>> = { v1: coreV1, 'batch/v1': batchV1 };

// biome-ignore lint/suspicious/noExplicitAny: Kubernetes objects are checked by the models, then read loosely.
type K8sObject = Record<string, any>;

function manifestObjects(): K8sObject[] {
  const documents = parseAllDocuments(readFileSync(MANIFEST, 'utf8'));
  for (const document of documents) {
    expect(document.errors.map((error) => error.message)).toEqual([]);
  }
  return documents.map((document) => document.toJS() as K8sObject);
}

function only(objects: K8sObject[], kind: string): K8sObject {
  const found = objects.filter((object) => object.kind === kind);
  expect(found, kind).toHaveLength(1);
  return found[0]!;
}

/** Validates one object with its kubernetes-models class; returns the problems (empty when valid). */
function validateObject(object: K8sObject): string[] {
  const group = MODELS[object.apiVersion];
  if (!group) return [`apiVersion ${object.apiVersion}: no model here (add its kubernetes-models module)`];
  const Model = group[object.kind] as (new (data: unknown) => { validate(): void }) | undefined;
  if (!Model) return [`${object.apiVersion} ${object.kind}: no such kind`];
  try {
    new Model(object).validate();
    return [];
  } catch (error) {
    return [`${object.kind} ${object.metadata?.name}: ${(error as Error).message}`];
  }
}

/** The TypeScript interface kubernetes-models declares for each kind, by "apiVersion kind". */
const TYPES: Record<string, { module: string; type: string }> = {
  'v1 ConfigMap': { module: 'kubernetes-models/v1', type: 'IConfigMap' },
  'v1 PersistentVolumeClaim': { module: 'kubernetes-models/v1', type: 'IPersistentVolumeClaim' },
  'batch/v1 Job': { module: 'kubernetes-models/batch/v1', type: 'IJob' },
};

/**
 * Fields the Kubernetes API does not know, per set of objects. The API's schemas allow unknown fields (so the
 * validators above pass a misspelt key, which the API server would drop or, with strict field validation,
 * refuse); the models' TypeScript interfaces do not: each object is type-checked as an object literal of its
 * kind's interface, where the compiler reports any property the interface lacks, at any depth.
 */
function unknownFields(sets: K8sObject[][]): string[][] {
  const files = sets.map((_, index) => join(ROOT, 'test', 'deploy', `__manifest-${index}__.ts`));
  const sources = new Map(
    sets.map((objects, index) => [
      files[index]!,
      objects
        .map((object, position) => {
          const model = TYPES[`${object.apiVersion} ${object.kind}`];
          if (!model) return `throw new Error('no type for ${object.apiVersion} ${object.kind}');`;
          return `import type { ${model.type} as T${position} } from '${model.module}';\nexport const o${position}: T${position} = ${JSON.stringify(object)};`;
        })
        .join('\n'),
    ]),
  );
  const options: ts.CompilerOptions = {
    strict: true,
    noEmit: true,
    skipLibCheck: true,
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    target: ts.ScriptTarget.ES2022,
    types: [],
  };
  const host = ts.createCompilerHost(options);
  const readSource = host.getSourceFile.bind(host);
  const exists = host.fileExists.bind(host);
  host.getSourceFile = (name, language, ...rest) => {
    const text = sources.get(name);
    return text === undefined
      ? readSource(name, language, ...rest)
      : ts.createSourceFile(name, text, language);
  };
  host.fileExists = (name) => sources.has(name) || exists(name);
  const program = ts.createProgram(files, options, host);
  return files.map((file) =>
    ts
      .getPreEmitDiagnostics(program, program.getSourceFile(file))
      .map((diagnostic) => ts.flattenDiagnosticMessageText(diagnostic.messageText, ' ')),
  );
}

/** Kubernetes' expansion of $(VAR) in args from the container's env; an undefined reference stays as is. */
function expand(text: string, env: Record<string, string>): string {
  return text.replace(/\$\(([A-Za-z_][A-Za-z0-9_]*)\)/g, (whole, name: string) => env[name] ?? whole);
}

/** The image's ENV (the Dockerfile's final stage). */
function imageEnv(): Record<string, string> {
  const stages = readFileSync(DOCKERFILE, 'utf8').split(/^FROM /m);
  const env: Record<string, string> = {};
  for (const line of stages.at(-1)!.split('\n')) {
    const match = /^ENV\s+(.+)$/.exec(line.trim());
    if (!match) continue;
    for (const pair of match[1]!.split(/\s+/)) {
      const [name, value] = pair.split('=');
      env[name!] = value ?? '';
    }
  }
  return env;
}

/** The guide's section "3. Merge": its sh code block. */
function mergeBlock(): string {
  const guide = readFileSync(GUIDE, 'utf8');
  const section = guide.split(/^## /m).find((part) => part.startsWith('3. Merge'));
  expect(section, 'the guide has a "3. Merge" section').toBeDefined();
  const block = /```sh\n([\s\S]*?)```/.exec(section!);
  expect(block, 'with an sh code block').not.toBeNull();
  return block![1]!;
}

describe('deploy/kubernetes/busload-job.yaml', () => {
  const objects = manifestObjects();
  const job = only(objects, 'Job');
  const configMap = only(objects, 'ConfigMap');
  const claim = only(objects, 'PersistentVolumeClaim');
  const pod = job.spec.template.spec;
  const container = pod.containers[0];
  const envEntry = (name: string) =>
    (container.env as K8sObject[]).find((entry) => entry.name === name) as K8sObject | undefined;

  it('every object validates against the Kubernetes API schemas', () => {
    expect(objects.map((object) => `${object.apiVersion} ${object.kind}`)).toEqual([
      'v1 ConfigMap',
      'v1 PersistentVolumeClaim',
      'batch/v1 Job',
    ]);
    expect(objects.flatMap(validateObject)).toEqual([]);
  });

  it('the validation has teeth: a wrong type, value or missing field is caught', () => {
    const broken = (edit: (job: K8sObject) => void) => {
      const copy = structuredClone(job);
      edit(copy);
      return validateObject(copy);
    };
    expect(broken((copy) => (copy.spec.parallelism = '4'))).toEqual([
      'Job busload-shards: data/spec/parallelism must be integer',
    ]);
    expect(broken((copy) => (copy.spec.completionMode = 'indexed'))[0]).toContain(
      'data/spec/completionMode must be equal to one of the allowed values',
    );
    expect(broken((copy) => delete copy.spec.template.spec.containers[0].name)[0]).toContain(
      'data/spec/template/spec/containers/0 must have required property name',
    );
    expect(
      broken((copy) => (copy.spec.template.spec.containers[0].resources.requests.cpu = 'two cores'))[0],
    ).toContain('must match format "quantity"');
  });

  it('no object has a field the Kubernetes API does not know (a misspelt key is caught)', () => {
    const misspelt = structuredClone(objects);
    const copy = misspelt.find((object) => object.kind === 'Job')!;
    copy.spec.template.spec.containers[0].env[0].valueFrom.fieldRef.fieldPaht = 'metadata.name';
    const [shipped, broken] = unknownFields([objects, misspelt]);
    expect(shipped).toEqual([]);
    expect(broken).toEqual([
      `Object literal may only specify known properties, and '"fieldPaht"' does not exist in type 'IObjectFieldSelector'.`,
    ]);
  }, 120_000);

  it('is an Indexed Job whose completions, parallelism and BUSLOAD_SHARD_COUNT agree', () => {
    expect(job.spec.completionMode).toBe('Indexed');
    const count = Number(envEntry('BUSLOAD_SHARD_COUNT')?.value);
    expect(Number.isInteger(count) && count >= 1).toBe(true);
    expect([job.spec.completions, job.spec.parallelism]).toEqual([count, count]);
    // The index comes from the pod's completion-index annotation, as Kubernetes sets it.
    expect(envEntry('JOB_COMPLETION_INDEX')?.valueFrom).toEqual({
      fieldRef: { fieldPath: "metadata.annotations['batch.kubernetes.io/job-completion-index']" },
    });
    // A retried shard would no longer run in step with the others: the Job does not retry.
    expect(job.spec.backoffLimit).toBe(0);
    expect(pod.restartPolicy).toBe('Never');
  });

  it('refers only to things that exist: env in args, volumes, the ConfigMap and the claim', () => {
    const defined = new Set((container.env as K8sObject[]).map((entry) => entry.name as string));
    const references = (container.args as string[]).flatMap((arg) =>
      [...arg.matchAll(/\$\(([A-Za-z_][A-Za-z0-9_]*)\)/g)].map((match) => match[1]!),
    );
    expect(references.length).toBeGreaterThan(0);
    expect(references.filter((name) => !defined.has(name))).toEqual([]);
    const volumes = new Map((pod.volumes as K8sObject[]).map((volume) => [volume.name as string, volume]));
    for (const mount of container.volumeMounts as K8sObject[])
      expect(volumes.has(mount.name), mount.name).toBe(true);
    expect(volumes.get('scenario')?.configMap?.name).toBe(configMap.metadata.name);
    expect(volumes.get('reports')?.persistentVolumeClaim?.claimName).toBe(claim.metadata.name);
    // Every pod writes to the claim at once, possibly from different nodes.
    expect(claim.spec.accessModes).toContain('ReadWriteMany');
    // The scenario argument is the ConfigMap's key under the scenario mount.
    const mountOf = (name: string) =>
      (container.volumeMounts as K8sObject[]).find((mount) => mount.name === name)!.mountPath as string;
    expect(container.args[0]).toBe('run');
    const scenarioPath = container.args[1] as string;
    expect(scenarioPath.startsWith(`${mountOf('scenario')}/`)).toBe(true);
    expect(Object.keys(configMap.data)).toContain(scenarioPath.slice(mountOf('scenario').length + 1));
    const out = container.args[container.args.indexOf('--out') + 1] as string;
    expect(out.startsWith(`${mountOf('reports')}/`)).toBe(true);
  });

  it("the ConfigMap's scenario is a valid busload scenario", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'busload-k8s-scenario-'));
    try {
      const file = join(dir, 'scenario.yaml');
      writeFileSync(file, configMap.data['scenario.yaml']);
      const loaded = await loadScenario(file);
      expect(loaded.scenario.name).toBe('sharded-orders');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("the guide's in-cluster merge names every shard of the Job, once", () => {
    const count = job.spec.completions as number;
    const overrides = /--overrides='([\s\S]*?)'/.exec(mergeBlock());
    expect(overrides, 'the kubectl run --overrides JSON').not.toBeNull();
    const spec = JSON.parse(overrides![1]!) as { spec: { containers: Array<{ args: string[] }> } };
    const args = spec.spec.containers[0]!.args;
    expect(args[0]).toBe('merge');
    expect(args.filter((arg) => arg.endsWith('/report.json'))).toEqual(
      Array.from({ length: count }, (_, index) => `/reports/shard-${index}/report.json`),
    );
  });
});

/**
 * The node arguments that run this checkout's CLI from source from any folder (`--import tsx` would resolve
 * tsx from the working directory).
 */
const CLI_ANYWHERE = [
  '--import',
  pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href.replace(/[^/]+$/, 'loader.mjs'),
  join(ROOT, CLI_FROM_SOURCE[2]!),
];

/** Runs a program with exactly the given environment (plus NO_COLOR) in `cwd`, collecting its output. */
function runIn(
  program: string,
  args: string[],
  env: Record<string, string | undefined>,
  cwd: string,
): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(program, args, {
      cwd,
      env: { ...env, NO_COLOR: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${program} ${args.join(' ')} timed out\n${stdout}\n${stderr}`));
    }, 90_000);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

describe("the Job's shards, run here as the pods run them, and the guide's merge", () => {
  const objects = manifestObjects();
  const job = only(objects, 'Job');
  const configMap = only(objects, 'ConfigMap');
  const container = job.spec.template.spec.containers[0];
  const count = job.spec.completions as number;
  const dir = mkdtempSync(join(tmpdir(), 'busload-k8s-'));
  /** The volumes, mounted here: /scenario and /reports become folders of the temporary directory. */
  const mounts = new Map<string, string>(
    (container.volumeMounts as K8sObject[]).map((mount) => [
      mount.mountPath as string,
      join(dir, mount.name),
    ]),
  );
  const local = (path: string) => {
    for (const [mountPath, folder] of mounts) {
      if (path.startsWith(`${mountPath}/`)) return join(folder, path.slice(mountPath.length + 1));
    }
    return path;
  };
  /**
   * The shipped scenario is 2 minutes at 8,000 entries/s: here each shard replays 2 s of it at 1/50 of the
   * rate, on one worker thread, so four shards fit beside the rest of the suite on a small machine.
   */
  const SHORTEN = ['--duration', '2s', '--rate-scale', '0.02', '--workers', '1'];
  const shards: CliResult[] = [];
  let whole: RunReport;

  beforeAll(async () => {
    for (const folder of mounts.values()) mkdirSync(folder, { recursive: true });
    for (const [key, text] of Object.entries(configMap.data as Record<string, string>)) {
      writeFileSync(join(mounts.get('/scenario')!, key), text);
    }
    // The manifest's START_AT is an example instant in the past (it is refused): the shards here start
    // together 20 s from now, time enough for every process to be up on a busy machine.
    const startAt = new Date(Math.ceil((Date.now() + 20_000) / 1000) * 1000).toISOString();
    const podEnv = (index: number): Record<string, string> => {
      const env: Record<string, string> = { ...imageEnv(), PATH: process.env.PATH ?? '/usr/bin:/bin' };
      for (const entry of container.env as K8sObject[]) {
        if (entry.name === 'JOB_COMPLETION_INDEX') env[entry.name] = String(index);
        else if (entry.name === 'START_AT') env[entry.name] = startAt;
        else env[entry.name] = String(entry.value);
      }
      return env;
    };
    const runs = Array.from({ length: count }, (_, index) => {
      const env = podEnv(index);
      const args = (container.args as string[]).map((arg) => local(expand(arg, env)));
      // In the image the working directory is the app's root (WORKDIR /app): here, this checkout's.
      return runIn(process.execPath, [...CLI_ANYWHERE, ...args, ...SHORTEN], env, ROOT);
    });
    shards.push(...(await Promise.all(runs)));
    // The same plan on one machine, for the merged report to be checked against.
    const one = await runBusload(
      [
        'run',
        join(mounts.get('/scenario')!, 'scenario.yaml'),
        '--out',
        join(dir, 'whole'),
        '--no-progress',
        ...SHORTEN,
      ],
      { timeoutMs: 90_000 },
    );
    expect(one.code, one.stderr).toBe(0);
    whole = JSON.parse(readFileSync(join(dir, 'whole', 'report.json'), 'utf8')) as RunReport;
  }, 180_000);

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('every pod command succeeds and writes shard i of N into /reports/shard-i', () => {
    shards.forEach((result, index) => {
      expect(result.code, `shard ${index}: ${result.stderr}\n${result.stdout}`).toBe(0);
      const report = JSON.parse(
        readFileSync(join(mounts.get('/reports')!, `shard-${index}`, 'report.json'), 'utf8'),
      ) as RunReport;
      expect(report.run.shard).toEqual({ index, count });
      expect(report.status).toBe('completed');
    });
  });

  it("the guide's merge command adds the shards up to exactly the whole plan", async () => {
    // The guide's local form: `busload merge shard-*/report.json --out merged`, run by the shell (for the glob)
    // in the folder the shard reports were copied to, with busload being this checkout's CLI.
    const lines = mergeBlock()
      .split('\n')
      .filter((line) => line.startsWith('busload merge'));
    expect(lines).toEqual(['busload merge shard-*/report.json --out merged']);
    const busload = [process.execPath, ...CLI_ANYWHERE].map((word) => `'${word}'`).join(' ');
    const merged = await runIn(
      'bash',
      ['-c', `busload() { ${busload} "$@"; }; ${lines[0]}`],
      process.env,
      mounts.get('/reports')!,
    );
    expect(merged.code, merged.stderr).toBe(0);
    const report = JSON.parse(
      readFileSync(join(mounts.get('/reports')!, 'merged', 'report.json'), 'utf8'),
    ) as RunReport;
    expect(report.run.shard).toEqual({ index: 0, count: 1 });
    expect(report.status).toBe('completed');
    const totals = (r: RunReport) => ({
      planned: r.totals.entries.planned,
      succeeded: r.totals.entries.succeeded,
      calls: r.totals.requests.calls,
      bytes: r.totals.entries.bytes,
    });
    // The shards together are the whole plan, once: the same entries, calls and bytes as one machine.
    expect(totals(report)).toEqual(totals(whole));
    expect(report.totals.entries.planned).toBeGreaterThan(0);
    expect(report.cost.buses.map((bus) => bus.monthly.dataEvents)).toEqual(
      whole.cost.buses.map((bus) => bus.monthly.dataEvents),
    );
  }, 60_000);
});
