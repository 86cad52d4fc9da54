import { describe, expect, it } from 'vitest';
import type { PutEventsHttpRequest } from '../../../src/endpoint/events/models.js';
import {
  SERVICE_AT_MS as AT_MS,
  newPutEventsService,
  serviceRequest,
} from '../../helpers/put-events-service.js';

const ENTRY = { Source: 'com.shop', DetailType: 'OrderPlaced', Detail: '{"id":1}', EventBusName: 'orders' };
const serviceWith = newPutEventsService;

function request(body: unknown, headers: Record<string, string> = {}): PutEventsHttpRequest {
  return serviceRequest(body, { 'x-amz-target': 'AWSEvents.PutEvents', ...headers });
}

describe('PutEventsService.handle', () => {
  it('answers EventIds and per-entry errors in order, counts them and records one trail record', async () => {
    const { service, trail } = serviceWith();
    const answer = service.handle(request({ Entries: [ENTRY, { ...ENTRY, Detail: '[1]' }] }), AT_MS);
    expect(answer.httpStatus).toBe(200);
    expect(answer.errorCode).toBeNull();
    expect([answer.entries, answer.failedEntries]).toEqual([2, 1]);
    const body = JSON.parse(answer.body) as {
      FailedEntryCount: number;
      Entries: Array<Record<string, string>>;
    };
    expect(body.FailedEntryCount).toBe(1);
    expect(body.Entries[0]!['EventId']).toMatch(/^[0-9a-f-]{36}$/);
    expect(body.Entries[1]).toEqual({ ErrorCode: 'MalformedDetail', ErrorMessage: 'Detail is malformed.' });
    const stats = service.stats();
    expect(stats).toMatchObject({
      requests: 1,
      requestsOk: 1,
      entriesAccepted: 1,
      entriesFailed: 1,
      trailRecords: 1,
    });
    expect(stats.buses.find((bus) => bus.bus === 'orders')).toMatchObject({
      requests: 1,
      requestsOk: 1,
      entriesAccepted: 1,
      entriesFailed: 1,
      trailRecords: 1,
    });
    expect(stats.trailBytes).toBeGreaterThan(1000);
    await trail.close();
  });

  it('refuses in order: authentication, operation, content type, JSON, then validation', async () => {
    const { service, trail } = serviceWith();
    const errors = [
      request({ Entries: [ENTRY] }, { authorization: '' }),
      request({ Entries: [ENTRY] }, { 'x-amz-target': 'AWSEvents.PutRule' }),
      request({ Entries: [ENTRY] }, { 'content-type': 'application/json' }),
      request('{"Entries":'),
      request({ Entries: [] }),
    ].map((r) => {
      const answer = service.handle(r, AT_MS);
      return [answer.httpStatus, answer.errorCode, (JSON.parse(answer.body) as { message: string }).message];
    });
    expect(errors).toEqual([
      [400, 'MissingAuthenticationTokenException', 'Missing Authentication Token'],
      [400, 'UnknownOperationException', 'Unknown operation.'],
      [400, 'UnknownOperationException', 'The Content-Type must be application/x-amz-json-1.1.'],
      [400, 'SerializationException', 'Unable to parse the request body as JSON.'],
      [
        400,
        'ValidationException',
        "1 validation error detected: Value '[]' at 'entries' failed to satisfy constraint: Member must have length greater than or equal to 1",
      ],
    ]);
    // Only the request that named a logged bus and got past parsing is logged (logFailedRequests).
    expect(service.stats()).toMatchObject({ requests: 5, requestsRejected: 5, trailRecords: 0 });
    await trail.close();
  });

  it('throttles past the burst until the bucket refills, and logs the throttled request', async () => {
    const { service, trail, advanceMs } = serviceWith({ quota: { ratePerSec: 1, burst: 2 } });
    const codes = () => service.handle(request({ Entries: [ENTRY] }), AT_MS).errorCode;
    expect([codes(), codes(), codes()]).toEqual([null, null, 'ThrottlingException']);
    advanceMs(1_000);
    expect(codes()).toBeNull();
    expect(service.stats()).toMatchObject({ requestsThrottled: 1, requestsOk: 3, trailRecords: 4 });
    await trail.close();
  });

  it('accepts and drops entries to an unknown bus, and creates it with unknownBuses create', async () => {
    const dropping = serviceWith();
    expect(
      dropping.service.handle(request({ Entries: [{ ...ENTRY, EventBusName: 'nope' }] }), AT_MS).httpStatus,
    ).toBe(200);
    expect(dropping.service.stats()).toMatchObject({
      entriesAccepted: 1,
      entriesToUnknownBus: 1,
      trailRecords: 0,
    });
    const creating = serviceWith({ unknownBuses: 'create', logUndeclaredBuses: true });
    creating.service.handle(request({ Entries: [{ ...ENTRY, EventBusName: 'nope' }] }), AT_MS);
    expect(creating.service.existingBuses().map((bus) => bus.name)).toEqual(['default', 'orders', 'nope']);
    expect(creating.service.stats()).toMatchObject({ entriesToUnknownBus: 0, trailRecords: 1 });
    await dropping.trail.close();
    await creating.trail.close();
  });

  it('creates buses for CreateEventBus and counts requests refused for their size', async () => {
    const { service, trail } = serviceWith();
    expect(service.createBus('payments')).toEqual({
      name: 'payments',
      arn: 'arn:aws:events:us-east-1:111122223333:event-bus/payments',
    });
    expect(service.createBus('payments')).toBe('exists');
    service.countTooLarge('AWSEvents.PutEvents', AT_MS, 5_000_000);
    service.countConnectionEvent('eventBusRequests');
    expect(service.stats()).toMatchObject({ requests: 1, requestsRejected: 1, eventBusRequests: 1 });
    await trail.close();
  });
});
