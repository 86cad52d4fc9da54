/**
 * A small HTTP/1.1 keep-alive client for the lean transport: up to `maxSockets` raw TCP (or TLS)
 * connections to one origin, one request in flight on each (no pipelining), each request written with one
 * socket write of bytes built beforehand. Answers are read incrementally: status line, headers, then a
 * Content-Length or chunked body (or, with neither, the body up to the connection's close).
 *
 * It exists because node:http's client costs several times the CPU per request of the raw socket a peer
 * load generator uses (ClientRequest, the agent's queue, header objects, streams); on a small machine that
 * CPU is what limits the generator. The time of the write is reported, so service latency starts there.
 */
import { connect as netConnect, type Socket } from 'node:net';
import { connect as tlsConnect } from 'node:tls';

/** An answer as read from the wire; header names are lower-case (repeated headers joined by ", "). */
export interface Http1Response {
  statusCode: number;
  headers: Record<string, string>;
  body: Buffer;
}

/** What one exchange is given. */
export interface Http1Exchange {
  /** The whole request (head and body), written with one write. */
  bytes: Buffer;
  /** Called just before the write. */
  onWrite?: () => void;
  /** Aborts the exchange (its connection is destroyed): rejects with an AbortError. */
  signal?: AbortSignal;
}

/** Options of a pool. */
export interface Http1PoolOptions {
  url: URL;
  maxSockets: number;
  /** A connection not established within this long fails with TimeoutError. */
  connectTimeoutMs: number;
  /** A request not answered within this long (from its write) fails with TimeoutError. */
  requestTimeoutMs: number;
}

const HEAD_END = Buffer.from('\r\n\r\n');
const CRLF = Buffer.from('\r\n');

function namedError(name: string, message: string): Error {
  return Object.assign(new Error(message), { name });
}

interface Pending {
  exchange: Http1Exchange;
  resolve: (response: Http1Response) => void;
  reject: (error: Error) => void;
}

/** One keep-alive connection and the answer it is reading. */
class Connection {
  readonly socket: Socket;
  private current: Pending | null = null;
  private buffer: Buffer | null = null;
  private head: { statusCode: number; headers: Record<string, string>; bodyAt: number } | null = null;
  private timer: NodeJS.Timeout | null = null;
  private onAbort: (() => void) | null = null;
  connected = false;
  closed = false;

  constructor(
    private readonly pool: Http1Pool,
    options: Http1PoolOptions,
  ) {
    const { url } = options;
    const port = url.port === '' ? (url.protocol === 'https:' ? 443 : 80) : Number(url.port);
    const host = url.hostname.startsWith('[') ? url.hostname.slice(1, -1) : url.hostname;
    this.socket =
      url.protocol === 'https:'
        ? tlsConnect({ host, port, servername: host, ALPNProtocols: ['http/1.1'] })
        : netConnect({ host, port });
    this.socket.setNoDelay(true);
    this.socket.once(url.protocol === 'https:' ? 'secureConnect' : 'connect', () => {
      this.connected = true;
      if (this.current !== null) this.write();
    });
    this.socket.on('data', (chunk: Buffer) => this.onData(chunk));
    this.socket.on('error', (error: Error) => this.fail(error));
    this.socket.on('close', () => this.fail(namedError('ECONNRESET', 'socket hang up')));
    this.timer = setTimeout(() => {
      if (!this.connected) this.fail(namedError('TimeoutError', 'connection timed out'));
    }, options.connectTimeoutMs);
  }

  get idle(): boolean {
    return this.current === null && !this.closed;
  }

  start(pending: Pending): void {
    this.current = pending;
    const signal = pending.exchange.signal;
    if (signal !== undefined) {
      this.onAbort = () => this.fail(namedError('AbortError', 'aborted'));
      signal.addEventListener('abort', this.onAbort, { once: true });
    }
    if (this.connected) this.write();
  }

  private write(): void {
    const pending = this.current!;
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = setTimeout(
      () => this.fail(namedError('TimeoutError', 'request timed out')),
      this.pool.options.requestTimeoutMs,
    );
    pending.exchange.onWrite?.();
    this.socket.write(pending.exchange.bytes);
  }

  private onData(chunk: Buffer): void {
    if (this.current === null) {
      // Bytes nobody asked for: the connection cannot be trusted any more.
      this.socket.destroy();
      return;
    }
    this.buffer = this.buffer === null ? chunk : Buffer.concat([this.buffer, chunk]);
    this.parse();
  }

  private parse(): void {
    for (;;) {
      const buffer = this.buffer!;
      if (this.head === null) {
        const headEnd = buffer.indexOf(HEAD_END);
        if (headEnd < 0) return;
        const lines = buffer.toString('latin1', 0, headEnd).split('\r\n');
        const status = /^HTTP\/1\.[01] (\d{3})/.exec(lines[0] ?? '');
        if (status === null) {
          this.fail(namedError('MalformedResponse', `not an HTTP/1.1 answer: ${lines[0]}`));
          return;
        }
        const headers: Record<string, string> = {};
        for (let i = 1; i < lines.length; i++) {
          const line = lines[i]!;
          const colon = line.indexOf(':');
          if (colon <= 0) continue;
          const name = line.slice(0, colon).trim().toLowerCase();
          const value = line.slice(colon + 1).trim();
          headers[name] = headers[name] === undefined ? value : `${headers[name]}, ${value}`;
        }
        const statusCode = Number(status[1]);
        if (statusCode >= 100 && statusCode < 200) {
          // 100 Continue and friends: skip to the real answer.
          this.buffer = buffer.subarray(headEnd + 4);
          continue;
        }
        this.head = { statusCode, headers, bodyAt: headEnd + 4 };
      }
      const { headers, bodyAt, statusCode } = this.head;
      const body = this.readBody(buffer, bodyAt, headers);
      if (body === null) return;
      this.finish({ statusCode, headers, body: body.body }, body.rest, headers.connection === 'close');
      return;
    }
  }

