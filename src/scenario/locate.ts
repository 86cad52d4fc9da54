/**
 * Field paths in a parsed YAML/JSON document: rendering them (`producers[2].rate`) and finding the
 * line and column of the node at a path.
 */
import { type Document, isAlias, isMap, isPair, isScalar, isSeq, type LineCounter, type Node } from 'yaml';

/** A path into the document: mapping keys and list indexes. */
export type FieldPath = ReadonlyArray<string | number>;

/** A 1-based position in the file. */
export interface FilePosition {
  line: number;
  column: number;
}

const IDENTIFIER_RE = /^[A-Za-z_$][A-Za-z0-9_$-]*$/;

/**
 * Renders a path the way users write it: `producers[2].rate`, `buses[0]["odd key"]`; '' for the root.
 * @example formatPath(['producers', 2, 'entryBytes', 'p99']) // 'producers[2].entryBytes.p99'
 */
export function formatPath(path: FieldPath): string {
  let text = '';
  for (const segment of path) {
    if (typeof segment === 'number') text += `[${segment}]`;
    else if (IDENTIFIER_RE.test(segment)) text += text === '' ? segment : `.${segment}`;
    else text += `[${JSON.stringify(segment)}]`;
  }
  return text;
}

/**
 * The position of the node at `path`: for a mapping key, the key itself; where the path goes further
 * than the document (a missing key), the deepest node that exists (the parent). Null for an empty document.
 */
export function locatePath(doc: Document, lineCounter: LineCounter, path: FieldPath): FilePosition | null {
  let node: unknown = doc.contents;
  let offset = rangeStart(node);
  for (const segment of path) {
    node = resolveAlias(doc, node);
    if (isMap(node)) {
      // The last pair wins, as in the parsed value, when a key is duplicated (itself a reported problem).
      const pair = node.items.filter((item) => isPair(item) && keyText(item.key) === String(segment)).pop();
      if (pair === undefined) break;
      offset = rangeStart(pair.key) ?? offset;
      node = pair.value;
    } else if (isSeq(node) && typeof segment === 'number') {
      const item = node.items[segment];
      if (item === undefined) break;
      offset = rangeStart(item) ?? offset;
      node = item;
    } else {
      break;
    }
  }
  if (offset === null) return null;
  const { line, col } = lineCounter.linePos(offset);
  return { line, column: col };
}

/** The path of the mapping key that starts at `offset` (used to name duplicate keys), or null. */
export function pathOfKeyAt(doc: Document, offset: number): FieldPath | null {
  const search = (node: unknown, path: Array<string | number>): FieldPath | null => {
    if (isMap(node)) {
      for (const pair of node.items) {
        const key = keyText(pair.key);
        if (rangeStart(pair.key) === offset && key !== null) return [...path, key];
        const found = key === null ? null : search(pair.value, [...path, key]);
        if (found !== null) return found;
      }
    } else if (isSeq(node)) {
      for (let index = 0; index < node.items.length; index++) {
        const found = search(node.items[index], [...path, index]);
        if (found !== null) return found;
      }
    }
    return null;
  };
  return search(doc.contents, []);
}

function keyText(key: unknown): string | null {
  if (isScalar(key)) return String(key.value);
  return null;
}

function rangeStart(node: unknown): number | null {
  const range = (node as Node | null | undefined)?.range;
  return Array.isArray(range) && typeof range[0] === 'number' ? range[0] : null;
}

function resolveAlias(doc: Document, node: unknown): unknown {
  return isAlias(node) ? node.resolve(doc) : node;
}
