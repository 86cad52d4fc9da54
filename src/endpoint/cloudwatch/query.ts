/**
 * CloudWatch over the awsQuery protocol (docs/aws-behaviour.md §7.1): a form-encoded POST body
 * (`Action=ListMetrics&Version=2010-08-01&Namespace=...`), lists flattened as `Name.member.N`, and XML answers
 * `<OpResponse><OpResult>...</OpResult><ResponseMetadata><RequestId>`, errors as `<ErrorResponse><Error>
 * <Type/><Code/><Message/></Error><RequestId/></ErrorResponse>`
 * (https://smithy.io/2.0/aws/protocols/aws-query-protocol.html, read 2026-12-07). Pure: no sockets.
 */
import type { CloudWatchError } from './errors.js';
import { CLOUDWATCH_OPERATIONS_WITHOUT_OUTPUT, type CloudWatchOutcome } from './models.js';

/** The CloudWatch API version awsQuery requests name in `Version`. */
export const CLOUDWATCH_API_VERSION = '2010-08-01';
/** The XML namespace of CloudWatch's query answers (the service model's xmlNamespace). */
export const CLOUDWATCH_XML_NAMESPACE = 'http://monitoring.amazonaws.com/doc/2010-08-01/';
/** The content type of a form-encoded awsQuery request. */
export const FORM_CONTENT_TYPE = 'application/x-www-form-urlencoded';

/**
 * Members whose model type is numeric (integer or double) in CloudWatch's input shapes
 * (botocore `cloudwatch/2010-08-01/service-2.json`): a query string carries every value as text, so these are
 * read as numbers. `Value` is numeric in MetricDatum but a string in Dimension and DimensionFilter.
 */
