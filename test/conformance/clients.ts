/**
 * The real AWS clients the conformance suite drives: the AWS CLI (Debian's awscli in CI), boto3/botocore
 * (Debian's python3-boto3 in CI) and @aws-sdk v3 (a dependency). Under CI=true a missing client is a test
 * failure (`.ci/run` installs them), elsewhere the tests that need it are skipped.
 */
import { execFile, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import type { CloudTrailRecord } from '../../src/eventbridge/cloudtrail-record.js';

export const IN_CI = process.env.CI === 'true';

/** The AWS CLI on PATH (Debian's awscli in CI), or null. */
export function findAwsCli(): string | null {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    const candidate = join(dir, 'aws');
    try {
      readFileSync(candidate);
      return candidate;
    } catch {
      // not here
    }
  }
  return null;
}

/** The first python that imports boto3 (pyenv's python3 may lack it; Debian's /usr/bin/python3 has it). */
export function findBotoPython(): string | null {
  for (const candidate of ['python3', '/usr/bin/python3']) {
    const probe = spawnSync(candidate, ['-c', 'import boto3'], { stdio: 'ignore' });
    if (probe.status === 0) return candidate;
  }
  return null;
}

export const AWS_CLI = findAwsCli();
export const BOTO_PYTHON = findBotoPython();

/** The AWS CLI's message when it is missing in CI. */
export const AWS_CLI_MISSING = 'the AWS CLI (`aws`) is not installed; .ci/run installs Debian awscli';
export const BOTO3_MISSING = 'boto3 is not importable; .ci/run installs Debian python3-boto3';

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * Runs the AWS CLI with only the given key pair (no config or credentials files, no instance metadata, no
 * pager, one attempt), asynchronously: the endpoint may answer from this same process.
 */
export function awsCli(aws: string, args: string[], accessKeyId: string, secret: string): Promise<CliResult> {
  const empty = join(mkdtempSync(join(tmpdir(), 'busload-aws-config-')), 'empty');
  writeFileSync(empty, '');
  return new Promise((resolve) => {
    execFile(
      aws,
      args,
      {
        env: {
          PATH: process.env.PATH ?? '',
          HOME: tmpdir(),
          AWS_ACCESS_KEY_ID: accessKeyId,
          AWS_SECRET_ACCESS_KEY: secret,
          AWS_DEFAULT_REGION: 'us-east-1',
          AWS_EC2_METADATA_DISABLED: 'true',
          AWS_CONFIG_FILE: empty,
          AWS_SHARED_CREDENTIALS_FILE: empty,
          AWS_PAGER: '',
          AWS_MAX_ATTEMPTS: '1',
        },
        timeout: 30_000,
      },
      (error, stdout, stderr) => {
        const code = error === null ? 0 : typeof error.code === 'number' ? error.code : 1;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

/** Runs a python script with boto3 importable (asynchronously), returning its trimmed stdout. */
export function python(script: string, args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(BOTO_PYTHON!, ['-c', script, ...args], { timeout: 30_000 }, (error, stdout, stderr) => {
      if (error !== null) reject(new Error(`${error.message}\n${stderr}`));
      else resolve(stdout.trim());
    });
  });
}

/**
 * Python that builds a boto3 client for a service, optionally with botocore told to speak another of the
 * service's modelled protocols (botocore picks the first one it supports; CloudWatch's model lists
 * smithy-rpc-v2-cbor, json and query). Defines `client(service, url, key, secret, protocol=None)`.
 */
export const BOTO_CLIENT = `
import boto3, botocore.session
def client(service, url, key, secret, protocol=None):
    session = botocore.session.get_session()
    if protocol:
        loader = session.get_component('data_loader')
        original = loader.load_service_model
        def load(service_name, type_name, api_version=None):
            model = original(service_name, type_name, api_version)
            if service_name == service and type_name == 'service-2':
                model = dict(model)
                model['metadata'] = dict(model['metadata'], protocol=protocol, protocols=[protocol])
            return model
        loader.load_service_model = load
    return boto3.Session(botocore_session=session).client(service, endpoint_url=url, region_name='us-east-1',
        aws_access_key_id=key, aws_secret_access_key=secret)
`;

/** Every CloudTrail record of the (gzipped) files delivered under trailDir. */
export function readTrailRecords(trailDir: string): CloudTrailRecord[] {
  return readdirSync(trailDir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .flatMap(
      (entry) =>
        (
          JSON.parse(gunzipSync(readFileSync(join(entry.parentPath, entry.name))).toString('utf8')) as {
            Records: CloudTrailRecord[];
          }
        ).Records,
    );
}
