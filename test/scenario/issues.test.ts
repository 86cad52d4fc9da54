import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { problemsFromIssues } from '../../src/scenario/issues.js';
import { batchingSchema } from '../../src/scenario/schema/sizes.js';
import { scenarioFileSchema } from '../../src/scenario/schema.js';

const issuesOf = (schema: z.ZodType, value: unknown) => {
  const result = schema.safeParse(value, { reportInput: true });
  if (result.success) throw new Error('parsed');
  return result.error.issues;
};

describe('problemsFromIssues', () => {
  it('keeps the path and message of a plain issue, under a prefix', () => {
    const issues = issuesOf(z.object({ n: z.number({ error: 'expected a number' }) }), { n: 'x' });
    expect(problemsFromIssues(issues, ['producers', 1])).toEqual([
      { path: ['producers', 1, 'n'], message: 'expected a number' },
    ]);
  });

  it('gives one problem per unknown key, naming the key first', () => {
    const issues = issuesOf(batchingSchema, { entriesPerRequest: 5, colour: 1, size: 2 });
    expect(problemsFromIssues(issues)).toEqual([
      { path: ['colour'], message: 'unknown key "colour"; expected one of: entriesPerRequest, maxBytes' },
      { path: ['size'], message: 'unknown key "size"; expected one of: entriesPerRequest, maxBytes' },
    ]);
  });

  it('reports a union through the alternative the keys point to', () => {
    const issues = issuesOf(batchingSchema, { maxEntries: 20, lingerMs: 5 });
    expect(problemsFromIssues(issues)).toEqual([
      { path: ['maxEntries'], message: 'expected an integer from 1 to 10; got 20' },
    ]);
  });

  it('between two alternatives that each know a key, takes the one with fewer issues', () => {
    expect(problemsFromIssues(issuesOf(batchingSchema, { entriesPerRequest: 5, lingerMs: 5 }))).toEqual([
      { path: ['lingerMs'], message: 'unknown key "lingerMs"; expected one of: entriesPerRequest, maxBytes' },
    ]);
  });

  it("keeps the union's own message when keys of several alternatives are mixed or none fits", () => {
    const forms =
      'expected { entriesPerRequest: 1..10, maxBytes? } or { maxEntries: 1..10, lingerMs: >= 0, maxBytes? }';
    const mixed = issuesOf(batchingSchema, { entriesPerRequest: 5, maxEntries: 5, lingerMs: 1 });
    expect(problemsFromIssues(mixed)).toEqual([{ path: [], message: `${forms}; got a mapping` }]);
    expect(problemsFromIssues(issuesOf(batchingSchema, { colour: 1 }))).toEqual([
      { path: [], message: `${forms}; got a mapping` },
    ]);
    expect(problemsFromIssues(issuesOf(batchingSchema, 7))).toEqual([
      { path: [], message: `${forms}; got 7` },
    ]);
  });

  it('turns a whole file into paths with numbers for list indexes', () => {
    const issues = issuesOf(scenarioFileSchema, {
      name: 'x',
      region: 'us-east-1',
      duration: '1m',
      buses: [{ name: 'orders', classification: 'secret' }],
      producers: [],
    });
    expect(problemsFromIssues(issues).map((problem) => problem.path)).toEqual([
      ['buses', 0, 'classification'],
      ['producers'],
    ]);
  });
});
