/** The neutral document model's column helpers (every report product builds its tables with them). */
import { describe, expect, it } from 'vitest';
import { type DocTable, leftColumn, rightColumn } from '../../src/report/document.js';

describe('leftColumn and rightColumn', () => {
  it('align text left and numbers right', () => {
    const table: DocTable = {
      kind: 'table',
      id: 'example',
      columns: [leftColumn('bus'), rightColumn('calls')],
      rows: [['orders', '602']],
    };
    expect(table.columns).toEqual([
      { label: 'bus', align: 'left' },
      { label: 'calls', align: 'right' },
    ]);
  });
});
