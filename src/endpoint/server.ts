/**
 * The embedded EventBridge-compatible endpoint over node:http: PutEvents and the bus calls (AWS JSON 1.1) and
 * the CloudWatch API (AWS JSON 1.0, awsQuery and RPC v2 CBOR; cloudwatch/http.ts) on one port. Keep-alive
 * friendly; bodies capped before they are buffered; slow and silent clients cut; no synchronous file I/O and no
 * logging per request.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type OutgoingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { CloudTrailWriter } from './cloudtrail/writer.js';
import {
  answerCloudWatchRequest,
  type CloudWatchHttpContext,
  type CloudWatchProtocol,
  cloudWatchProtocolOf,
} from './cloudwatch/http.js';
import { MetricStore } from './cloudwatch/metrics-store.js';
import { CloudWatchService } from './cloudwatch/service.js';
import { validateEndpointConfig } from './config.js';
import { EVENT_BUS_TARGETS, EventBusesService } from './events/buses.js';
import { PutEventsMetrics } from './events/metrics.js';
import {
  firstHeader,
  PUT_EVENTS_TARGET,
  type PutEventsHttpAnswer,
  type PutEventsHttpRequest,
} from './events/models.js';
import { writeJsonAnswer } from './events/responses.js';
import { PutEventsService } from './events/service.js';
import type { EndpointClock, EndpointConfig, RunningEndpoint } from './types.js';

export { defaultEndpointConfig } from './config.js';

/** Idle keep-alive connections stay open this long (longer than the SDK's agent keeps them idle). */
const KEEP_ALIVE_TIMEOUT_MS = 60_000;
/** On close, connections still busy after this long are cut. */
const CLOSE_GRACE_MS = 5_000;

const SYSTEM_CLOCK: EndpointClock = { nowEpochMs: () => Date.now(), monotonicMs: () => performance.now() };

function sourceIpOf(req: IncomingMessage): string {
  const address = req.socket.remoteAddress ?? '';
  return address.startsWith('::ffff:') ? address.slice(7) : address;
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
  const metrics = new MetricStore();
  const putEventsMetrics = new PutEventsMetrics(metrics);
  const service = new PutEventsService(config, clock, trail, putEventsMetrics);
  const buses = new EventBusesService({
    service,
    nowEpochMs: () => clock.nowEpochMs(),
    region: config.region,
    accountId: config.accountId,
  });
  const cloudWatchContext: CloudWatchHttpContext = {
    cloudWatch: new CloudWatchService(metrics, { region: config.region, accountId: config.accountId }),
    authenticate: (request, signingService, nowEpochMs) =>
      service.authenticate(request, signingService, nowEpochMs),
    maxBodyBytes: config.maxBodyBytes,
    nowEpochMs: () => clock.nowEpochMs(),
  };
  let closing = false;
  let inFlight = 0;
  let onIdle: (() => void) | null = null;

  const writeAnswer = (
    res: ServerResponse,
    answer: PutEventsHttpAnswer,
    arrivedEpochMs: number,
    arrivedMonoMs: number,
  ): void => {
    if (res.destroyed) return;
    writeJsonAnswer(res, answer, closing);
    if (answer.entries !== null || answer.httpStatus === 200) {
      putEventsMetrics.recordLatency(arrivedEpochMs, clock.monotonicMs() - arrivedMonoMs);
    }
  };

  const refuseTooLarge = (
    res: ServerResponse,
    target: string | undefined,
    arrivedEpochMs: number,
    bodyBytes: number,
  ): void => {
    service.countTooLarge(target, arrivedEpochMs, bodyBytes);
    if (res.headersSent || res.destroyed) return;
    // As observed from AWS (docs/aws-behaviour.md §2): 413, empty body, and the connection closed.
    res.writeHead(413, { 'x-amzn-RequestId': randomUUID(), 'Content-Length': 0, Connection: 'close' });
    res.end();
  };

  const answerCloudWatch = async (
    res: ServerResponse,
    request: PutEventsHttpRequest,
    protocol: CloudWatchProtocol,
    arrivedEpochMs: number,
  ): Promise<void> => {
    service.countConnectionEvent('cloudWatchRequests');
    const requestId = randomUUID();
    const answer = await answerCloudWatchRequest(
      cloudWatchContext,
      request,
      protocol,
      arrivedEpochMs,
      requestId,
    );
    if (res.destroyed) return;
    const body = typeof answer.body === 'string' ? Buffer.from(answer.body, 'utf8') : answer.body;
    const headers: OutgoingHttpHeaders = {
      ...answer.headers,
      'Content-Length': body.length,
      'x-amzn-RequestId': requestId,
    };
    if (closing) headers['Connection'] = 'close';
    res.writeHead(answer.httpStatus, headers);
    res.end(body);
  };

  const server = createServer(
    {
      // Slow and half-open clients: a request not complete (or not even started) within clientTimeoutMs is
      // answered 408 and its connection closed by node:http, checked this often.
      connectionsCheckingInterval: Math.max(50, Math.min(1_000, config.clientTimeoutMs / 4)),
      requestTimeout: config.clientTimeoutMs,
      headersTimeout: config.clientTimeoutMs,
      keepAliveTimeout: KEEP_ALIVE_TIMEOUT_MS,
    },
    (req, res) => {
      inFlight++;
      res.on('close', () => {
        inFlight--;
        if (inFlight === 0 && onIdle !== null) onIdle();
      });
      req.on('error', () => {
        // A client that goes away mid-body: nothing to answer.
      });
      const arrivedEpochMs = clock.nowEpochMs();
      const arrivedMonoMs = clock.monotonicMs();
      const target = firstHeader(req.headers['x-amz-target']);
      const declaredBytes = Number(req.headers['content-length'] ?? 0);
      if (declaredBytes > config.maxBodyBytes) {
        refuseTooLarge(res, target, arrivedEpochMs, declaredBytes);
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
          refuseTooLarge(res, target, arrivedEpochMs, receivedBytes);
          return;
        }
        chunks.push(chunk);
      });
      req.on('end', () => {
        if (tooLarge) return;
        const request: PutEventsHttpRequest = {
          method: req.method ?? '',
          url: req.url ?? '/',
          headers: req.headers,
          body: chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, receivedBytes),
          sourceIpAddress: sourceIpOf(req),
          userAgent: firstHeader(req.headers['user-agent']) ?? '',
          hostHeader: req.headers.host ?? '',
        };
        const cloudWatchProtocol = cloudWatchProtocolOf(request);
        if (cloudWatchProtocol !== null) {
          answerCloudWatch(res, request, cloudWatchProtocol, arrivedEpochMs).catch(() => {
            if (!res.headersSent) res.writeHead(500, { 'Content-Length': 0 }).end();
          });
          return;
        }
        if (target !== undefined && EVENT_BUS_TARGETS.has(target)) {
          service.countConnectionEvent('eventBusRequests');
          writeJsonAnswer(res, buses.handle(request, target, arrivedEpochMs), closing);
          return;
        }
        const answer = service.handle(request, arrivedEpochMs);
        if (target === PUT_EVENTS_TARGET && service.nextAnswerIsReset()) {
          // Processed, then the answer is lost: the client sees ECONNRESET.
          req.socket.resetAndDestroy();
          return;
        }
        const delayMs = service.nextAnswerDelayMs();
        if (delayMs > 0) setTimeout(writeAnswer, delayMs, res, answer, arrivedEpochMs, arrivedMonoMs);
        else writeAnswer(res, answer, arrivedEpochMs, arrivedMonoMs);
      });
    },
  );

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
    metrics,
    flushTrail: () => trail.flush(),
    close,
  };
}
