/**
 * Starting the CloudTrail delivery thread: a worker thread that loads delivery.ts (from TypeScript source
 * through tsx's CommonJS hook, from the build as plain ESM) and serves the writer's messages in order.
 */
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { MessageChannel, type MessagePort, Worker } from 'node:worker_threads';
import type { TrailDeliveryOptions } from './delivery.js';

/**
 * The delivery thread's bootstrap (plain JavaScript, evaluated as the worker's code): it loads delivery.ts
 * (from source through tsx's require hook, from the build with import()), then handles, in order,
 * `{ kind: 'records', batch }` (rendered; the sizes go back on the replies port, and the signal is bumped
 * so that a serving thread blocked in Atomics.wait wakes) and `{ kind: 'write', id, files }` (answered
 * `{ id, written, error? }` on the worker's own port). Messages that arrive while the module loads wait.
 */
const DELIVERY_THREAD_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const { replies, signal, options } = workerData;
const waiting = [];
let delivery = null;
function handle(message) {
  if (message.kind === 'records') {
    const sizes = delivery.render(message.batch);
    replies.postMessage(sizes, [sizes.buffer]);
    Atomics.add(signal, 0, 1);
    Atomics.notify(signal, 0);
  } else {
    parentPort.postMessage({ id: message.id, ...delivery.write(message.files) });
  }
}
parentPort.on('message', (message) => {
  if (delivery === null) waiting.push(message);
  else handle(message);
});
const loaded = workerData.fromSource
  ? new Promise((resolve) => resolve(require(workerData.module)))
  : import(workerData.module);
loaded.then((module) => {
  delivery = new module.TrailDelivery(options);
  for (const message of waiting.splice(0)) handle(message);
});
`;

/** The delivery module and the Node flags its thread needs, from TypeScript source or from the build. */
export function deliveryModule(moduleUrl: string = import.meta.url): {
  module: string;
  fromSource: boolean;
  execArgv: string[];
} {
  const fromSource = moduleUrl.endsWith('.ts');
  const url = new URL(fromSource ? './delivery.ts' : './delivery.js', moduleUrl);
  // From source the thread requires the TypeScript through tsx's CommonJS hook (its ESM hooks do not reach
  // worker threads on Node 20), found from this file rather than the working folder; the build is plain ESM.
  return fromSource
    ? {
        module: fileURLToPath(url),
        fromSource,
        execArgv: ['--require', createRequire(moduleUrl).resolve('tsx/cjs')],
      }
    : { module: url.href, fromSource, execArgv: [] };
}

/**
 * Starts a delivery thread (unref'd: it never keeps the process alive on its own).
 * @param options - what the thread's TrailDelivery renders and writes with
 * @param renderedSignal - bumped by the thread after each batch's sizes are posted on `replies`
 * @returns the thread (writes are answered on it) and the port its rendered sizes come back on
 */
export function startDeliveryThread(
  options: TrailDeliveryOptions,
  renderedSignal: Int32Array,
): { worker: Worker; replies: MessagePort } {
  const { module, fromSource, execArgv } = deliveryModule();
  const { port1: replies, port2: threadReplies } = new MessageChannel();
  const worker = new Worker(DELIVERY_THREAD_SOURCE, {
    eval: true,
    execArgv,
    workerData: { module, fromSource, replies: threadReplies, signal: renderedSignal, options },
    transferList: [threadReplies],
  });
  return { worker, replies };
}
