import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultEndpointConfig, startEndpoint } from '../../src/endpoint/index.js';
import type { RunningEndpoint } from '../../src/endpoint/types.js';
import { RAW_AUTHORIZATION, rawPost } from '../helpers/endpoint-client.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const HEADERS = {
  'content-type': 'application/x-amz-json-1.1',
  'x-amz-target': 'AWSEvents.PutEvents',
  authorization: RAW_AUTHORIZATION,
};
const GOOD_BODY = JSON.stringify({ Entries: [{ Source: 's', DetailType: 'T', Detail: '{}' }] });

let endpoint: RunningEndpoint;

beforeAll(async () => {
  endpoint = await startEndpoint(defaultEndpointConfig({ maxBodyBytes: 1000 }));
});
afterAll(async () => {
  await endpoint.close();
});

describe('endpoint over raw HTTP', () => {
  it('answers a good request in AWS JSON 1.1 with a request id', async () => {
    const answer = await rawPost(endpoint.url, HEADERS, GOOD_BODY);
    expect(answer.status).toBe(200);
    expect(answer.headers['content-type']).toBe('application/x-amz-json-1.1');
    expect(answer.headers['x-amzn-requestid']).toMatch(UUID);
    expect(JSON.parse(answer.body)).toMatchObject({
      FailedEntryCount: 0,
      Entries: [{ EventId: expect.any(String) }],
    });
  });

  it.each([
    [
      'an unknown target',
      { ...HEADERS, 'x-amz-target': 'AWSEvents.ListRules' },
      GOOD_BODY,
      'UnknownOperationException',
    ],
    ['bad JSON', HEADERS, '{"Entries":[', 'SerializationException'],
    [
      'no Authorization header',
      { ...HEADERS, authorization: '' },
      GOOD_BODY,
      'MissingAuthenticationTokenException',
    ],
    [
      'a malformed Authorization header',
      { ...HEADERS, authorization: 'AWS4-HMAC-SHA256 Signature=zz' },
      GOOD_BODY,
      'IncompleteSignatureException',
    ],
    [
      'another region in the scope',
      { ...HEADERS, authorization: RAW_AUTHORIZATION.replace('us-east-1', 'eu-west-1') },
      GOOD_BODY,
      'InvalidSignatureException',
    ],
    ['zero entries', HEADERS, '{"Entries":[]}', 'ValidationException'],
  ])('answers %s with 400 in the AWS error shape', async (_label, headers, body, code) => {
    const answer = await rawPost(endpoint.url, headers, body);
    expect(answer.status).toBe(400);
    expect(answer.headers['x-amzn-errortype']).toBe(code);
    expect(answer.headers['x-amzn-requestid']).toMatch(UUID);
    const parsed = JSON.parse(answer.body) as { __type: string; message: string };
    expect(parsed.__type).toBe(code);
    expect(parsed.message.length).toBeGreaterThan(0);
  });

  it('answers 413 to a declared body over maxBodyBytes', async () => {
    const answer = await rawPost(endpoint.url, HEADERS, `{"pad":"${'x'.repeat(2000)}"}`);
    expect(answer.status).toBe(413);
    expect(answer.body).toBe('');
    expect(answer.headers['connection']).toBe('close');
  });

  it('answers 413 to a chunked body once it passes maxBodyBytes', async () => {
    const answer = await rawPost(endpoint.url, HEADERS, '', [
      '{"pad":"',
      'x'.repeat(600),
      'x'.repeat(600),
      '"}',
    ]);
    expect(answer.status).toBe(413);
  });

  it('counts rejected requests and stays up', async () => {
    const before = endpoint.stats();
    await rawPost(endpoint.url, HEADERS, 'not json');
    const answer = await rawPost(endpoint.url, HEADERS, GOOD_BODY);
    expect(answer.status).toBe(200);
    const after = endpoint.stats();
    expect(after.requests - before.requests).toBe(2);
    expect(after.requestsRejected - before.requestsRejected).toBe(1);
    expect(after.requestsOk - before.requestsOk).toBe(1);
  });
});
