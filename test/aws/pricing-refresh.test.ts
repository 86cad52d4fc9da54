/**
 * `busload pricing --refresh` against a loopback Price List stub, through the real @aws-sdk/client-pricing.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPricingClient, fetchPrices } from '../../src/aws/pricing.js';
import { parseCatalog } from '../../src/model/catalog.js';
import { diffCatalogs, renderCatalogDiff } from '../../src/model/catalog-diff.js';
import { buildRefreshedCatalog } from '../../src/model/catalog-refresh.js';
import { runBusload } from '../helpers/busload-cli.js';
import { bundledCatalog } from '../helpers/catalog.js';
import { type StubProduct, startPricingStub } from './stub-pricing.js';

const flat = (unit: string, usd: string) => [{ unit, beginRange: '0', endRange: 'Inf', usd }];

const PRODUCTS: StubProduct[] = [
  // CloudTrail: the prefix probe (USE1-, USE2-, EU-), Insights and tiered seven-year Lake ingest.
  {
    serviceCode: 'AWSCloudTrail',
    attributes: { usagetype: 'USE1-DataEventsRecorded', regionCode: 'us-east-1' },
    dimensions: flat('Events', '0.0000010000'),
  },
  {
    serviceCode: 'AWSCloudTrail',
    attributes: { usagetype: 'USE2-DataEventsRecorded', regionCode: 'us-east-2' },
    dimensions: flat('Events', '0.0000010000'),
  },
  {
    serviceCode: 'AWSCloudTrail',
    attributes: { usagetype: 'EU-DataEventsRecorded', regionCode: 'eu-west-1' },
    dimensions: flat('Events', '0.0000010000'),
  },
  {
    serviceCode: 'AWSCloudTrail',
    attributes: { usagetype: 'USE1-FreeEventsRecorded', regionCode: 'us-east-1' },
    dimensions: flat('Events', '0'),
  },
  {
    serviceCode: 'AWSCloudTrail',
    attributes: { usagetype: 'USE2-DataInsightsEvents', regionCode: 'us-east-2' },
    dimensions: flat('Events', '0.0000003000'),
  },
  {
    serviceCode: 'AWSCloudTrail',
    attributes: { usagetype: 'USE2-Ingestion-Bytes', regionCode: 'us-east-2' },
    dimensions: [
      { unit: 'GB', beginRange: '0', endRange: '5120', usd: '2.5000000000' },
      { unit: 'GB', beginRange: '5120', endRange: '25600', usd: '1.0000000000' },
      { unit: 'GB', beginRange: '25600', endRange: 'Inf', usd: '0.5000000000' },
    ],
  },
  // EventBridge: the custom-events row beside a partner-events row with the same usage type; eu-west-1 dearer.
  {
    serviceCode: 'AWSEvents',
    attributes: {
      usagetype: 'USE1-Event-64K-Chunks',
      operation: 'ReceivedPartnerEvents',
      regionCode: 'us-east-1',
    },
    dimensions: flat('64K-Chunks', '0.0000020000'),
  },
  {
    serviceCode: 'AWSEvents',
    attributes: { usagetype: 'USE1-Event-64K-Chunks', operation: 'PutEvents', regionCode: 'us-east-1' },
    dimensions: flat('64K-Chunks', '0.0000010000'),
  },
  {
    serviceCode: 'AWSEvents',
    attributes: { usagetype: 'EU-Event-64K-Chunks', operation: 'PutEvents', regionCode: 'eu-west-1' },
    dimensions: flat('64K-Chunks', '0.0000012000'),
  },
  // S3: us-east-1 without a prefix, tiered.
  {
    serviceCode: 'AmazonS3',
    attributes: { usagetype: 'TimedStorage-ByteHrs', regionCode: 'us-east-1' },
    dimensions: [
      { unit: 'GB-Mo', beginRange: '0', endRange: '51200', usd: '0.0230000000' },
      { unit: 'GB-Mo', beginRange: '51200', endRange: '512000', usd: '0.0220000000' },
      { unit: 'GB-Mo', beginRange: '512000', endRange: 'Inf', usd: '0.0210000000' },
    ],
  },
  {
    serviceCode: 'AmazonS3',
    attributes: { usagetype: 'USE2-TimedStorage-ByteHrs', regionCode: 'us-east-2' },
    dimensions: flat('GB-Mo', '0.0230000000'),
  },
  // S3 PUT, COPY, POST, LIST requests (trail-file delivery): priced per request, the catalog per 1,000.
  {
    serviceCode: 'AmazonS3',
    attributes: { usagetype: 'Requests-Tier1', regionCode: 'us-east-1' },
    dimensions: flat('Requests', '0.0000050000'),
  },
  {
    serviceCode: 'AmazonS3',
    attributes: { usagetype: 'EU-Requests-Tier1', regionCode: 'eu-west-1' },
    dimensions: flat('Requests', '0.0000050000'),
  },
  // CloudWatch Logs ingest (PutLogEvents) beside another operation.
  {
    serviceCode: 'AmazonCloudWatch',
    attributes: {
      usagetype: 'USE1-DataProcessing-Bytes',
      operation: 'PutLogEvents',
      regionCode: 'us-east-1',
    },
    dimensions: flat('GB', '0.5000000000'),
  },
  {
    serviceCode: 'AmazonCloudWatch',
    attributes: {
      usagetype: 'USE1-DataProcessing-Bytes',
      operation: 'HourlyStorageMetering',
      regionCode: 'us-east-1',
    },
    dimensions: flat('GB', '9'),
  },
];

const CREDENTIALS = { accessKeyId: 'AKIDSTUBPRICING', secretAccessKey: 'stub-secret' };
let stub: Awaited<ReturnType<typeof startPricingStub>>;

beforeAll(async () => {
  stub = await startPricingStub(PRODUCTS, 2);
});
afterAll(async () => {
  await stub.close();
});

describe('pricing refresh through the real Pricing client', () => {
  it('learns region prefixes, picks the right rows and builds a dated catalog with a diff', async () => {
    const client = createPricingClient({ endpoint: stub.url, credentials: CREDENTIALS });
    const fetched = await fetchPrices(client, ['us-east-1', 'us-east-2', 'eu-west-1']);
    client.destroy();
    // Signed requests, paginated GetAttributeValues and GetProducts, JSON 1.1 targets.
    expect(
      stub.calls.every((call) =>
        call.authorization?.startsWith('AWS4-HMAC-SHA256 Credential=AKIDSTUBPRICING/'),
      ),
    ).toBe(true);
    expect(
      stub.calls.some(
        (call) => call.target === 'AWSPriceListService.GetAttributeValues' && call.body['NextToken'] === '2',
      ),
    ).toBe(true);

    const previous = bundledCatalog();
    const { catalog, kept } = buildRefreshedCatalog(previous, fetched, '2026-12-01');
    // The new catalog is valid (same checks as a bundled one).
    expect(() => parseCatalog(JSON.parse(JSON.stringify(catalog)), 'aws-2026-12-01.json')).not.toThrow();
    expect(catalog.id).toBe('aws-2026-12-01');
    const price = (id: string, region: string) =>
      catalog.prices.filter((p) => p.id === id && p.region === region);

    expect(price('eventbridge.custom-events', 'us-east-1')[0]).toMatchObject({
      priceUsd: '1',
      usageType: 'USE1-Event-64K-Chunks',
      confidence: 'price-list',
      retrievedAt: '2026-12-01',
      source:
        'https://api.pricing.us-east-1.amazonaws.com/?Action=GetProducts&ServiceCode=AWSEvents&usagetype=USE1-Event-64K-Chunks&operation=PutEvents',
    });
    expect(price('eventbridge.custom-events', 'eu-west-1')[0]?.priceUsd).toBe('1.2');
    expect(price('cloudtrail.data-events', 'eu-west-1')[0]).toMatchObject({
      priceUsd: '0.1',
      usageType: 'EU-DataEventsRecorded',
    });
    expect(price('cloudtrail.data-insights', 'us-east-2')[0]?.priceUsd).toBe('0.03');
    expect(price('s3.standard-storage', 'us-east-1')[0]).toMatchObject({
      priceUsd: '0.023',
      usageType: 'TimedStorage-ByteHrs',
    });
    expect(price('s3.standard-storage', 'us-east-1')[0]?.note).toContain(
      'First tier (0-51200 GB-Mo) of a tiered price.',
    );
    expect(price('cloudwatch-logs.ingest', 'us-east-1')[0]?.priceUsd).toBe('0.5');
    // 0.000005 USD per request x 1,000 = $0.005 per 1,000 PUTs; eu-west-1 confirmed where it was assumed.
    expect(price('s3.put-requests', 'us-east-1')[0]).toMatchObject({
      priceUsd: '0.005',
      unitQuantity: 1000,
      usageType: 'Requests-Tier1',
    });
    expect(price('s3.put-requests', 'eu-west-1')[0]).toMatchObject({
      priceUsd: '0.005',
      usageType: 'EU-Requests-Tier1',
      confidence: 'price-list',
    });
    expect(price('cloudtrail.lake-7y.ingest', 'us-east-2').map((p) => [p.tier?.label, p.priceUsd])).toEqual([
      ['first 5 TB', '2.5'],
      ['next 20 TB', '1'],
      ['over 25 TB', '0.5'],
    ]);
    // Not in the Price List: kept from the previous catalog, with its own confidence, and said so.
    expect(price('cloudwatch-logs.storage', 'us-east-1')[0]).toEqual(
      previous.prices.find((p) => p.id === 'cloudwatch-logs.storage' && p.region === 'us-east-1'),
    );
    expect(kept).toContainEqual({
      id: 'cloudwatch-logs.storage',
      region: 'us-east-1',
      reason: 'the Price List has no TimedStorage-ByteHrs usage type for us-east-1',
    });
    expect(kept).toContainEqual({
      id: 'cloudtrail.data-events',
      region: 'eu-west-3',
      reason: 'not fetched in this refresh',
    });

    const changes = diffCatalogs(previous, catalog);
    expect(changes).toContainEqual({
      kind: 'changed',
      id: 'eventbridge.custom-events',
      region: 'eu-west-1',
      tier: null,
      beforeUsd: '1.00',
      afterUsd: '1.2',
      beforeConfidence: 'unconfirmed',
      afterConfidence: 'price-list',
    });
    // Same price, better confidence: listed; same price and confidence: not listed.
    expect(
      changes.find((c) => c.id === 'cloudtrail.data-events' && c.region === 'us-east-2'),
    ).toBeUndefined();
    const markdown = renderCatalogDiff(previous, catalog, changes, kept);
    expect(markdown).toContain('# Price catalog aws-2026-11-23 -> aws-2026-12-01');
    expect(markdown).toContain(
      '| changed | eventbridge.custom-events | eu-west-1 |  | 1.00 | 1.2 | unconfirmed -> price-list |',
    );
  });

  it('busload pricing --refresh writes aws-<date>.json and its diff', async () => {
    const out = mkdtempSync(join(tmpdir(), 'busload-pricing-'));
    const { code, stdout, stderr } = await runBusload(
      [
        'pricing',
        '--refresh',
        '--out',
        out,
        '--date',
        '2026-12-01',
        '--endpoint-url',
        stub.url,
        '--region',
        'us-east-2',
      ],
      {
        env: {
          AWS_ACCESS_KEY_ID: 'AKIDSTUBPRICING',
          AWS_SECRET_ACCESS_KEY: 'stub-secret',
          AWS_SESSION_TOKEN: '',
        },
      },
    );
    expect(code, stderr).toBe(0);
    expect(stdout.trim().split('\n').at(-1)).toBe(join(out, 'aws-2026-12-01.json'));
    const catalog = parseCatalog(
      JSON.parse(readFileSync(join(out, 'aws-2026-12-01.json'), 'utf8')),
      'refreshed',
    );
    expect(
      catalog.prices.find((p) => p.id === 'cloudtrail.data-insights' && p.region === 'us-east-2')?.confidence,
    ).toBe('price-list');
    expect(readFileSync(join(out, 'aws-2026-12-01.diff.md'), 'utf8')).toContain(
      'aws-2026-11-23 -> aws-2026-12-01',
    );
    expect(stderr).toContain('region prefixes: eu-west-1=EU, us-east-1=USE1, us-east-2=USE2');
  }, 30_000);
});
