/**
 * A tiny loopback stand-in for EventBridge PutEvents (AWS JSON 1.1) for the worker tests: it answers with
 * EventIds, and on demand fails entries once (per-entry ErrorCode), throttles whole requests (HTTP 400
 * ThrottlingException) or delays answers. It counts what it received. Not the embedded endpoint.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** Knobs of the stub. */
export interface StubOptions {
  /** Fail each distinct entry (by Source + Detail) with this ErrorCode the first time it is seen. */
  failEntriesOnceWith?: string;
  /** Fail every entry, every time, with this ErrorCode. */
  failEntriesAlwaysWith?: string;
  /** Answer request number n (1-based) with HTTP 400 ThrottlingException when this returns true. */
  throttleRequest?: (requestNumber: number) => boolean;
  /** Delay every answer by this much. */
  delayMs?: number;
}

/** What the stub received. */
export interface StubStats {
  requests: number;
  throttledRequests: number;
  entries: number;
  entriesAccepted: number;
  entriesFailed: number;
  /** Accepted entries by EventBusName. */
  acceptedByBus: Record<string, number>;
  /** Largest number of requests being answered at the same time. */
  maxConcurrent: number;
}

/** A running stub. */
export interface StubEventBridge {
  url: string;
  stats: StubStats;
  close(): Promise<void>;
}

interface WireEntry {
  Source?: string;
  DetailType?: string;
  Detail?: string;
  EventBusName?: string;
}

const JSON_11 = 'application/x-amz-json-1.1';

function reply(res: ServerResponse, status: number, body: unknown, requestId: number): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': JSON_11,
    'content-length': Buffer.byteLength(text),
    'x-amzn-requestid': `stub-${requestId}`,
  });
  res.end(text);
}

/**
 * Starts the stub on 127.0.0.1 and a free port.
 * @param options - fault and delay knobs
 */
export async function startStubEventBridge(options: StubOptions = {}): Promise<StubEventBridge> {
  const stats: StubStats = {
    requests: 0,
    throttledRequests: 0,
    entries: 0,
    entriesAccepted: 0,
    entriesFailed: 0,
    acceptedByBus: {},
    maxConcurrent: 0,
  };
  const seen = new Set<string>();
  let concurrent = 0;
  let nextEventId = 0;

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    stats.requests += 1;
    const requestId = stats.requests;
    concurrent += 1;
    stats.maxConcurrent = Math.max(stats.maxConcurrent, concurrent);
    try {
      if (options.delayMs !== undefined) await new Promise((resolve) => setTimeout(resolve, options.delayMs));
      if (req.headers['x-amz-target'] !== 'AWSEvents.PutEvents') {
        reply(res, 400, { __type: 'UnknownOperationException' }, requestId);
        return;
      }
      if (options.throttleRequest?.(requestId)) {
        stats.throttledRequests += 1;
        reply(res, 400, { __type: 'ThrottlingException', message: 'Rate exceeded' }, requestId);
        return;
      }
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { Entries?: WireEntry[] };
      const entries = body.Entries ?? [];
      stats.entries += entries.length;
      let failed = 0;
      const results = entries.map((entry) => {
        const key = `${entry.Source}\u0000${entry.Detail}`;
        let code: string | undefined = options.failEntriesAlwaysWith;
        if (code === undefined && options.failEntriesOnceWith !== undefined && !seen.has(key)) {
          seen.add(key);
          code = options.failEntriesOnceWith;
        }
        if (code !== undefined) {
          failed += 1;
          return { ErrorCode: code, ErrorMessage: `stub: ${code}` };
        }
        const bus = entry.EventBusName ?? 'default';
        stats.acceptedByBus[bus] = (stats.acceptedByBus[bus] ?? 0) + 1;
        nextEventId += 1;
        return { EventId: `00000000-0000-0000-0000-${String(nextEventId).padStart(12, '0')}` };
      });
      stats.entriesAccepted += entries.length - failed;
      stats.entriesFailed += failed;
      reply(res, 200, { FailedEntryCount: failed, Entries: results }, requestId);
    } finally {
      concurrent -= 1;
    }
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      reply(res, 500, { __type: 'InternalException', message: String(error) }, 0);
    });
  });
  server.keepAliveTimeout = 30_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    stats,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
