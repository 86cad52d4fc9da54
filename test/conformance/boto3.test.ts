/**
 * Conformance with boto3/botocore (Debian's python3-boto3, installed by .ci/run): real botocore signing and
 * real boto3 clients against the endpoint on loopback.
 */
import { execFile, spawnSync } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultEndpointConfig, startEndpoint } from '../../src/endpoint/server.js';
import type { RunningEndpoint } from '../../src/endpoint/types.js';

const ACCESS_KEY_ID = 'AKIDBOTO3TEST';
const SECRET = 'boto3-test-secret-not-a-real-credential';
const IN_CI = process.env.CI === 'true';

/** The first python that imports boto3 (pyenv's python3 may lack it; Debian's /usr/bin/python3 has it). */
function findBotoPython(): string | null {
  for (const candidate of ['python3', '/usr/bin/python3']) {
    const probe = spawnSync(candidate, ['-c', 'import boto3'], { stdio: 'ignore' });
    if (probe.status === 0) return candidate;
  }
  return null;
}

const PYTHON = findBotoPython();
const execFileAsync = promisify(execFile);

/** Runs a python script (asynchronously: the endpoint answers from this same process). */
async function python(script: string, args: string[]): Promise<string> {
  const { stdout } = await execFileAsync(PYTHON!, ['-c', script, ...args], { timeout: 30_000 });
  return stdout.trim();
}

const SIGNED_POST = `
import json, sys, urllib.request
from botocore.auth import SigV4Auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials
url, key, secret = sys.argv[1], sys.argv[2], sys.argv[3]
body = json.dumps({"Entries": [{"Source": "s", "DetailType": "d", "Detail": "{}"}]})
request = AWSRequest(method="POST", url=url, data=body, headers={
    "Content-Type": "application/x-amz-json-1.1", "X-Amz-Target": "AWSEvents.PutEvents"})
SigV4Auth(Credentials(key, secret), "events", "us-east-1").add_auth(request)
prepared = request.prepare()
try:
    with urllib.request.urlopen(urllib.request.Request(prepared.url, data=body.encode(), headers=dict(prepared.headers), method="POST")) as answer:
        print(answer.status, answer.read().decode())
except urllib.error.HTTPError as error:
    print(error.code, error.read().decode())
`;

describe.skipIf(PYTHON === null && !IN_CI)('boto3 / botocore against the endpoint', () => {
  let endpoint: RunningEndpoint;
  beforeAll(async () => {
    endpoint = await startEndpoint(
      defaultEndpointConfig({ secretsByAccessKey: { [ACCESS_KEY_ID]: SECRET } }),
    );
  });
  afterAll(async () => {
    await endpoint?.close();
  });

  it('verifies a botocore SigV4 signature over a query whose names sort differently from whole k=v strings', async () => {
    expect(PYTHON, 'boto3 is not importable; .ci/run installs Debian python3-boto3').not.toBeNull();
    const run = (url: string, secret: string) => python(SIGNED_POST, [url, ACCESS_KEY_ID, secret]);
    const ok = await run(`${endpoint.url}/?a=2&a-b=1`, SECRET);
    expect(ok).toMatch(/^200 \{"FailedEntryCount":0,"Entries":\[\{"EventId":"[0-9a-f-]{36}"\}\]\}$/);
    const wrong = await run(`${endpoint.url}/?a=2&a-b=1`, 'not-the-secret');
    expect(wrong.startsWith('400 ')).toBe(true);
    expect(JSON.parse(wrong.slice(4))).toEqual({
      __type: 'InvalidSignatureException',
      message:
        'The request signature we calculated does not match the signature you provided. Check your AWS Secret ' +
        'Access Key and signing method. Consult the service documentation for details.',
    });
  });

  it('serves boto3 put_events with the documented response shape', async () => {
    const script = `
import boto3, json, sys
client = boto3.client("events", endpoint_url=sys.argv[1], region_name="us-east-1",
    aws_access_key_id=sys.argv[2], aws_secret_access_key=sys.argv[3])
answer = client.put_events(Entries=[{"Source": "s", "DetailType": "d", "Detail": "{}"},
                                    {"Source": "s", "DetailType": "d", "Detail": "[1]"}])
answer.pop("ResponseMetadata")
print(json.dumps(answer))
`;
    const output = JSON.parse(await python(script, [endpoint.url, ACCESS_KEY_ID, SECRET])) as {
      FailedEntryCount: number;
      Entries: Array<Record<string, string>>;
    };
    expect(output.FailedEntryCount).toBe(1);
    expect(output.Entries[0]?.['EventId']).toMatch(/^[0-9a-f-]{36}$/);
    expect(output.Entries[1]).toEqual({ ErrorCode: 'MalformedDetail', ErrorMessage: 'Detail is malformed.' });
  });
});
