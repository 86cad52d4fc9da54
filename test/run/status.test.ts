/** The run status tells the truth (pure judgement), and report.md / report.html show it at the top. */
import { describe, expect, it } from 'vitest';
import { renderHtml } from '../../src/report/run/render-html.js';
import { renderMarkdown } from '../../src/report/run/render-markdown.js';
import { describeGeneratorLimit, judgeStatus, topErrors } from '../../src/run/status.js';
import { loadQuickstartReport } from '../helpers/report-fixture.js';

function totalsWith(calls: number, succeeded: number, failed: number, errors: Record<string, number> = {}) {
  const totals = loadQuickstartReport().totals;
  return {
    ...totals,
    requests: { ...totals.requests, calls, succeeded, failed },
    errors,
  };
}

describe('judgeStatus', () => {
  const base = {
    status: 'completed' as const,
    statusReason: undefined,
    generatorSaturated: false,
    endpointSaturated: false,
  };

  it('failed when no call succeeded, naming the cause', () => {
    expect(judgeStatus({ ...base, totals: totalsWith(120, 0, 120, { ECONNREFUSED: 120 }) })).toEqual({
      status: 'failed',
      statusReason: 'no call succeeded: 120 calls, 0 answered HTTP 200 (ECONNREFUSED x 120)',
    });
  });

  it('degraded when most calls failed or the harness was saturated; completed otherwise', () => {
    expect(judgeStatus({ ...base, totals: totalsWith(10, 4, 6, { TimeoutError: 6 }) })).toEqual({
      status: 'degraded',
      statusReason: 'most calls failed: 6 of 10 (TimeoutError x 6)',
    });
    expect(judgeStatus({ ...base, generatorSaturated: true, totals: totalsWith(10, 10, 0) }).status).toBe(
      'degraded',
    );
    expect(
      judgeStatus({ ...base, endpointSaturated: true, totals: totalsWith(10, 10, 0) }).statusReason,
    ).toBe('the embedded endpoint was saturated (latencies include its queueing)');
    expect(judgeStatus({ ...base, totals: totalsWith(10, 5, 5) })).toEqual({
      status: 'completed',
      statusReason: undefined,
    });
  });

  it('keeps interrupted and failed as the replay said', () => {
    const totals = totalsWith(10, 0, 10);
    expect(judgeStatus({ ...base, status: 'interrupted', statusReason: 'stopped', totals })).toEqual({
      status: 'interrupted',
      statusReason: 'stopped',
    });
  });

  it('says in one sentence, with the figures, when the generator limited the run', () => {
    const totals = loadQuickstartReport().totals;
    const behind = {
      ...totals,
      schedule: { batchesLate: 1234, batchesDropped: 40 },
      entries: { ...totals.entries, dropped: 400 },
    };
    const generator = {
      maxLagMs: 1204.4,
      workers: [
        { index: 0, eventLoopUtilization: 0.973, batchesBehind: 640, maxLagMs: 1204.4 },
        { index: 1, eventLoopUtilization: 0.951, batchesBehind: 634, maxLagMs: 988 },
      ],
      saturated: true,
    };
    const sentence =
      'the generator, not the endpoint, limited this run: 1,234 batches went out more than 1 ms late and 40 were ' +
      'dropped (400 entries), max lag 1,204 ms, with its worker threads 97%/95% busy';
    expect(describeGeneratorLimit(behind, generator)).toBe(sentence);
    // dropped batches alone also mean the generator fell behind; saturated without drops says none was dropped
    expect(describeGeneratorLimit(behind, { ...generator, saturated: false })).toBe(sentence);
    expect(
      describeGeneratorLimit({ ...behind, schedule: { batchesLate: 3, batchesDropped: 0 } }, generator),
    ).toContain('3 batches went out more than 1 ms late and none was dropped');
    expect(
      describeGeneratorLimit(
        { ...behind, schedule: { batchesLate: 3, batchesDropped: 0 } },
        {
          ...generator,
          saturated: false,
        },
      ),
    ).toBeNull();
    expect(
      judgeStatus({
        ...base,
        generatorSaturated: true,
        generatorLimit: sentence,
        totals: totalsWith(10, 10, 0),
      }),
    ).toEqual({ status: 'degraded', statusReason: sentence });
  });

  it('topErrors orders by count, then name', () => {
    expect(topErrors({ b: 2, a: 2, c: 5, d: 1 })).toBe('c x 5, a x 2, b x 2');
  });
});

describe('the banner at the top of report.md and report.html', () => {
  it('says degraded for a saturated run, and the badge says so too', () => {
    const report = loadQuickstartReport();
    report.generator = { ...report.generator, saturated: true };
    const markdown = renderMarkdown(report);
    const firstBlocks = markdown.split('\n\n').slice(0, 3).join('\n\n');
    expect(firstBlocks).toContain(
      "> **Warning:** Run degraded: the generator was saturated (the numbers show this machine's limit).",
    );
    const html = renderHtml(report);
    expect(html).toContain('<span class="badge degraded">degraded</span>');
    expect(html).toContain('<p class="banner degraded" role="alert">Run degraded:');
  });

  it('a failed run says failed in both', () => {
    const report = loadQuickstartReport();
    report.status = 'failed';
    report.statusReason = 'no call succeeded: 3 calls, 0 answered HTTP 200 (ECONNREFUSED x 3)';
    expect(renderMarkdown(report)).toContain('Run failed: no call succeeded');
    expect(renderHtml(report)).toContain('<span class="badge failed">failed</span>');
  });
});
