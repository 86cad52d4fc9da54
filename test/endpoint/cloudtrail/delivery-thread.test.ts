/**
 * The delivery thread as the writer starts it: from source it loads the TypeScript through tsx, renders a
 * batch and answers the sizes on its replies port (waking a waiter through the signal), then writes the
 * file it is told to; the built module is loaded as it is.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import type { TrailWriteOutcome } from '../../../src/endpoint/cloudtrail/delivery.js';
import { deliveryModule, startDeliveryThread } from '../../../src/endpoint/cloudtrail/delivery-thread.js';
import { DraftBatchEncoder } from '../../../src/endpoint/cloudtrail/draft-batch.js';
import { TrailRecordSerializer } from '../../../src/eventbridge/cloudtrail-record.js';
import { numberedDraft } from '../../helpers/trail-drafts.js';

const ACCOUNT = '111122223333';

describe('deliveryModule', () => {
  it('loads the TypeScript through tsx from source, and the built module as it is', () => {
    const threadUrl = new URL('../../../src/endpoint/cloudtrail/delivery-thread.ts', import.meta.url).href;
    expect(deliveryModule(threadUrl)).toEqual({
      module: fileURLToPath(new URL('../../../src/endpoint/cloudtrail/delivery.ts', import.meta.url)),
      fromSource: true,
      // tsx's CommonJS hook, found from the source file (whatever the working folder)
      execArgv: ['--require', createRequire(import.meta.url).resolve('tsx/cjs')],
    });
    expect(deliveryModule('file:///app/dist/endpoint/cloudtrail/delivery-thread.js')).toEqual({
      module: 'file:///app/dist/endpoint/cloudtrail/delivery.js',
      fromSource: false,
      execArgv: [],
    });
  });
});

describe('startDeliveryThread', () => {
  it('renders in its own thread, signals the sizes, and writes the file it is told to', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'busload-delivery-thread-'));
    const signal = new Int32Array(new SharedArrayBuffer(4));
    const { worker, replies } = startDeliveryThread(
      { region: 'us-east-1', accountId: ACCOUNT, gzipLevel: 1 },
      signal,
    );
    try {
      const encoder = new DraftBatchEncoder();
      const serializer = new TrailRecordSerializer('us-east-1', ACCOUNT);
      const expected = [1, 2, 3].map((i) => serializer.serialize(numberedDraft(i)));
      for (const i of [1, 2, 3]) encoder.add(numberedDraft(i));
      worker.postMessage({ kind: 'records', batch: encoder.take() });
      // The serving thread's way of waiting: sleep on the signal, then take the sizes off the port.
      expect(Atomics.wait(signal, 0, 0, 20_000)).not.toBe('timed-out');
      const sizes = await new Promise<Uint32Array>((resolve) => replies.once('message', resolve));
      expect([...sizes]).toEqual(expected.map((json) => Buffer.byteLength(json, 'utf8')));
      const path = join(dir, 'AWSLogs', 'x.json.gz');
      const written = new Promise<TrailWriteOutcome & { id: number }>((resolve) =>
        worker.once('message', resolve),
      );
      worker.postMessage({ kind: 'write', id: 7, files: [{ path, count: 3 }] });
      expect(await written).toEqual({ id: 7, written: 1 });
      expect(gunzipSync(await readFile(path)).toString('utf8')).toBe(`{"Records":[${expected.join(',')}]}`);
    } finally {
      replies.close();
      await worker.terminate();
      await rm(dir, { recursive: true, force: true });
    }
  });
});
