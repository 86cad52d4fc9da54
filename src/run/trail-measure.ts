/**
 * Measures what the embedded endpoint's trail delivered during a run, for the cost model: the gzip bytes
 * of the delivered files and, when exclusions need them, the records per bus and caller with their JSON
 * bytes. I/O lives here; the model stays pure.
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { gunzip } from 'node:zlib';
import type { PrincipalUsage } from '../model/types.js';

const gunzipAsync = promisify(gunzip);

/** What the trail files of a run hold. */
export interface TrailFilesMeasure {
  /** Delivered `.json.gz` files and their bytes. */
  files: number;
  gzipBytes: number;
  /** Per bus name: records per caller (`userIdentity.arn`) and their JSON bytes; null when not asked. */
  callersByBus: Map<string, PrincipalUsage[]> | null;
}

interface TrailRecordLike {
  userIdentity?: { arn?: string };
  resources?: Array<{ type?: string; ARN?: string }>;
}

async function listGzipFiles(dir: string): Promise<string[]> {
  let names: string[];
  try {
    names = (await readdir(dir, { recursive: true })) as string[];
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  return names.filter((name) => name.endsWith('.json.gz')).map((name) => join(dir, name));
}

/**
 * Sums the sizes of the delivered files under `trailDir`; with `perCaller`, also reads every file and
 * counts records per bus (each `AWS::Events::EventBus` resource a record names) and caller, with the bytes
 * of each record serialised as JSON (as the endpoint counts them).
 */
export async function measureTrailFiles(trailDir: string, perCaller: boolean): Promise<TrailFilesMeasure> {
  const files = await listGzipFiles(trailDir);
  let gzipBytes = 0;
  const counts = new Map<string, Map<string, { requests: number; recordBytes: number }>>();
  for (const file of files) {
    if (!perCaller) {
      gzipBytes += (await stat(file)).size;
      continue;
    }
    const gz = await readFile(file);
    gzipBytes += gz.length;
    const { Records } = JSON.parse((await gunzipAsync(gz)).toString('utf8')) as {
      Records: TrailRecordLike[];
    };
    for (const record of Records) {
      const caller = record.userIdentity?.arn ?? 'unknown';
      const bytes = Buffer.byteLength(JSON.stringify(record), 'utf8');
      for (const resource of record.resources ?? []) {
        if (resource.type !== 'AWS::Events::EventBus' || !resource.ARN) continue;
        const bus = resource.ARN.slice(resource.ARN.lastIndexOf('/') + 1);
        const callers = counts.get(bus) ?? new Map<string, { requests: number; recordBytes: number }>();
        const entry = callers.get(caller) ?? { requests: 0, recordBytes: 0 };
        entry.requests += 1;
        entry.recordBytes += bytes;
        callers.set(caller, entry);
        counts.set(bus, callers);
      }
    }
  }
  const callersByBus = perCaller
    ? new Map(
        [...counts].map(([bus, callers]) => [
          bus,
          [...callers].map(([principalArn, entry]) => ({ principalArn, ...entry })),
        ]),
      )
    : null;
  return { files: files.length, gzipBytes, callersByBus };
}
