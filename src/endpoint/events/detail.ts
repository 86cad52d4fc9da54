/**
 * A PutEvents entry's Detail, pure: it must be a JSON object nested at most 1000 levels whose integers fit in
 * int64 (docs/aws-behaviour.md §1.2, §1.4); anything else is answered MalformedDetail.
 */

/** PutEvents "will only process nested JSON up to 1000 levels deep" (docs/aws-behaviour.md §1.2). */
export const MAX_DETAIL_NESTING_DEPTH = 1000;

/**
 * Nesting depth of a JSON text: the deepest count of open `{`/`[` outside strings.
 * Example: '{"a":[{"b":1}]}' has depth 3.
 */
export function jsonNestingDepth(text: string): number {
  let depth = 0;
  let maxDepth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (inString) {
      if (code === 0x5c)
        i++; // backslash: skip the escaped character
      else if (code === 0x22) inString = false;
    } else if (code === 0x22) inString = true;
    else if (code === 0x7b || code === 0x5b) {
      depth++;
      if (depth > maxDepth) maxDepth = depth;
    } else if (code === 0x7d || code === 0x5d) depth--;
  }
  return maxDepth;
}

function isWhitespace(code: number): boolean {
  return code === 0x20 || code === 0x09 || code === 0x0a || code === 0x0d;
}

const INT64_MAX = 9_223_372_036_854_775_807n;
const INT64_MIN = -9_223_372_036_854_775_808n;
/** A run of 19 digits: the shortest integer that can fall outside int64 (cheap native pre-check). */
const LONG_DIGIT_RUN = /\d{19}/;

/**
 * True when every integer literal of a (valid) JSON text fits in int64 ("JSON integers in Detail must lie
 * within the int64 range", docs/aws-behaviour.md §1.2). Numbers with a fraction or an exponent are not integers here.
 * Example: '{"a":9223372036854775807}' fits; '{"a":9223372036854775808}' does not.
 */
export function jsonIntegersFitInt64(text: string): boolean {
  if (!LONG_DIGIT_RUN.test(text)) return true;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (inString) {
      if (code === 0x5c) i++;
      else if (code === 0x22) inString = false;
      continue;
    }
    if (code === 0x22) {
      inString = true;
      continue;
    }
    if (code !== 0x2d && (code < 0x30 || code > 0x39)) continue;
    let end = i + 1;
    while (end < text.length) {
      const c = text.charCodeAt(end);
      if ((c >= 0x30 && c <= 0x39) || c === 0x2e || c === 0x65 || c === 0x45 || c === 0x2b || c === 0x2d)
        end++;
      else break;
    }
    const literal = text.slice(i, end);
    i = end - 1;
    if (literal.length < 19 || /[.eE]/.test(literal)) continue;
    const value = BigInt(literal);
    if (value > INT64_MAX || value < INT64_MIN) return false;
  }
  return true;
}

/**
 * True when Detail is a JSON object nested at most 1000 levels whose integers fit in int64 (arrays,
 * strings, numbers and broken JSON are MalformedDetail, as recorded against AWS; docs/aws-behaviour.md §1.2, §1.4).
 */
export function isValidDetail(detail: string): boolean {
  let start = 0;
  while (start < detail.length && isWhitespace(detail.charCodeAt(start))) start++;
  if (detail.charCodeAt(start) !== 0x7b) return false; // cheap rejection before parsing
  let parsed: unknown;
  try {
    parsed = JSON.parse(detail);
  } catch {
    return false;
  }
  // 1,001 levels need at least 2,002 characters, so shorter details cannot be too deep.
  if (
    detail.length > 2 * MAX_DETAIL_NESTING_DEPTH + 1 &&
    jsonNestingDepth(detail) > MAX_DETAIL_NESTING_DEPTH
  ) {
    return false;
  }
  // An integer literal outside int64 parses to a number of magnitude >= 2^63: when every parsed number is
  // below 2^53 the text needs no scan.
  return numbersBelow2To53(parsed) || jsonIntegersFitInt64(detail);
}

const TWO_TO_53 = 2 ** 53;

/**
 * True when every number inside a parsed JSON value is strictly between -2^53 and 2^53.
 * Example: { a: [1, 2.5] } -> true; { a: 9223372036854775807 } -> false.
 */
export function numbersBelow2To53(value: unknown): boolean {
  if (typeof value === 'number') return value < TWO_TO_53 && value > -TWO_TO_53;
  if (typeof value !== 'object' || value === null) return true;
  if (Array.isArray(value)) {
    for (const item of value) if (!numbersBelow2To53(item)) return false;
    return true;
  }
  for (const key in value) {
    if (!numbersBelow2To53((value as Record<string, unknown>)[key])) return false;
  }
  return true;
}
