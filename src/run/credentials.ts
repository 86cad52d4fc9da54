/**
 * Credentials for the embedded endpoint: each producer signs with its own access key so the endpoint can
 * map the key to the producer's principal (and CloudTrail records name it). These are local, throw-away keys;
 * they are never written to reports or logs.
 */
import { randomBytes } from 'node:crypto';
import type { ProducerSpec } from '../scenario/types.js';
import type { ProducerCredentials } from '../workers/protocol.js';

/** One key pair per producer, plus the key -> principal map the endpoint needs. */
export function localCredentials(producers: ProducerSpec[]): {
  credentials: Record<string, ProducerCredentials>;
  principalsByAccessKey: Record<string, string>;
} {
  const credentials: Record<string, ProducerCredentials> = {};
  const principalsByAccessKey: Record<string, string> = {};
  producers.forEach((producer, index) => {
    const accessKeyId = `AKIDLOCAL${String(index).padStart(11, '0')}`;
    credentials[producer.name] = { accessKeyId, secretAccessKey: randomBytes(30).toString('base64') };
    principalsByAccessKey[accessKeyId] = producer.principal;
  });
  return { credentials, principalsByAccessKey };
}
