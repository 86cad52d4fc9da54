/**
 * The bench's peer load generator at a fixed rate: autocannon with pre-signed 10-entry PutEvents requests
 * (bench/signed-requests.ts), `connections` keep-alive connections, `rate` requests/s overall, for
 * `seconds`. Run in its own process. Latency is each response's time from autocannon writing the request
 * (its own float-millisecond measurement, recorded here into an HdrHistogram in microseconds, because
 * autocannon's summary rounds to whole milliseconds).
 * Prints one JSON line: { calls, non2xx, errors, p50Ms, p99Ms, maxMs, cpuUsPerCall }.
 * Usage: autocannon-load.ts <url> <rate> <seconds> [connections=16]
 */
import autocannon from 'autocannon';
import { createLatencyHistogram, recordLatencyUs } from '../src/metrics/histogram.js';
import { signedPutEvents } from './signed-requests.js';

const [url, rateText, secondsText, connectionsText] = process.argv.slice(2);
const target = new URL(url!);
const signed = await signedPutEvents(target, 64, 10);
const histogram = createLatencyHistogram();
let calls = 0;
const cpuAtStart = process.cpuUsage();
const instance = autocannon(
  {
    url: url!,
    connections: Number(connectionsText ?? 16),
    overallRate: Number(rateText),
    duration: Number(secondsText),
    // autocannon writes Content-Length itself (the same value, which the signature covers): not twice.
    requests: signed.map(({ headers: { 'content-length': _, ...headers }, body }) => ({
      method: 'POST',
      path: '/',
      headers,
      body,
    })),
  },
  () => undefined,
);
instance.on('response', (_client: unknown, statusCode: number, _bytes: number, responseTimeMs: number) => {
  calls++;
  if (statusCode === 200) recordLatencyUs(histogram, responseTimeMs * 1000);
});
const result = await new Promise<autocannon.Result>((resolve) => instance.on('done', resolve));
const cpu = process.cpuUsage(cpuAtStart);
const ms = (us: number): number => Math.round(us) / 1000;
process.stdout.write(
  `${JSON.stringify({
    calls,
    non2xx: result.non2xx,
    errors: result.errors,
    p50Ms: ms(histogram.getValueAtPercentile(50)),
    p99Ms: ms(histogram.getValueAtPercentile(99)),
    maxMs: ms(histogram.maxValue),
    cpuUsPerCall: Math.round((cpu.user + cpu.system) / Math.max(1, calls)),
  })}\n`,
);