const NUMERIC_MEMBERS: ReadonlySet<string> = new Set([
  'Period',
  'MaxDatapoints',
  'StorageResolution',
  'SampleCount',
  'Sum',
  'Minimum',
  'Maximum',
  'Value',
  'Values',
  'Counts',
  'EvaluationPeriods',
  'DatapointsToAlarm',
  'Threshold',
  'MaxRecords',
]);
/** Boolean members of the input shapes (sent as `true` / `false`). */
const BOOLEAN_MEMBERS: ReadonlySet<string> = new Set([
  'ReturnData',
  'IncludeLinkedAccounts',
  'StrictEntityValidation',
  'ActionsEnabled',
]);
/** Top-level list members of the input shapes (an empty `Name=` is an empty list). */
const TOP_LEVEL_LISTS: ReadonlySet<string> = new Set([
  'Dimensions',
  'Statistics',
  'ExtendedStatistics',
  'MetricData',
  'MetricDataQueries',
  'EntityMetricData',
  'AlarmNames',
  'AlarmActions',
  'OKActions',
  'InsufficientDataActions',
  'AlarmTypes',
]);
const NUMBER_TEXT = /^[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?$/;

/** A decoded awsQuery request: the Action, and its parameters as the structure JSON 1.0 would send. */
export interface QueryRequest {
  action: string;
  version: string | undefined;
  input: Record<string, unknown>;
}

/** A parameter's value, typed by the member it belongs to (text kept when it does not parse). */
function typedValue(path: readonly string[], text: string): unknown {
  const names = path.filter((segment) => !/^\d+$/.test(segment) && segment !== 'member');
  const member = names[names.length - 1] ?? '';
  const parent = names[names.length - 2] ?? '';
  if (member === 'Value' && parent === 'Dimensions') return text;
  if (NUMERIC_MEMBERS.has(member) && NUMBER_TEXT.test(text)) return Number(text);
  if (BOOLEAN_MEMBERS.has(member) && (text === 'true' || text === 'false')) return text === 'true';
  return text;
}

/**
 * Rebuilds the input structure from flattened query parameters: `A.B=x` nests a structure, `A.member.N`
 * is the Nth (1-based) item of list A, an empty `A=` is an empty list.
 * Example: `Dimensions.member.1.Name=Bus&Dimensions.member.1.Value=orders` -> {Dimensions: [{Name, Value}]}.
 */
export function decodeQueryForm(body: string): QueryRequest {
  const params = new URLSearchParams(body);
  let action = '';
  let version: string | undefined;
  const root: Record<string, unknown> = {};
  for (const [key, value] of params) {
    if (key === 'Action') {
      action = value;
      continue;
    }
    if (key === 'Version') {
      version = value;
      continue;
    }
    const path = key.split('.');
    if (path.length === 1 && value === '' && TOP_LEVEL_LISTS.has(key) && root[key] === undefined) {
      root[key] = [];
      continue;
    }
    let node: Record<string, unknown> | unknown[] = root;
    for (let i = 0; i < path.length; i++) {
      const segment = path[i]!;
      const last = i === path.length - 1;
      if (segment === 'member' && !last && /^\d+$/.test(path[i + 1]!)) continue;
      const isIndex = /^\d+$/.test(segment) && path[i - 1] === 'member';
      const slot: string | number = isIndex ? Number(segment) - 1 : segment;
      const container = node as Record<string | number, unknown>;
      if (last) {
        container[slot] = typedValue(path, value);
        break;
      }
      const nextIsList = path[i + 1] === 'member';
      let child = container[slot];
      if (typeof child !== 'object' || child === null) {
        child = nextIsList ? [] : {};
        container[slot] = child;
      }
      node = child as Record<string, unknown> | unknown[];
    }
  }
  return { action, version, input: compactLists(root) as Record<string, unknown> };
}

/** Drops the holes a list sent as member.1 and member.3 would leave. */
function compactLists(value: unknown): unknown {
  if (Array.isArray(value)) return value.filter((item) => item !== undefined).map(compactLists);
  if (typeof value === 'object' && value !== null) {
    const out: Record<string, unknown> = {};
    for (const [key, member] of Object.entries(value)) out[key] = compactLists(member);
    return out;
  }
  return value;
}

const XML_TEXT_ESCAPES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;' };

/** Text as XML element content (no attributes are written, so quotes stay as they are). */
function escapeXml(text: string): string {
  return text.replace(/[&<>]/g, (c) => XML_TEXT_ESCAPES[c]!);
}

/** A timestamp as AWS writes it in XML: ISO 8601 UTC, milliseconds only when there are some. */
function xmlTimestamp(date: Date): string {
  return date.toISOString().replace('.000Z', 'Z');
}

/**
 * Members whose model type is a map (written as `<entry><key/><value/></entry>`): Datapoint's
 * ExtendedStatistics (DatapointValueMap).
 */
const MAP_MEMBERS: ReadonlySet<string> = new Set(['ExtendedStatistics']);

function xmlValue(name: string, value: unknown): string {
  if (value === undefined || value === null) return '';
  if (value instanceof Date) return `<${name}>${xmlTimestamp(value)}</${name}>`;
  if (Array.isArray(value)) {
    return `<${name}>${value.map((item) => xmlValue('member', item)).join('')}</${name}>`;
  }
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>);
    if (MAP_MEMBERS.has(name)) {
      return `<${name}>${entries
        .map(([key, member]) => `<entry><key>${escapeXml(key)}</key>${xmlValue('value', member)}</entry>`)
        .join('')}</${name}>`;
    }
    return `<${name}>${entries.map(([key, member]) => xmlValue(key, member)).join('')}</${name}>`;
  }
  return `<${name}>${escapeXml(String(value))}</${name}>`;
}

/** What to send back: status, XML body. */
export interface QueryAnswer {
  httpStatus: number;
  body: string;
}

/**
 * An outcome as awsQuery writes it.
 * Example: ListMetrics -> `<ListMetricsResponse xmlns="..."><ListMetricsResult><Metrics><member>...`.
 */
export function renderQueryAnswer(
  operation: string,
  outcome: CloudWatchOutcome,
  requestId: string,
): QueryAnswer {
  if (outcome.error !== null) return renderQueryError(outcome.error, requestId);
  const result = CLOUDWATCH_OPERATIONS_WITHOUT_OUTPUT.has(operation)
    ? ''
    : xmlValue(`${operation}Result`, outcome.output);
  return {
    httpStatus: 200,
    body:
      `<${operation}Response xmlns="${CLOUDWATCH_XML_NAMESPACE}">${result}` +
      `<ResponseMetadata><RequestId>${requestId}</RequestId></ResponseMetadata></${operation}Response>`,
  };
}

/** An error as awsQuery writes it: Type Sender (4xx) or Receiver (5xx), the query code and message. */
export function renderQueryError(error: CloudWatchError, requestId: string): QueryAnswer {
  const type = error.httpStatus >= 500 ? 'Receiver' : 'Sender';
  return {
    httpStatus: error.httpStatus,
    body:
      `<ErrorResponse xmlns="${CLOUDWATCH_XML_NAMESPACE}"><Error><Type>${type}</Type>` +
      `<Code>${escapeXml(error.queryCode)}</Code><Message>${escapeXml(error.message)}</Message></Error>` +
      `<RequestId>${requestId}</RequestId></ErrorResponse>`,
  };
}
