/**
 * What a reviewer sees: report.html and the compare page rendered in headless Chromium (Debian's `chromium`;
 * .ci/run installs it), checked on the picture, not only the markup: the page lays out at the expected width
 * without horizontal overflow, the inline style sheet applied (CSP allows it), every chart is an SVG of a
 * sensible size inside the page, and its pixels hold the chart's colours (bars before and after, each bus's
 * lines) rather than a blank or a black box. Under CI=true a missing Chromium fails; elsewhere it skips.
 *
 * Set BUSLOAD_SCREENSHOT_DIR=<dir> to keep the full-page PNGs for a look.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCompareCharts } from '../../../src/report/compare/charts.js';
import { compareReports } from '../../../src/report/compare/compare.js';
import { renderComparisonHtml } from '../../../src/report/compare/render-html.js';
import { PALETTE } from '../../../src/report/render-chart-svg.js';
import { renderHtml } from '../../../src/report/run/render-html.js';
import type { RunReport } from '../../../src/report/types.js';
import { loadQuickstartReport } from '../../helpers/report-fixture.js';
import { findChromium, HeadlessPage, type PageRect } from './chromium.js';
import {
  countNear,
  decodePng,
  distinctColours,
  hexRgb,
  inkRatio,
  overWhite,
  type Picture,
  pixelAt,
  type Rgb,
} from './pixels.js';

const VIEWPORT = { widthPx: 1280, heightPx: 900 };
const CHROMIUM = findChromium();
const REQUIRED = process.env.CI === 'true';
const KEEP = process.env.BUSLOAD_SCREENSHOT_DIR;

const AFTER_PATH = new URL('../../fixtures/reports/quickstart-after-report.json', import.meta.url);
const loadAfter = () => JSON.parse(readFileSync(AFTER_PATH, 'utf8')) as RunReport;

/** The page's layout, measured in the browser. */
interface Layout {
  scrollWidth: number;
  scrollHeight: number;
  viewportWidth: number;
  main: PageRect;
  card: PageRect;
  figures: Array<{ id: string; empty: boolean; svg: PageRect | null; shown: boolean }>;
  bodyFont: string;
}

const LAYOUT = `(() => {
  const rect = (element) => {
    const r = element.getBoundingClientRect();
    return { x: r.x + scrollX, y: r.y + scrollY, width: r.width, height: r.height };
  };
  return {
    scrollWidth: document.documentElement.scrollWidth,
    scrollHeight: document.documentElement.scrollHeight,
    viewportWidth: innerWidth,
    main: rect(document.querySelector('main')),
    card: rect(document.querySelector('header.card')),
    figures: [...document.querySelectorAll('figure.chart')].map((figure) => {
      const svg = figure.querySelector('svg');
      const style = svg ? getComputedStyle(svg) : null;
      return {
        id: figure.id,
        empty: figure.classList.contains('empty'),
        svg: svg ? rect(svg) : null,
        shown: style !== null && style.display !== 'none' && style.visibility === 'visible' && style.opacity === '1',
      };
    }),
    bodyFont: getComputedStyle(document.body).fontFamily,
  };
})()`;

const palette = (index: number): Rgb => hexRgb(PALETTE[index % PALETTE.length]!);
/** The "before" bars of a comparison: the same colour at 45% opacity over white. */
const faded = (index: number): Rgb => overWhite(palette(index), 0.45);

interface Rendered {
  layout: Layout;
  /** The first screen (what a reviewer sees on opening the file). */
  firstScreen: Picture;
  /** Each chart's SVG area, by figure id. */
  charts: Map<string, Picture>;
}

async function render(page: HeadlessPage, file: string, name: string): Promise<Rendered> {
  await page.load(pathToFileURL(file).href);
  const layout = await page.evaluate<Layout>(LAYOUT);
  const firstScreen = decodePng(
    await page.screenshot({ x: 0, y: 0, width: VIEWPORT.widthPx, height: VIEWPORT.heightPx }),
  );
  const charts = new Map<string, Picture>();
  for (const figure of layout.figures) {
    if (figure.svg) charts.set(figure.id, decodePng(await page.screenshot(figure.svg)));
  }
  if (KEEP) {
    mkdirSync(KEEP, { recursive: true });
    const full = { x: 0, y: 0, width: VIEWPORT.widthPx, height: layout.scrollHeight };
    writeFileSync(join(KEEP, `${name}.png`), await page.screenshot(full));
  }
  return { layout, firstScreen, charts };
}

