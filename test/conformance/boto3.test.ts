/**
 * Conformance with boto3/botocore (Debian's python3-boto3, installed by .ci/run): real botocore signing and
 * real boto3 clients against the endpoint on loopback.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultEndpointConfig, startEndpoint } from '../../src/endpoint/server.js';
import type { RunningEndpoint } from '../../src/endpoint/types.js';
import { BOTO_CLIENT, BOTO_PYTHON, BOTO3_MISSING, IN_CI, python, readTrailRecords } from './clients.js';

const ACCESS_KEY_ID = 'AKIDBOTO3TEST';
const SECRET = 'boto3-test-secret-not-a-real-credential';
const ROLE = 'arn:aws:iam::111122223333:role/checkout-producer';
const SESSION = 'arn:aws:sts::111122223333:assumed-role/checkout-producer/busload';
const PYTHON = BOTO_PYTHON;

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
    expect(PYTHON, BOTO3_MISSING).not.toBeNull();
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

  it('point 2: the trail record of a boto3 call names the assumed-role session and carries tlsDetails', async () => {
    expect(PYTHON, BOTO3_MISSING).not.toBeNull();
    const trailDir = mkdtempSync(join(tmpdir(), 'busload-boto3-trail-'));
    const own = await startEndpoint(
      defaultEndpointConfig({
        secretsByAccessKey: { [ACCESS_KEY_ID]: SECRET },
        principalsByAccessKey: { [ACCESS_KEY_ID]: ROLE },
        buses: [{ name: 'orders', logging: true, allowedPrincipals: null }],
        trailDir,
      }),
    );
    try {
      const script = `${BOTO_CLIENT}
import sys
events = client('events', sys.argv[1], sys.argv[2], sys.argv[3])
events.put_events(Entries=[{'Source': 's', 'DetailType': 'd', 'Detail': '{}', 'EventBusName': 'orders'}])
`;
      await python(script, [own.url, ACCESS_KEY_ID, SECRET]);
      await own.flushTrail();
      const records = readTrailRecords(trailDir);
      expect(records).toHaveLength(1);
      const record = records[0]!;
      expect(record.userIdentity).toMatchObject({
        type: 'AssumedRole',
        arn: SESSION,
        accountId: '111122223333',
        accessKeyId: ACCESS_KEY_ID,
        sessionContext: { sessionIssuer: { type: 'Role', arn: ROLE, userName: 'checkout-producer' } },
      });
      expect(record.tlsDetails).toEqual({
        tlsVersion: 'TLSv1.3',
        cipherSuite: 'TLS_AES_128_GCM_SHA256',
        clientProvidedHostHeader: new URL(own.url).host,
      });
      expect(record.userAgent).toMatch(/Boto3\//);
    } finally {
      await own.close();
    }
  });

  it('point 6: AccessDenied names the STS session, as IAM does', async () => {
    expect(PYTHON, BOTO3_MISSING).not.toBeNull();
    const own = await startEndpoint(
      defaultEndpointConfig({
        principalsByAccessKey: { [ACCESS_KEY_ID]: ROLE },
        buses: [
          {
            name: 'orders',
            logging: false,
            allowedPrincipals: ['arn:aws:iam::111122223333:role/someone-else'],
          },
        ],
      }),
    );
    try {
      const script = `${BOTO_CLIENT}
import json, sys
events = client('events', sys.argv[1], sys.argv[2], sys.argv[3])
answer = events.put_events(Entries=[{'Source': 's', 'DetailType': 'd', 'Detail': '{}', 'EventBusName': 'orders'}])
answer.pop('ResponseMetadata')
print(json.dumps(answer))
`;
      expect(JSON.parse(await python(script, [own.url, ACCESS_KEY_ID, SECRET]))).toEqual({
        FailedEntryCount: 1,
        Entries: [
          {
            ErrorCode: 'AccessDeniedException',
            ErrorMessage: `User: ${SESSION} is not authorized to perform: events:PutEvents on resource: arn:aws:events:us-east-1:111122223333:event-bus/orders`,
          },
        ],
      });
    } finally {
      await own.close();
    }
  });
});
