/**
 * The endpoint's AWS JSON 1.1 answers (PutEvents and the bus calls): PutEvents' 200 body, and writing an
 * answer on node:http with one writeHead (the headers as a flat list: no setHeader, no header object to walk)
 * and one end with the body.
 */
import type { ServerResponse } from 'node:http';
import type { EntryResult } from '../../eventbridge/cloudtrail-record.js';
import type { PutEventsHttpAnswer } from './models.js';

/** The content type of AWS JSON 1.1 answers (PutEvents, DescribeEventBus, ...). */
export const AMZ_JSON_1_1 = 'application/x-amz-json-1.1';

/**
 * Writes an answer: Content-Type, Content-Length, x-amzn-RequestId, x-amzn-ErrorType on errors, and
 * `Connection: close` while the endpoint closes (node:http adds Date and the keep-alive headers after them).
 * Nothing is written to a response whose socket is gone.
 * @param closing - true once the endpoint is closing: the client is told not to reuse the connection
 */
export function writeJsonAnswer(res: ServerResponse, answer: PutEventsHttpAnswer, closing: boolean): void {
  if (res.destroyed) return;
  const headers = [
    'Content-Type',
    AMZ_JSON_1_1,
    'Content-Length',
    String(Buffer.byteLength(answer.body, 'utf8')),
    'x-amzn-RequestId',
    answer.requestId,
  ];
  if (answer.errorCode !== null) headers.push('x-amzn-ErrorType', answer.errorCode);
  if (closing) headers.push('Connection', 'close');
  res.writeHead(answer.httpStatus, headers);
  res.end(answer.body);
}

/** The 200 answer's JSON: `{"FailedEntryCount":n,"Entries":[...]}` in request order. */
export function renderPutEventsResponse(results: readonly EntryResult[]): string {
  let failedEntryCount = 0;
  let entriesJson = '';
  for (let i = 0; i < results.length; i++) {
    const result = results[i]!;
    if (i > 0) entriesJson += ',';
    if ('eventId' in result) entriesJson += `{"EventId":"${result.eventId}"}`;
    else {
      failedEntryCount++;
      entriesJson += `{"ErrorCode":"${result.errorCode}","ErrorMessage":${JSON.stringify(result.errorMessage)}}`;
    }
  }
  return `{"FailedEntryCount":${failedEntryCount},"Entries":[${entriesJson}]}`;
}
