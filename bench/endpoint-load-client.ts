/**
 * The load client of bench/endpoint.ts, run in its own process so the endpoint keeps a core to itself:
 * pre-signs a pool of distinct PutEvents requests with @smithy/signature-v4 (signatures stay valid for the
 * 15-minute skew window), then keeps `concurrency` requests in flight over keep-alive connections for
 * `durationMs`, and prints one JSON line: { okCount, errorCount, durationMs }.
 * Usage: endpoint-load-client.ts <url> <accessKeyId> <secret> <durationMs> <concurrency> <entriesPerRequest>
 */
import { createHash, createHmac } from 'node:crypto';
import { Agent, request } from 'node:http';
import { performance } from 'node:perf_hooks';
import { SignatureV4 } from '@smithy/signature-v4';

/** @smithy's Checksum interface over node:crypto. */
class NodeSha256 {
  private readonly hash;
  constructor(secret?: string | ArrayBuffer | ArrayBufferView) {
    this.hash =
      secret === undefined
        ? createHash('sha256')
        : createHmac('sha256', typeof secret === 'string' ? secret : Buffer.from(secret as ArrayBuffer));
  }
  update(data: string | Uint8Array): void {
    this.hash.update(data);
  }
  async digest(): Promise<Uint8Array> {
    return this.hash.digest();
  }
  reset(): void {}
}

const POOL_SIZE = 512;

async function main(): Promise<void> {
  const [url, accessKeyId, secretAccessKey, durationText, concurrencyText, entriesText] =
    process.argv.slice(2);
  const target = new URL(url!);
  const durationMs = Number(durationText);
  const concurrency = Number(concurrencyText);
  const entriesPerRequest = Number(entriesText);
  const signer = new SignatureV4({
    credentials: { accessKeyId: accessKeyId!, secretAccessKey: secretAccessKey! },
    region: 'us-east-1',
    service: 'events',
    sha256: NodeSha256,
  });
  const pool: Array<{ headers: Record<string, string>; body: Buffer }> = [];
  for (let i = 0; i < POOL_SIZE; i++) {
    const entries = Array.from({ length: entriesPerRequest }, (_, k) => ({
      Source: 'com.bench.producer',
      DetailType: 'OrderPlaced',
      Detail: JSON.stringify({ orderId: i * 100 + k, pad: 'x'.repeat(400) }),
      EventBusName: 'orders',
    }));
    const body = JSON.stringify({ Entries: entries });
    const signed = await signer.sign({
      method: 'POST',
      protocol: 'http:',
      hostname: target.hostname,
      port: Number(target.port),
      path: '/',
      headers: {
        host: target.host,
        'content-type': 'application/x-amz-json-1.1',
        'x-amz-target': 'AWSEvents.PutEvents',
        'content-length': String(Buffer.byteLength(body)),
      },
      body,
    });
    pool.push({ headers: signed.headers, body: Buffer.from(body) });
  }

  const agent = new Agent({ keepAlive: true, maxSockets: concurrency });
  let okCount = 0;
  let errorCount = 0;
  let next = 0;
  const startedMs = performance.now();
  const endMs = startedMs + durationMs;
  const loop = async (): Promise<void> => {
    while (performance.now() < endMs) {
      const item = pool[next++ % POOL_SIZE]!;
      const status = await new Promise<number>((resolve) => {
        const req = request(
          {
            host: target.hostname,
            port: target.port,
            method: 'POST',
            path: '/',
            headers: item.headers,
            agent,
          },
          (res) => {
            res.resume();
            res.on('end', () => resolve(res.statusCode ?? 0));
          },
        );
        req.on('error', () => resolve(0));
        req.end(item.body);
      });
      if (status === 200) okCount++;
      else errorCount++;
    }
  };
  await Promise.all(Array.from({ length: concurrency }, loop));
  const elapsedMs = performance.now() - startedMs;
  agent.destroy();
  process.stdout.write(`${JSON.stringify({ okCount, errorCount, durationMs: elapsedMs })}\n`);
}

await main();
