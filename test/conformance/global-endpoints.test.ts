/**
 * Conformance, point 5 of issue 14: PutEvents through a global endpoint, as @aws-sdk/client-eventbridge sends
 * it with `EndpointId` and AWS's own SigV4a signer (@aws-sdk/signature-v4a): the signature is verified when
 * secrets are configured, and the trail record carries requestParameters.endpointId and an
 * AWS::Events::Endpoint resource (docs/aws-behaviour.md §1.6, §6.2).
 */
import '@aws-sdk/signature-v4a';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultEndpointConfig, startEndpoint } from '../../src/endpoint/index.js';
import type { RunningEndpoint } from '../../src/endpoint/types.js';
import { EXAMPLE_SECRET } from '../helpers/endpoint-client.js';
import { readTrailRecords } from './clients.js';

const KEY = 'AKIDGLOBAL';
const ENTRY = {
  Source: 'com.shop.checkout',
  DetailType: 'OrderPlaced',
  Detail: '{}',
  EventBusName: 'orders',
};

let endpoint: RunningEndpoint;
let trailDir: string;
const clients: EventBridgeClient[] = [];
beforeAll(async () => {
  trailDir = mkdtempSync(join(tmpdir(), 'busload-global-'));
  endpoint = await startEndpoint(
    defaultEndpointConfig({
      secretsByAccessKey: { [KEY]: EXAMPLE_SECRET },
      buses: [{ name: 'orders', logging: true, allowedPrincipals: null }],
      trailDir,
    }),
  );
});
afterAll(async () => {
  for (const client of clients) client.destroy();
  await endpoint?.close();
});

/** A client whose requests' Authorization headers are kept in `authorizations`. */
function client(secret: string): { client: EventBridgeClient; authorizations: string[] } {
  const authorizations: string[] = [];
  const created = new EventBridgeClient({
    endpoint: endpoint.url,
    region: 'us-east-1',
    credentials: { accessKeyId: KEY, secretAccessKey: secret },
    maxAttempts: 1,
  });
  created.middlewareStack.add(
    (next) => async (args) => {
      const headers = (args.request as { headers: Record<string, string> }).headers;
      authorizations.push(`${headers['authorization']} | region-set ${headers['x-amz-region-set']}`);
      return next(args);
    },
    { step: 'finalizeRequest', priority: 'low' },
  );
  clients.push(created);
  return { client: created, authorizations };
}

describe('PutEvents with EndpointId, signed with SigV4a', () => {
  it('is verified and recorded with the endpoint', async () => {
    const { client: good, authorizations } = client(EXAMPLE_SECRET);
    const answer = await good.send(new PutEventsCommand({ EndpointId: 'abcde.veo', Entries: [ENTRY] }));
    expect(answer.FailedEntryCount).toBe(0);
    expect(authorizations).toHaveLength(1);
    expect(authorizations[0]).toMatch(
      /^AWS4-ECDSA-P256-SHA256 Credential=AKIDGLOBAL\/\d{8}\/events\/aws4_request, SignedHeaders=[^,]*x-amz-region-set[^,]*, Signature=[0-9a-f]+ \| region-set \*$/,
    );
    await endpoint.flushTrail();
    const records = readTrailRecords(trailDir);
    expect(records).toHaveLength(1);
    expect(records[0]!.requestParameters).toEqual({
      entries: [
        {
          source: 'com.shop.checkout',
          detailType: 'OrderPlaced',
          detail: 'HIDDEN_DUE_TO_SECURITY_REASONS',
          eventBusName: 'orders',
        },
      ],
      endpointId: 'abcde.veo',
    });
    expect(records[0]!.resources).toEqual([
      { type: 'AWS::Events::EventBus', ARN: 'arn:aws:events:us-east-1:111122223333:event-bus/orders' },
      { type: 'AWS::Events::Endpoint', ARN: 'arn:aws:events:us-east-1:111122223333:endpoint/abcde.veo' },
    ]);
  });

  it('refuses a SigV4a signature made with another secret', async () => {
    const wrong = await client('not-the-secret')
      .client.send(new PutEventsCommand({ EndpointId: 'abcde.veo', Entries: [ENTRY] }))
      .catch((e: Error) => e);
    expect(wrong).toMatchObject({
      name: 'InvalidSignatureException',
      message:
        'The request signature we calculated does not match the signature you provided. Check your AWS Secret ' +
        'Access Key and signing method. Consult the service documentation for details.',
    });
  });
});