  /** The body when complete (and what follows it), else null. */
  private readBody(
    buffer: Buffer,
    at: number,
    headers: Record<string, string>,
  ): { body: Buffer; rest: Buffer } | null {
    if (headers['transfer-encoding']?.toLowerCase().includes('chunked')) {
      const parts: Buffer[] = [];
      let cursor = at;
      for (;;) {
        const lineEnd = buffer.indexOf(CRLF, cursor);
        if (lineEnd < 0) return null;
        const size = Number.parseInt(buffer.toString('latin1', cursor, lineEnd), 16);
        if (!Number.isFinite(size)) {
          this.fail(namedError('MalformedResponse', 'bad chunk size'));
          return null;
        }
        if (size === 0) {
          // Trailers (if any) end with an empty line.
          const end = buffer.indexOf(HEAD_END, lineEnd);
          const simpleEnd = buffer.indexOf(CRLF, lineEnd + 2);
          const trailerEnd = simpleEnd === lineEnd + 2 ? simpleEnd + 2 : end < 0 ? -1 : end + 4;
          if (trailerEnd < 0) return null;
          return { body: Buffer.concat(parts), rest: buffer.subarray(trailerEnd) };
        }
        if (buffer.length < lineEnd + 2 + size + 2) return null;
        parts.push(buffer.subarray(lineEnd + 2, lineEnd + 2 + size));
        cursor = lineEnd + 2 + size + 2;
      }
    }
    const length = headers['content-length'];
    if (length === undefined) return null; // read up to the close (see fail)
    const total = at + Number(length);
    if (buffer.length < total) return null;
    return { body: buffer.subarray(at, total), rest: buffer.subarray(total) };
  }

  private finish(response: Http1Response, rest: Buffer, close: boolean): void {
    const pending = this.release();
    if (pending === null) return;
    if (close || rest.length > 0) {
      this.closed = true;
      this.socket.destroy();
    }
    pending.resolve(response);
    if (!this.closed) this.pool.idleConnection(this);
  }

  private release(): Pending | null {
    const pending = this.current;
    this.current = null;
    this.buffer = null;
    this.head = null;
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    if (pending?.exchange.signal !== undefined && this.onAbort !== null) {
      pending.exchange.signal.removeEventListener('abort', this.onAbort);
    }
    this.onAbort = null;
    return pending;
  }

  /** The connection ends: the answer in progress fails (or completes, when it is read-to-close). */
  private fail(error: Error): void {
    const head = this.head;
    const buffer = this.buffer;
    const pending = this.release();
    if (!this.closed) {
      this.closed = true;
      this.socket.destroy();
    }
    this.pool.removeConnection(this);
    if (pending === null) return;
    if (
      error.name === 'ECONNRESET' &&
      head !== null &&
      head.headers['content-length'] === undefined &&
      !head.headers['transfer-encoding'] &&
      buffer !== null
    ) {
      // A body delimited by the connection's close.
      pending.resolve({
        statusCode: head.statusCode,
        headers: head.headers,
        body: buffer.subarray(head.bodyAt),
      });
      return;
    }
    pending.reject(error);
  }
}

/** Keep-alive connections to one origin. */
export class Http1Pool {
  readonly options: Http1PoolOptions;
  private readonly connections = new Set<Connection>();
  private readonly idle: Connection[] = [];
  private readonly queue: Pending[] = [];
  private destroyed = false;

  constructor(options: Http1PoolOptions) {
    this.options = options;
  }

  /** Sends one request on an idle (or new) connection, or queues it until one is free. */
  request(exchange: Http1Exchange): Promise<Http1Response> {
    return new Promise<Http1Response>((resolve, reject) => {
      if (this.destroyed) {
        reject(namedError('AbortError', 'the client was destroyed'));
        return;
      }
      if (exchange.signal?.aborted) {
        reject(namedError('AbortError', 'aborted'));
        return;
      }
      this.dispatch({ exchange, resolve, reject });
    });
  }

  private dispatch(pending: Pending): void {
    let connection = this.idle.pop();
    while (connection !== undefined && !connection.idle) connection = this.idle.pop();
    if (connection === undefined && this.connections.size < this.options.maxSockets) {
      connection = new Connection(this, this.options);
      this.connections.add(connection);
    }
    if (connection === undefined) this.queue.push(pending);
    else connection.start(pending);
  }

  /** A connection finished its answer and stays open. */
  idleConnection(connection: Connection): void {
    const next = this.queue.shift();
    if (next !== undefined) connection.start(next);
    else this.idle.push(connection);
  }

  /** A connection closed. */
  removeConnection(connection: Connection): void {
    if (!this.connections.delete(connection)) return;
    const at = this.idle.indexOf(connection);
    if (at >= 0) this.idle.splice(at, 1);
    const next = this.queue.shift();
    if (next !== undefined && !this.destroyed) this.dispatch(next);
  }

  /** Closes every connection; requests in flight fail. */
  destroy(): void {
    this.destroyed = true;
    for (const pending of this.queue.splice(0))
      pending.reject(namedError('AbortError', 'the client was destroyed'));
    for (const connection of [...this.connections]) connection.socket.destroy();
  }
}
