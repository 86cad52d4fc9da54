/**
 * Drafts cross to the delivery thread as flat batches: whatever is encoded, cloned as postMessage clones it,
 * and decoded in order renders to the very same record text, and the values of a batch are exactly the
 * documented layout.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DraftBatchDecoder, DraftBatchEncoder } from '../../../src/endpoint/cloudtrail/draft-batch.js';
import {
  describeUserIdentity,
  type TrailRecordDraft,
  TrailRecordSerializer,
} from '../../../src/eventbridge/cloudtrail-record.js';
import { draftParts, toDraft } from '../../helpers/trail-drafts.js';

const ACCOUNT = '111122223333';
const alice = describeUserIdentity(`arn:aws:iam::${ACCOUNT}:user/alice`, 'AKIDALICE', '');

function draft(overrides: Partial<TrailRecordDraft> = {}): TrailRecordDraft {
  return {
    eventTimeEpochMs: 1_772_844_667_456,
    requestId: 'req-1',
    eventId: 'evt-1',
    userIdentity: alice,
    sourceIpAddress: '127.0.0.1',
    userAgent: 'ua',
    hostHeader: '127.0.0.1:4010',
    entries: [
      { source: 'com.shop', detailType: 'OrderPlaced', eventBusName: 'orders', hasDetail: true },
      { source: 'com.shop', detailType: 'OrderPlaced', eventBusName: 'orders', hasDetail: true },
      { source: 'com.shop', timeEpochSec: 1_772_844_667, hasDetail: false },
    ],
    outcome: {
      kind: 'answered',
      results: [{ eventId: 'e-1' }, { errorCode: 'InvalidArgument', errorMessage: 'no' }, { eventId: 'e-3' }],
    },
    busNames: ['orders'],
    loggedBusNames: ['orders'],
    endpoint: null,
    ...overrides,
  };
}

describe('DraftBatchEncoder', () => {
  it('lays a record out as documented: a repeated entry is one marker, the identity an index', () => {
    const encoder = new DraftBatchEncoder();
    encoder.add(draft());
    encoder.add(
      draft({
        outcome: { kind: 'error', errorCode: 'ThrottlingException', errorMessage: 'Rate exceeded' },
        entries: [{ source: 'com.shop', timeEpochSec: 1_772_844_667, hasDetail: false }],
        endpoint: { endpointId: 'abcde.veo', arn: 'arn:ep' },
      }),
    );
    expect(encoder.count).toBe(2);
    // eventTimeEpochMs, requestId, eventId, identity index, sourceIpAddress, userAgent, hostHeader
    const recordHead = [1_772_844_667_456, 'req-1', 'evt-1', 0, '127.0.0.1', 'ua', '127.0.0.1:4010'];
    const batch = encoder.take();
    expect(encoder.take()).toBeNull();
    expect(batch).toEqual({
      count: 2,
      resetIdentities: false,
      identities: [alice],
      values: [
        ...recordHead,
        3,
        'com.shop',
        'OrderPlaced',
        undefined,
        'orders',
        true,
        true,
        'com.shop',
        undefined,
        1_772_844_667,
        undefined,
        false,
        3,
        'e-1',
        null,
        'InvalidArgument',
        'no',
        'e-3',
        1,
        'orders',
        null,
        ...recordHead,
        1,
        true,
        -1,
        'ThrottlingException',
        'Rate exceeded',
        1,
        'orders',
        'abcde.veo',
        'arn:ep',
      ],
    });
  });

  it('names an identity once, and starts afresh at a batch boundary once 1,000 were named', () => {
    const encoder = new DraftBatchEncoder();
    const decoder = new DraftBatchDecoder();
    const identities = Array.from({ length: 1_001 }, (_, i) =>
      describeUserIdentity(`arn:aws:iam::${ACCOUNT}:user/u${i}`, `AKID${i}`, ''),
    );
    for (const identity of identities.slice(0, 1_000)) encoder.add(draft({ userIdentity: identity }));
    encoder.add(draft({ userIdentity: identities[0]! }));
    const first = encoder.take()!;
    expect(first.identities).toHaveLength(1_000);
    expect(first.resetIdentities).toBe(false);
    encoder.add(draft({ userIdentity: identities[1_000]! }));
    encoder.add(draft({ userIdentity: identities[0]! }));
    const second = encoder.take()!;
    expect(second.resetIdentities).toBe(true);
    expect(second.identities).toEqual([identities[1_000], identities[0]]);
    const decoded = [...decoder.decode(structuredClone(first)), ...decoder.decode(structuredClone(second))];
    expect(decoded.map((d) => d.userIdentity.arn)).toEqual([
      ...identities.slice(0, 1_000).map((identity) => identity.arn),
      identities[0]!.arn,
      identities[1_000]!.arn,
      identities[0]!.arn,
    ]);
  });
});

describe('DraftBatchDecoder', () => {
  it('gives back drafts that render to the same record text, for any drafts in any batching', () => {
    const original = new TrailRecordSerializer('eu-west-1', ACCOUNT);
    const rendered = new TrailRecordSerializer('eu-west-1', ACCOUNT);
    fc.assert(
      fc.property(fc.array(fc.tuple(draftParts, fc.boolean()), { minLength: 1, maxLength: 40 }), (parts) => {
        const encoder = new DraftBatchEncoder();
        const decoder = new DraftBatchDecoder();
        const drafts = parts.map(([part]) => toDraft(part));
        const decoded: TrailRecordDraft[] = [];
        drafts.forEach((next, i) => {
          encoder.add(next);
          // A batch ends after a random record (as the event loop's turns would end it).
          const batch = parts[i]![1] ? encoder.take() : null;
          if (batch !== null) decoded.push(...decoder.decode(structuredClone(batch)));
        });
        const last = encoder.take();
        if (last !== null) decoded.push(...decoder.decode(structuredClone(last)));
        expect(decoded.map((d) => rendered.serialize(d))).toEqual(drafts.map((d) => original.serialize(d)));
        for (const d of decoded) expect(d.loggedBusNames).toEqual([]);
      }),
      { seed: 20261207, numRuns: 300 },
    );
  });
});
