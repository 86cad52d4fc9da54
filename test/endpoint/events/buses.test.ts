import { describe, expect, it } from 'vitest';
import { EventBusesService } from '../../../src/endpoint/events/buses.js';
import {
  SERVICE_AT_MS as AT_MS,
  newPutEventsService,
  serviceRequest,
} from '../../helpers/put-events-service.js';

function busesService() {
  const { service, trail, config, clock } = newPutEventsService();
  const buses = new EventBusesService({
    service,
    nowEpochMs: clock.nowEpochMs,
    region: config.region,
    accountId: config.accountId,
  });
  const call = (operation: string, body: unknown, authorization?: string) => {
    const request = serviceRequest(body, authorization === undefined ? {} : { authorization });
    const answer = buses.handle(request, `AWSEvents.${operation}`, AT_MS);
    return {
      status: answer.httpStatus,
      code: answer.errorCode,
      body: JSON.parse(answer.body) as Record<string, unknown>,
    };
  };
  return { call, trail };
}

describe('EventBusesService', () => {
  it('describes default and a declared bus (by name or ARN), and answers ResourceNotFound otherwise', async () => {
    const { call, trail } = busesService();
    expect(call('DescribeEventBus', {})).toEqual({
      status: 200,
      code: null,
      body: {
        Name: 'default',
        Arn: 'arn:aws:events:us-east-1:111122223333:event-bus/default',
        CreationTime: AT_MS / 1000,
        LastModifiedTime: AT_MS / 1000,
      },
    });
    expect(
      call('DescribeEventBus', { Name: 'arn:aws:events:us-east-1:111122223333:event-bus/orders' }).body[
        'Name'
      ],
    ).toBe('orders');
    expect(call('DescribeEventBus', { Name: 'nope' })).toEqual({
      status: 400,
      code: 'ResourceNotFoundException',
      body: { __type: 'ResourceNotFoundException', message: 'Event bus nope does not exist.' },
    });
    await trail.close();
  });

  it('creates a bus echoing its optional members, once', async () => {
    const { call, trail } = busesService();
    expect(call('CreateEventBus', { Name: 'payments', Description: 'money' })).toEqual({
      status: 200,
      code: null,
      body: { EventBusArn: 'arn:aws:events:us-east-1:111122223333:event-bus/payments', Description: 'money' },
    });
    expect(call('DescribeEventBus', { Name: 'payments' }).body['Description']).toBe('money');
    expect(call('CreateEventBus', { Name: 'payments' }).body).toEqual({
      __type: 'ResourceAlreadyExistsException',
      message: 'Event bus payments already exists.',
    });
    expect(call('CreateEventBus', {}).body['message']).toBe(
      "1 validation error detected: Value 'null' at 'name' failed to satisfy constraint: Member must not be null",
    );
    await trail.close();
  });

  it('lists buses in name order, a page at a time', async () => {
    const { call, trail } = busesService();
    call('CreateEventBus', { Name: 'alpha' });
    const first = call('ListEventBuses', { Limit: 2 }).body as {
      EventBuses: Array<{ Name: string }>;
      NextToken: string;
    };
    expect(first.EventBuses.map((bus) => bus.Name)).toEqual(['alpha', 'default']);
    const second = call('ListEventBuses', { Limit: 2, NextToken: first.NextToken }).body;
    expect((second['EventBuses'] as Array<{ Name: string }>).map((bus) => bus.Name)).toEqual(['orders']);
    expect(second['NextToken']).toBeUndefined();
    expect(call('ListEventBuses', { NamePrefix: 'or' }).body['EventBuses']).toHaveLength(1);
    expect(call('ListEventBuses', { NextToken: 'garbage' }).body['message']).toBe(
      'The NextToken provided is invalid.',
    );
    expect(call('ListEventBuses', { Limit: 0 }).code).toBe('ValidationException');
    await trail.close();
  });

  it('authenticates first and refuses a body that is not a JSON object', async () => {
    const { call, trail } = busesService();
    expect(call('ListEventBuses', {}, '').code).toBe('MissingAuthenticationTokenException');
    expect(call('ListEventBuses', '[1]').body).toEqual({
      __type: 'SerializationException',
      message: 'Start of structure or map found where not expected.',
    });
    expect(call('ListEventBuses', '').status).toBe(200);
    await trail.close();
  });
});
