/**
 * src/aws/pricing.ts against a loopback Price List stub (127.0.0.1, port 0), through the real
 * @aws-sdk/client-pricing: paginated GetAttributeValues and GetProducts, and the refresh that learns region
 * prefixes and picks the rows a catalog is built from.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { attributeValues, createPricingClient, fetchPrices, products } from '../../src/aws/pricing.js';
import { parseCatalog } from '../../src/model/catalog.js';
import { diffCatalogs, renderCatalogDiff } from '../../src/model/catalog-diff.js';
import { buildRefreshedCatalog } from '../../src/model/catalog-refresh.js';
import { bundledCatalog } from '../helpers/catalog.js';
import { PRICE_LIST_PRODUCTS, startPricingStub } from './stub-pricing.js';

const CREDENTIALS = { accessKeyId: 'AKIDSTUBPRICING', secretAccessKey: 'stub-secret' };
let stub: Awaited<ReturnType<typeof startPricingStub>>;

beforeAll(async () => {
  stub = await startPricingStub(PRICE_LIST_PRODUCTS, 2);
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

  it('reads every page of GetAttributeValues, and of GetProducts until MaxResults 1 asks for one row', async () => {
    const client = createPricingClient({ endpoint: stub.url, credentials: CREDENTIALS });
    const before = stub.calls.length;
    // Six CloudTrail usage types, two a page: three requests, in the order the stub answers (sorted).
    expect(await attributeValues(client, 'AWSCloudTrail', 'usagetype')).toEqual([
      'EU-DataEventsRecorded',
      'USE1-DataEventsRecorded',
      'USE1-FreeEventsRecorded',
      'USE2-DataEventsRecorded',
      'USE2-DataInsightsEvents',
      'USE2-Ingestion-Bytes',
    ]);
    expect(stub.calls.slice(before).map((call) => call.body['NextToken'] ?? null)).toEqual([null, '2', '4']);

    const rows = await products(client, 'AWSEvents', { usagetype: 'USE1-Event-64K-Chunks' });
    expect(rows.map((row) => [row.attributes['operation'], row.regionCode, row.dimensions[0]?.usd])).toEqual([
      ['ReceivedPartnerEvents', 'us-east-1', '0.000002'],
      ['PutEvents', 'us-east-1', '0.000001'],
    ]);
    const getProducts = stub.calls
      .filter((call) => call.target === 'AWSPriceListService.GetProducts')
      .at(-1)!;
    expect(getProducts.body).toEqual({
      ServiceCode: 'AWSEvents',
      Filters: [{ Type: 'TERM_MATCH', Field: 'usagetype', Value: 'USE1-Event-64K-Chunks' }],
      FormatVersion: 'aws_v1',
      MaxResults: 100,
    });
    const callsBeforeOne = stub.calls.length;
    const one = await products(client, 'AmazonS3', {}, 1);
    expect(one.map((row) => row.usageType)).toEqual(['TimedStorage-ByteHrs']);
    expect(stub.calls.length - callsBeforeOne).toBe(1);
    expect(await products(client, 'AmazonS3', { usagetype: 'NoSuchUsageType' })).toEqual([]);
    client.destroy();
  });

  it('logs its progress, and answers a region without a usage-type prefix with no product', async () => {
    const client = createPricingClient({ endpoint: stub.url, credentials: CREDENTIALS });
    const lines: string[] = [];
    const fetched = await fetchPrices(client, ['ap-south-1'], (line) => lines.push(line));
    client.destroy();
    expect(lines[0]).toBe('AWSCloudTrail: 6 usage types');
    expect(lines).toContain('region prefixes: eu-west-1=EU, us-east-1=USE1, us-east-2=USE2');
    expect(lines).toContain('eventbridge.custom-events: 0/1 regions');
    expect(fetched.find((row) => row.definition.id === 'eventbridge.custom-events')).toMatchObject({
      region: 'ap-south-1',
      usageType: null,
      product: null,
    });
  });
});
