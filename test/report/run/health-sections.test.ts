import { describe, expect, it } from 'vitest';
import { renderMarkdown } from '../../../src/report/run/render-markdown.js';
import { loadQuickstartReport } from '../../helpers/report-fixture.js';

describe('the embedded endpoint thread in Generator health', () => {
  it('says when the endpoint was saturated, and nothing when the report has no endpoint figures', () => {
    const report = loadQuickstartReport();
    report.generator.endpoint = { eventLoopUtilization: 0.953, cpuUsPerRequest: 412, saturated: true };
    expect(renderMarkdown(report)).toContain(
      "The embedded endpoint's thread was busy 95% of the replay (412 us of CPU per request): it was saturated, so " +
        'latencies include queueing in the endpoint, not only the producers and the bus.',
    );
    delete report.generator.endpoint;
    expect(renderMarkdown(report)).not.toContain("embedded endpoint's thread");
  });
});
