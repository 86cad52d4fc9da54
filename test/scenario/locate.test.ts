import { describe, expect, it } from 'vitest';
import { LineCounter, parseDocument } from 'yaml';
import { formatPath, locatePath, pathOfKeyAt } from '../../src/scenario/locate.js';

const TEXT = [
  'name: shop', //                       line 1
  'buses:', //                           line 2
  '  - name: orders', //                 line 3
  'producers:', //                       line 4
  '  - name: checkout', //               line 5
  '    batching:', //                    line 6
  '      entriesPerRequest: 10', //      line 7
  'defaults: &base { rate: 5 }', //      line 8
  'copy: *base', //                      line 9
].join('\n');

function parsed() {
  const lineCounter = new LineCounter();
  const doc = parseDocument(TEXT, { lineCounter });
  return { doc, lineCounter };
}

describe('formatPath', () => {
  it('writes keys with dots, indexes in brackets, odd keys quoted', () => {
    expect(formatPath(['producers', 2, 'rate'])).toBe('producers[2].rate');
    expect(formatPath([])).toBe('');
    expect(formatPath(['$schema'])).toBe('$schema');
    expect(formatPath(['buses', 0, 'my key'])).toBe('buses[0]["my key"]');
    expect(formatPath([0, 'x'])).toBe('[0].x');
  });
});

describe('locatePath', () => {
  it('gives the line and column of a key, or of an item of a list', () => {
    const { doc, lineCounter } = parsed();
    expect(locatePath(doc, lineCounter, ['producers', 0, 'batching', 'entriesPerRequest'])).toEqual({
      line: 7,
      column: 7,
    });
    expect(locatePath(doc, lineCounter, ['buses', 0])).toEqual({ line: 3, column: 5 });
  });

  it('stops at the deepest part that exists (a missing key is reported at its parent)', () => {
    const { doc, lineCounter } = parsed();
    expect(locatePath(doc, lineCounter, ['producers', 0, 'rate'])).toEqual({ line: 5, column: 5 });
    expect(locatePath(doc, lineCounter, ['producers', 5])).toEqual({ line: 4, column: 1 });
    expect(locatePath(doc, lineCounter, [])).toEqual({ line: 1, column: 1 });
  });

  it('follows an alias to its anchor', () => {
    const { doc, lineCounter } = parsed();
    expect(locatePath(doc, lineCounter, ['copy', 'rate'])).toEqual({ line: 8, column: 19 });
  });
});

describe('pathOfKeyAt', () => {
  it('finds the path of the key that starts at an offset', () => {
    const { doc } = parsed();
    expect(pathOfKeyAt(doc, TEXT.indexOf('entriesPerRequest'))).toEqual([
      'producers',
      0,
      'batching',
      'entriesPerRequest',
    ]);
    expect(pathOfKeyAt(doc, TEXT.indexOf('name: orders'))).toEqual(['buses', 0, 'name']);
    expect(pathOfKeyAt(doc, 3)).toBeNull();
  });
});
