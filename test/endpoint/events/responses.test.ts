import { createServer, type ServerResponse } from 'node:http';
import { connect } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { PutEventsHttpAnswer } from '../../../src/endpoint/events/models.js';
import { renderPutEventsResponse, writeJsonAnswer } from '../../../src/endpoint/events/responses.js';

describe('renderPutEventsResponse', () => {
  it('renders EventIds and errors in order with FailedEntryCount', () => {
    const body = renderPutEventsResponse([
      { eventId: 'id-1' },
      { errorCode: 'MalformedDetail', errorMessage: 'Detail is malformed.' },
    ]);
    expect(body).toBe(
      '{"FailedEntryCount":1,"Entries":[{"EventId":"id-1"},{"ErrorCode":"MalformedDetail","ErrorMessage":"Detail is malformed."}]}',
    );
    expect(JSON.parse(body).Entries).toHaveLength(2);
  });
});

/** The raw bytes a real node:http server sends for one answer written with writeJsonAnswer. */
async function rawAnswer(write: (res: ServerResponse) => void): Promise<string> {
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => write(res));
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return new Promise((resolve, reject) => {
    const socket = connect({ host: '127.0.0.1', port }, () => {
      socket.write('POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n');
    });
    let text = '';
    socket.setEncoding('latin1');
    socket.on('data', (chunk: string) => {
      text += chunk;
      const headEnd = text.indexOf('\r\n\r\n');
      const length = /content-length: (\d+)/i.exec(text);
      if (headEnd >= 0 && length !== null && text.length >= headEnd + 4 + Number(length[1])) {
        socket.destroy();
        resolve(text);
      }
    });
    socket.on('error', reject);
    socket.on('close', () => resolve(text));
  });
}

const servers: Array<ReturnType<typeof createServer>> = [];
afterEach(async () => {
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});

const OK: PutEventsHttpAnswer = {
  httpStatus: 200,
  body: '{"FailedEntryCount":0,"Entries":[{"EventId":"é-1"}]}',
  requestId: 'req-1',
  errorCode: null,
  entries: 1,
  failedEntries: 0,
};

describe('writeJsonAnswer', () => {
  it('writes status, the AWS JSON 1.1 headers in order and the body (Content-Length in UTF-8 bytes)', async () => {
    const text = await rawAnswer((res) => writeJsonAnswer(res, OK, false));
    const body = Buffer.from(OK.body, 'utf8').toString('latin1');
    expect(text).toMatch(
      new RegExp(
        '^HTTP/1\\.1 200 OK\\r\\nContent-Type: application/x-amz-json-1\\.1\\r\\nContent-Length: 53\\r\\n' +
          'x-amzn-RequestId: req-1\\r\\nDate: [^\\r]+ GMT\\r\\nConnection: keep-alive\\r\\nKeep-Alive: timeout=5\\r\\n\\r\\n',
      ),
    );
    expect(text.endsWith(body)).toBe(true);
  });

  it('names the error type, and asks the client to close while the endpoint closes', async () => {
    const answer: PutEventsHttpAnswer = {
      ...OK,
      httpStatus: 400,
      body: '{"__type":"ValidationException","message":"m"}',
      errorCode: 'ValidationException',
    };
    const text = await rawAnswer((res) => writeJsonAnswer(res, answer, true));
    expect(text).toMatch(
      /^HTTP\/1\.1 400 Bad Request\r\nContent-Type: application\/x-amz-json-1\.1\r\nContent-Length: 46\r\nx-amzn-RequestId: req-1\r\nx-amzn-ErrorType: ValidationException\r\nConnection: close\r\nDate: [^\r]+\r\n\r\n\{"__type":"ValidationException","message":"m"\}$/,
    );
  });

  it('writes nothing to a response whose socket is gone', async () => {
    let headersSent: boolean | null = null;
    const text = await rawAnswer((res) => {
      res.destroy();
      writeJsonAnswer(res, OK, false);
      headersSent = res.headersSent;
    });
    expect([text, headersSent]).toEqual(['', false]);
  });
});
