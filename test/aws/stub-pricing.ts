/**
 * A loopback stub of the AWS Price List API (JSON 1.1, X-Amz-Target AWSPriceListService.<Op>) answering
 * GetAttributeValues and GetProducts in the real response shape: PriceList is an array of JSON documents
 * serialised as strings, pages are chained by NextToken.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One product row: attributes (usagetype, regionCode, operation, ...) and its price dimensions. */
export interface StubProduct {
  serviceCode: string;
  attributes: Record<string, string>;
  dimensions: Array<{ unit: string; beginRange: string; endRange: string; usd: string }>;
}

/** A request the stub saw: operation and body. */
export interface StubCall {
  target: string;
  body: Record<string, unknown>;
  authorization: string | undefined;
}

function priceListItem(product: StubProduct, index: number): string {
  const sku = `SKU${String(index).padStart(4, '0')}`;
  const term = `${sku}.JRTCKXETXF`;
  const priceDimensions = Object.fromEntries(
    product.dimensions.map((dim, i) => [
      `${term}.DIM${i}`,
      {
        unit: dim.unit,
        endRange: dim.endRange,
        description: `${dim.usd} USD per ${dim.unit}`,
        appliesTo: [],
        rateCode: `${term}.DIM${i}`,
        beginRange: dim.beginRange,
        pricePerUnit: { USD: dim.usd },
      },
    ]),
  );
  return JSON.stringify({
    product: {
      productFamily: 'Stub',
      attributes: { servicecode: product.serviceCode, ...product.attributes },
      sku,
    },
    serviceCode: product.serviceCode,
    terms: {
      OnDemand: {
        [term]: {
          priceDimensions,
          sku,
          effectiveDate: '2026-11-01T00:00:00Z',
          offerTermCode: 'JRTCKXETXF',
          termAttributes: {},
        },
      },
    },
    version: '20261115000000',
    publicationDate: '2026-11-15T00:00:00Z',
  });
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** Starts the stub on 127.0.0.1 (port 0); `pageSize` splits every answer into pages. */
export async function startPricingStub(
  catalog: readonly StubProduct[],
  pageSize = 2,
): Promise<{ url: string; calls: StubCall[]; close: () => Promise<void> }> {
  const calls: StubCall[] = [];
  const server: Server = createServer(async (request, response) => {
    const target = String(request.headers['x-amz-target'] ?? '');
    const body = JSON.parse((await readBody(request)) || '{}') as Record<string, unknown>;
    calls.push({ target, body, authorization: request.headers.authorization });
    const send = (status: number, payload: unknown) => {
      response.writeHead(status, {
        'content-type': 'application/x-amz-json-1.1',
        'x-amzn-requestid': `req-${calls.length}`,
      });
      response.end(JSON.stringify(payload));
    };
    const start = Number(body['NextToken'] ?? 0);
    const page = <T>(items: T[]) => {
      const slice = items.slice(start, start + pageSize);
      return { slice, next: start + pageSize < items.length ? String(start + pageSize) : undefined };
    };
    const service = String(body['ServiceCode'] ?? '');
    const ofService = catalog
      .map((product, index) => ({ product, index }))
      .filter((row) => row.product.serviceCode === service);
    if (target === 'AWSPriceListService.GetAttributeValues') {
      const name = String(body['AttributeName']);
      const values = [
        ...new Set(ofService.map((row) => row.product.attributes[name]).filter((v) => v !== undefined)),
      ].sort();
      const { slice, next } = page(values);
      send(200, { AttributeValues: slice.map((Value) => ({ Value })), ...(next ? { NextToken: next } : {}) });
      return;
    }
    if (target === 'AWSPriceListService.GetProducts') {
      const filters = (body['Filters'] ?? []) as Array<{ Type: string; Field: string; Value: string }>;
      const matching = ofService.filter((row) =>
        filters.every((filter) => row.product.attributes[filter.Field] === filter.Value),
      );
      const size = Math.min(pageSize, Number(body['MaxResults'] ?? pageSize));
      const slice = matching.slice(start, start + size);
      const next = start + size < matching.length ? String(start + size) : undefined;
      send(200, {
        FormatVersion: 'aws_v1',
        PriceList: slice.map((row) => priceListItem(row.product, row.index)),
        ...(next ? { NextToken: next } : {}),
      });
      return;
    }
    send(400, { __type: 'UnknownOperationException', message: `unknown target ${target}` });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    calls,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

const flat = (unit: string, usd: string) => [{ unit, beginRange: '0', endRange: 'Inf', usd }];

/**
 * Price List rows for the refresh tests: the CloudTrail prefix probe (USE1-, USE2-, EU-), EventBridge custom
 * events beside a partner-events row of the same usage type, tiered S3 storage and Lake ingest, S3 PUT requests
 * and CloudWatch Logs ingest beside another operation.
 */
export const PRICE_LIST_PRODUCTS: StubProduct[] = [
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
