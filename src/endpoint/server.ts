/**
 * The embedded EventBridge-compatible endpoint over node:http: keep-alive friendly, bodies capped before
 * they are buffered, no synchronous file I/O and no logging per request.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type OutgoingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { CloudTrailWriter } from './cloudtrail-writer.js';
import { validateEndpointConfig } from './config.js';
import { type PutEventsHttpAnswer, PutEventsService } from './put-events-service.js';
import type { EndpointClock, EndpointConfig, RunningEndpoint } from './types.js';

export { defaultEndpointConfig } from './config.js';

/** The content type of AWS JSON 1.1 answers. */
export const AMZ_JSON_1_1 = 'application/x-amz-json-1.1';

/** Idle keep-alive connections stay open this long (longer than the SDK's agent keeps them idle). */
const KEEP_ALIVE_TIMEOUT_MS = 60_000;
/** On close, connections still busy after this long are cut. */
const CLOSE_GRACE_MS = 5_000;

const SYSTEM_CLOCK: EndpointClock = { nowEpochMs: () => Date.now(), monotonicMs: () => performance.now() };

function sourceIpOf(req: IncomingMessage): string {
  const address = req.socket.remoteAddress ?? '';
  return address.startsWith('::ffff:') ? address.slice(7) : address;
}

function firstHeader(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/**
 * Starts the endpoint and resolves once it listens. Rejects with a TypeError naming every invalid
 * configuration field.
 * @param config - e.g. defaultEndpointConfig({ buses: [...], trailDir: 'run/cloudtrail' })
 */
export async function startEndpoint(config: EndpointConfig): Promise<RunningEndpoint> {
  const problems = validateEndpointConfig(config);
  if (problems.length > 0) throw new TypeError(`invalid endpoint configuration: ${problems.join('; ')}`);
  const clock = config.clock ?? SYSTEM_CLOCK;
  const trail = new CloudTrailWriter({
    trailDir: config.trailDir,
    accountId: config.accountId,
    region: config.region,
    flushIntervalMs: config.trailFlushIntervalMs,
    nowEpochMs: () => clock.nowEpochMs(),
  });
  const service = new PutEventsService(config, clock, trail);
  let closing = false;
  let inFlight = 0;
  let onIdle: (() => void) | null = null;

  const writeAnswer = (res: ServerResponse, answer: PutEventsHttpAnswer): void => {
    if (res.destroyed) return;
    const headers: OutgoingHttpHeaders = {
      'Content-Type': AMZ_JSON_1_1,
      'Content-Length': Buffer.byteLength(answer.body, 'utf8'),
      'x-amzn-RequestId': answer.requestId,
    };
    if (answer.errorCode !== null) headers['x-amzn-ErrorType'] = answer.errorCode;
    if (closing) headers['Connection'] = 'close';
    res.writeHead(answer.httpStatus, headers);
    res.end(answer.body);
  };

  const refuseTooLarge = (res: ServerResponse): void => {
    service.countTooLarge();
    if (res.headersSent || res.destroyed) return;
    // As observed from AWS (aws-facts §2): 413, empty body, and the connection closed.
    res.writeHead(413, { 'x-amzn-RequestId': randomUUID(), 'Content-Length': 0, Connection: 'close' });
    res.end();
  };

  const server = createServer((req, res) => {
    inFlight++;
    res.on('close', () => {
      inFlight--;
      if (inFlight === 0 && onIdle !== null) onIdle();
    });
    req.on('error', () => {
      // A client that goes away mid-body: nothing to answer.
    });
    const declaredBytes = Number(req.headers['content-length'] ?? 0);
    if (declaredBytes > config.maxBodyBytes) {
      refuseTooLarge(res);
      req.resume();
      return;
    }
    const chunks: Buffer[] = [];
    let receivedBytes = 0;
    let tooLarge = false;
    req.on('data', (chunk: Buffer) => {
      if (tooLarge) return; // discarded, never buffered
      receivedBytes += chunk.length;
      if (receivedBytes > config.maxBodyBytes) {
        tooLarge = true;
        chunks.length = 0;
        refuseTooLarge(res);
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      if (tooLarge) return;
      const body = chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, receivedBytes);
      const answer = service.handle({
        method: req.method ?? '',
        target: firstHeader(req.headers['x-amz-target']),
        authorization: firstHeader(req.headers.authorization),
        bodyText: body.toString('utf8'),
        sourceIpAddress: sourceIpOf(req),
        userAgent: firstHeader(req.headers['user-agent']) ?? '',
      });
      const delayMs = service.nextAnswerDelayMs();
      if (delayMs > 0) setTimeout(writeAnswer, delayMs, res, answer);
      else writeAnswer(res, answer);
    });
  });
  server.keepAliveTimeout = KEEP_ALIVE_TIMEOUT_MS;
  server.headersTimeout = KEEP_ALIVE_TIMEOUT_MS + 5_000;

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, config.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const urlHost = config.host.includes(':') ? `[${config.host}]` : config.host;

  let closed: Promise<void> | null = null;
  const close = (): Promise<void> => {
    closed ??= (async () => {
      closing = true;
      const stopped = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      if (inFlight > 0) {
        // Let answers in flight (including delayed ones) go out, then drop the then-idle connections.
        await new Promise<void>((resolve) => {
          const grace = setTimeout(resolve, CLOSE_GRACE_MS);
          onIdle = () => {
            clearTimeout(grace);
            resolve();
          };
        });
      }
      server.closeAllConnections();
      await stopped;
      await trail.close();
    })();
    return closed;
  };

  return {
    url: `http://${urlHost}:${port}`,
    host: config.host,
    port,
    stats: () => service.stats(),
    flushTrail: () => trail.flush(),
    close,
  };
}
