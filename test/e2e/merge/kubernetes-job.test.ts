/**
 * deploy/kubernetes/busload-job.yaml: parses, and the fields a sharded run depends on are consistent.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { resolveShard } from '../../../src/run/shard.js';
import { parseScenario } from '../../../src/scenario/load.js';

const FILE = 'deploy/kubernetes/busload-job.yaml';

interface Doc {
  kind: string;
  metadata: { name: string };
  // biome-ignore lint/suspicious/noExplicitAny: a Kubernetes object, checked field by field below
  [key: string]: any;
}

const documents = parseAllDocuments(readFileSync(FILE, 'utf8'));
const docs = documents.map((document) => document.toJS() as Doc);
const byKind = (kind: string): Doc => {
  const found = docs.filter((doc) => doc.kind === kind);
  expect(found, kind).toHaveLength(1);
  return found[0]!;
};

describe(FILE, () => {
  it('parses without errors', () => {
    for (const document of documents) expect(document.errors).toEqual([]);
    expect(docs.map((doc) => doc.kind).sort()).toEqual(['ConfigMap', 'Job', 'PersistentVolumeClaim']);
  });

  it('is an Indexed Job with parallelism = completions = BUSLOAD_SHARD_COUNT', () => {
    const job = byKind('Job');
    expect(job.apiVersion).toBe('batch/v1');
    expect(job.spec.completionMode).toBe('Indexed');
    expect(job.spec.parallelism).toBe(job.spec.completions);
    const container = job.spec.template.spec.containers[0];
    const env = Object.fromEntries(
      container.env.map((variable: { name: string; value?: string; valueFrom?: unknown }) => [
        variable.name,
        variable.value ?? variable.valueFrom,
      ]),
    );
    expect(Number(env.BUSLOAD_SHARD_COUNT)).toBe(job.spec.completions);
    expect(env.JOB_COMPLETION_INDEX).toEqual({
      fieldRef: { fieldPath: "metadata.annotations['batch.kubernetes.io/job-completion-index']" },
    });
    expect(job.spec.template.spec.restartPolicy).toBe('Never');
    // what busload makes of the last pod's environment
    expect(
      resolveShard({
        env: {
          JOB_COMPLETION_INDEX: String(job.spec.completions - 1),
          BUSLOAD_SHARD_COUNT: env.BUSLOAD_SHARD_COUNT,
        },
      }),
    ).toEqual({ index: job.spec.completions - 1, count: job.spec.completions });
    expect(env.START_AT).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
  });

  it('runs the ConfigMap scenario and writes each shard to its own folder on the reports volume', () => {
    const job = byKind('Job');
    const pod = job.spec.template.spec;
    const container = pod.containers[0];
    const mounts = Object.fromEntries(
      container.volumeMounts.map((mount: { name: string; mountPath: string }) => [
        mount.name,
        mount.mountPath,
      ]),
    );
    const volumes = Object.fromEntries(pod.volumes.map((volume: { name: string }) => [volume.name, volume]));
    const args: string[] = container.args;
    expect(args[0]).toBe('run');
    expect(args[1]).toBe(`${mounts.scenario}/scenario.yaml`);
    expect(args[args.indexOf('--out') + 1]).toBe(`${mounts.reports}/shard-$(JOB_COMPLETION_INDEX)`);
    expect(args[args.indexOf('--start-at') + 1]).toBe('$(START_AT)');
    expect(volumes.scenario.configMap.name).toBe(byKind('ConfigMap').metadata.name);
    expect(volumes.reports.persistentVolumeClaim.claimName).toBe(
      byKind('PersistentVolumeClaim').metadata.name,
    );
    expect(byKind('PersistentVolumeClaim').spec.accessModes).toEqual(['ReadWriteMany']);
  });

  it('ships a valid scenario in the ConfigMap', () => {
    const text = byKind('ConfigMap').data['scenario.yaml'];
    const { scenario } = parseScenario(text, `${FILE} (ConfigMap busload-scenario)`);
    expect(scenario.buses.map((bus) => bus.name)).toEqual(['orders']);
  });
});
