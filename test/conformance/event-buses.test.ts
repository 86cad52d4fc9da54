/**
 * Conformance, point 7 of issue 14: the start-up calls producers make (DescribeEventBus, ListEventBuses,
 * CreateEventBus) with @aws-sdk/client-eventbridge, boto3 and the AWS CLI; answers and error texts as
 * recorded against AWS (docs/aws-behaviour.md §1.5). A created bus is logged like a bus created on first use.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CreateEventBusCommand,
  DescribeEventBusCommand,
  type EventBridgeClient,
  ListEventBusesCommand,
  PutEventsCommand,
} from '@aws-sdk/client-eventbridge';
import { afterEach, describe, expect, it } from 'vitest';
import { defaultEndpointConfig, startEndpoint } from '../../src/endpoint/index.js';
import type { EndpointConfig, RunningEndpoint } from '../../src/endpoint/types.js';
import { createTestClient, EXAMPLE_SECRET } from '../helpers/endpoint-client.js';
import {
  AWS_CLI,
  AWS_CLI_MISSING,
  awsCli,
  BOTO_CLIENT,
  BOTO_PYTHON,
  BOTO3_MISSING,
  IN_CI,
  python,
  readTrailRecords,
} from './clients.js';

const KEY = 'AKIDEXAMPLE';
const ARN = 'arn:aws:events:us-east-1:111122223333:event-bus';

let endpoint: RunningEndpoint | null = null;
const closers: EventBridgeClient[] = [];
afterEach(async () => {
  for (const client of closers.splice(0)) client.destroy();
  await endpoint?.close();
  endpoint = null;
});

async function start(overrides: Partial<EndpointConfig> = {}): Promise<RunningEndpoint> {
  endpoint = await startEndpoint(
    defaultEndpointConfig({
      secretsByAccessKey: { [KEY]: EXAMPLE_SECRET },
      buses: [{ name: 'orders', logging: true, allowedPrincipals: null }],
      ...overrides,
    }),
  );
  return endpoint;
}

describe('@aws-sdk/client-eventbridge start-up calls', () => {
  it('DescribeEventBus, ListEventBuses and CreateEventBus answer as AWS does', async () => {
    const trailDir = mkdtempSync(join(tmpdir(), 'busload-buses-'));
    const running = await start({ trailDir, logUndeclaredBuses: true });
    const client = createTestClient(running.url);
    closers.push(client);

    const described = await client.send(new DescribeEventBusCommand({}));
    expect(described.Name).toBe('default');
    expect(described.Arn).toBe(`${ARN}/default`);
    expect(described.CreationTime).toBeInstanceOf(Date);
    expect(described.LastModifiedTime).toEqual(described.CreationTime);
    expect((await client.send(new DescribeEventBusCommand({ Name: `${ARN}/orders` }))).Name).toBe('orders');

    const missing = await client
      .send(new DescribeEventBusCommand({ Name: 'payments' }))
      .catch((e: Error) => e);
    expect(missing).toMatchObject({
      name: 'ResourceNotFoundException',
      message: 'Event bus payments does not exist.',
    });

    const created = await client.send(
      new CreateEventBusCommand({ Name: 'payments', Description: 'card payments' }),
    );
    expect({ EventBusArn: created.EventBusArn, Description: created.Description }).toEqual({
      EventBusArn: `${ARN}/payments`,
      Description: 'card payments',
    });
    const again = await client.send(new CreateEventBusCommand({ Name: 'payments' })).catch((e: Error) => e);
    expect(again).toMatchObject({
      name: 'ResourceAlreadyExistsException',
      message: 'Event bus payments already exists.',
    });
    const invalid = await client.send(new CreateEventBusCommand({ Name: 'bad name' })).catch((e: Error) => e);
    expect(invalid).toMatchObject({
      name: 'ValidationException',
      message:
        "1 validation error detected: Value 'bad name' at 'name' failed to satisfy constraint: Member must satisfy regular expression pattern: [/\\.\\-_A-Za-z0-9]+",
    });

    const listed = await client.send(new ListEventBusesCommand({}));
    expect(listed.EventBuses?.map((bus) => [bus.Name, bus.Arn, bus.Description])).toEqual([
      ['default', `${ARN}/default`, undefined],
      ['orders', `${ARN}/orders`, undefined],
      ['payments', `${ARN}/payments`, 'card payments'],
    ]);
    expect(listed.NextToken).toBeUndefined();
    const first = await client.send(new ListEventBusesCommand({ Limit: 2 }));
    expect(first.EventBuses?.map((bus) => bus.Name)).toEqual(['default', 'orders']);
    const second = await client.send(new ListEventBusesCommand({ Limit: 2, NextToken: first.NextToken }));
    expect(second.EventBuses?.map((bus) => bus.Name)).toEqual(['payments']);
    expect(second.NextToken).toBeUndefined();
    expect(
      (await client.send(new ListEventBusesCommand({ NamePrefix: 'pay' }))).EventBuses?.map(
        (bus) => bus.Name,
      ),
    ).toEqual(['payments']);

    expect(running.stats().eventBusRequests).toBe(10);
    expect(running.stats().requests).toBe(0);

    // The created bus receives events and, as buses created on first use, is logged.
    const put = await client.send(
      new PutEventsCommand({
        Entries: [{ Source: 's', DetailType: 'd', Detail: '{}', EventBusName: 'payments' }],
      }),
    );
    expect(put.FailedEntryCount).toBe(0);
    await running.flushTrail();
    expect(readTrailRecords(trailDir).map((record) => record.resources)).toEqual([
      [{ type: 'AWS::Events::EventBus', ARN: `${ARN}/payments` }],
    ]);
  });
});

describe.skipIf(BOTO_PYTHON === null && !IN_CI)('boto3 start-up calls', () => {
  it('describe_event_bus, create_event_bus and list_event_buses', async () => {
    expect(BOTO_PYTHON, BOTO3_MISSING).not.toBeNull();
    const running = await start();
    const script = `${BOTO_CLIENT}
import json, sys
events = client('events', sys.argv[1], sys.argv[2], sys.argv[3])
out = {}
out['describe'] = events.describe_event_bus(Name='orders')
out['create'] = events.create_event_bus(Name='payments')
try:
    events.create_event_bus(Name='payments')
except events.exceptions.ResourceAlreadyExistsException as e:
    out['again'] = e.response['Error']
try:
    events.describe_event_bus(Name='nope')
except events.exceptions.ResourceNotFoundException as e:
    out['missing'] = e.response['Error']
out['list'] = [b['Name'] for b in events.list_event_buses()['EventBuses']]
for key in ('describe', 'create'):
    out[key].pop('ResponseMetadata')
# botocore keeps only the members its model knows (Debian bookworm's 1.29 predates CreationTime).
modelled = events.meta.service_model.operation_model('DescribeEventBus').output_shape.members
out['describe'] = sorted(out['describe'].keys())
out['expected'] = sorted(k for k in ('Arn', 'CreationTime', 'LastModifiedTime', 'Name') if k in modelled)
print(json.dumps(out))
`;
    const output = JSON.parse(await python(script, [running.url, KEY, EXAMPLE_SECRET])) as Record<
      string,
      unknown
    >;
    expect(output['expected']).toEqual(expect.arrayContaining(['Arn', 'Name']));
    expect(output).toEqual({
      describe: output['expected'],
      expected: output['expected'],
      create: { EventBusArn: `${ARN}/payments` },
      again: { Code: 'ResourceAlreadyExistsException', Message: 'Event bus payments already exists.' },
      missing: { Code: 'ResourceNotFoundException', Message: 'Event bus nope does not exist.' },
      list: ['default', 'orders', 'payments'],
    });
  });
});

describe.skipIf(AWS_CLI === null && !IN_CI)('AWS CLI start-up calls', () => {
  it('aws events describe-event-bus, create-event-bus, list-event-buses', async () => {
    expect(AWS_CLI, AWS_CLI_MISSING).not.toBeNull();
    const running = await start();
    const cli = (args: string[]) =>
      awsCli(
        AWS_CLI!,
        ['events', ...args, '--endpoint-url', running.url, '--output', 'json'],
        KEY,
        EXAMPLE_SECRET,
      );
    const described = await cli(['describe-event-bus', '--name', 'orders']);
    expect(described.code, described.stderr).toBe(0);
    expect(JSON.parse(described.stdout)).toMatchObject({ Name: 'orders', Arn: `${ARN}/orders` });
    const created = await cli(['create-event-bus', '--name', 'payments']);
    expect(created.code, created.stderr).toBe(0);
    expect(JSON.parse(created.stdout)).toEqual({ EventBusArn: `${ARN}/payments` });
    const missing = await cli(['describe-event-bus', '--name', 'nope']);
    expect(missing.code).not.toBe(0);
    // AWS CLI v1 prints "...operation: <message>", v2 adds "(reached max retries: 0)" before the colon.
    expect(missing.stderr).toMatch(
      /An error occurred \(ResourceNotFoundException\) when calling the DescribeEventBus operation( \(reached max retries: \d+\))?: Event bus nope does not exist\./,
    );
    const listed = await cli(['list-event-buses']);
    expect(listed.code, listed.stderr).toBe(0);
    expect(
      (JSON.parse(listed.stdout) as { EventBuses: Array<{ Name: string }> }).EventBuses.map((b) => b.Name),
    ).toEqual(['default', 'orders', 'payments']);
  });
});