/** What every rendered busload page must show. */
function expectSoundPage(rendered: Rendered, chartIds: readonly string[]): void {
  const { layout, firstScreen } = rendered;
  // Lays out at the viewport's width: nothing sticks out sideways (a table or chart that broke the layout).
  expect(layout.viewportWidth).toBe(VIEWPORT.widthPx);
  expect(layout.scrollWidth).toBeLessThanOrEqual(VIEWPORT.widthPx);
  expect(layout.main.width).toBeGreaterThan(1000);
  expect(layout.main.width).toBeLessThanOrEqual(1200);
  // The inline style sheet applied: the header card has its grey background and the body its font stack.
  expect(layout.bodyFont).toContain('system-ui');
  const inCard = pixelAt(firstScreen, layout.card.x + layout.card.width - 8, layout.card.y + 8);
  expect(inCard).toEqual(hexRgb('#f6f8fa'));
  // The first screen has text and figures on it, not a blank page and not a flood of colour.
  const ink = inkRatio(firstScreen);
  expect(ink).toBeGreaterThan(0.03);
  expect(ink).toBeLessThan(0.5);
  // Every expected chart is drawn: an SVG shown at a readable size inside the page's column.
  const ids = layout.figures.map((figure) => figure.id);
  expect(ids).toEqual(expect.arrayContaining([...chartIds]));
  for (const id of chartIds) {
    const figure = layout.figures.find((item) => item.id === id)!;
    expect(figure.empty, id).toBe(false);
    expect(figure.shown, id).toBe(true);
    const svg = figure.svg!;
    expect(svg.width, id).toBeGreaterThanOrEqual(440);
    expect(svg.height, id).toBeGreaterThanOrEqual(200);
    expect(svg.x, id).toBeGreaterThanOrEqual(layout.main.x);
    expect(svg.x + svg.width, id).toBeLessThanOrEqual(layout.main.x + layout.main.width + 1);
    const picture = rendered.charts.get(id)!;
    // Axes, labels and marks: ink, many colours (text anti-aliasing, lines, fills), but mostly white.
    const chartInk = inkRatio(picture);
    expect(chartInk, `${id} ink`).toBeGreaterThan(0.02);
    expect(chartInk, `${id} ink`).toBeLessThan(0.6);
    expect(distinctColours(picture), `${id} colours`).toBeGreaterThan(20);
  }
}

/** Pixels of `rgb` in a chart, at least `min` of them. */
function expectColour(rendered: Rendered, id: string, rgb: Rgb, min: number): void {
  const picture = rendered.charts.get(id);
  expect(picture, id).toBeDefined();
  expect(countNear(picture!, rgb), `${id}: pixels of rgb(${rgb.join(', ')})`).toBeGreaterThanOrEqual(min);
}

describe.skipIf(CHROMIUM === null && !REQUIRED)('screenshots in headless Chromium', () => {
  let page: HeadlessPage;
  const dir = mkdtempSync(join(tmpdir(), 'busload-screenshot-'));

  beforeAll(async () => {
    if (CHROMIUM === null) {
      throw new Error(
        "Chromium is missing: CI needs Debian's chromium package for the screenshot checks (apt-get install -y chromium; .ci/run installs it)",
      );
    }
    page = await HeadlessPage.open(CHROMIUM, VIEWPORT.widthPx, VIEWPORT.heightPx);
  }, 60_000);

  afterAll(async () => {
    await page?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('report.html: header, tables and all seven charts, each bus in its colour', async () => {
    const file = join(dir, 'report.html');
    writeFileSync(file, renderHtml(loadQuickstartReport()));
    const rendered = await render(page, file, 'report');
    const buses = ['orders', 'payments', 'telemetry'];
    const charts = [
      ...buses.map((bus) => `chart-traffic-${bus}`),
      'chart-problems',
      'chart-latency-over-time',
      'chart-latency-spectrum',
      'chart-cost-stacked',
    ];
    expectSoundPage(rendered, charts);
    expect(rendered.layout.figures).toHaveLength(7);
    // Each bus's traffic lines in its own colour; the spectrum and latency lines of all three buses.
    buses.forEach((bus, index) => {
      expectColour(rendered, `chart-traffic-${bus}`, palette(index), 80);
      expectColour(rendered, 'chart-latency-spectrum', palette(index), 40);
      expectColour(rendered, 'chart-latency-over-time', palette(index), 40);
    });
    // The cost bars are filled areas: thousands of pixels of the first component's colour.
    expectColour(rendered, 'chart-cost-stacked', palette(0), 2000);
  }, 60_000);

  it('compare page: before/after bars per bus and the overlaid latency spectra', async () => {
    const before = loadQuickstartReport();
    const after = loadAfter();
    const file = join(dir, 'compare.html');
    writeFileSync(
      file,
      renderComparisonHtml(compareReports(before, after), '0.1.0', buildCompareCharts(before, after)),
    );
    const rendered = await render(page, file, 'compare');
    const bars = ['calls', 'entries-per-call', 'data-events', 'cost'].map((id) => `chart-compare-${id}`);
    const spectra = ['orders', 'payments', 'telemetry'].map((bus) => `chart-compare-spectrum-${bus}`);
    expectSoundPage(rendered, [...bars, ...spectra]);
    expect(rendered.layout.figures).toHaveLength(7);
    // The bar charts sit two to a row, side by side, above the per-bus tables.
    const svg = (id: string) => rendered.layout.figures.find((figure) => figure.id === id)!.svg!;
    expect(svg(bars[1]!).x).toBeGreaterThan(svg(bars[0]!).x + svg(bars[0]!).width);
    expect(Math.abs(svg(bars[1]!).y - svg(bars[0]!).y)).toBeLessThan(40);
    expect(svg(bars[2]!).y).toBeGreaterThan(svg(bars[0]!).y + svg(bars[0]!).height);
    // Both sides are drawn: light "before" bars and dark "after" bars (and the logging segments in the cost).
    for (const id of bars) {
      expectColour(rendered, id, faded(0), 300);
      expectColour(rendered, id, palette(0), 300);
    }
    expectColour(rendered, 'chart-compare-cost', palette(1), 100);
    expectColour(rendered, 'chart-compare-cost', faded(1), 100);
    // Each bus's spectra in the bus's colour.
    ['orders', 'payments', 'telemetry'].forEach((bus, index) => {
      expectColour(rendered, `chart-compare-spectrum-${bus}`, palette(index), 60);
    });
  }, 60_000);
});
