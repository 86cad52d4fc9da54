/**
 * The neutral document every report product renders (run report, comparison, cost): a headline, figures and
 * sections of tables, paragraphs, lists and charts, all plain text. A chart is data: what it plots plus the
 * same data as a small text table (Markdown shows the table; HTML draws the chart and keeps the table under
 * it); a chart that lacks data carries the reason instead of series, so a renderer says so. The Markdown and HTML renderers draw this
 * one model, so both formats always carry the same content; each escapes the plain text for its own format.
 */
import type { RunReport } from './types.js';

/** A table column: its label and how its cells align (numbers right). */
export interface DocColumn {
  label: string;
  align: 'left' | 'right';
}

/** A table of plain-text cells; `totalRow`, when present, is rendered last and set apart. */
export interface DocTable {
  kind: 'table';
  /** Stable id (HTML id, test hook). */
  id: string;
  columns: DocColumn[];
  rows: string[][];
  totalRow?: string[];
}

export interface DocParagraph {
  kind: 'paragraph';
  text: string;
}

/** A list of items, each with a bold label and its text. */
export interface DocList {
  kind: 'list';
  items: { label: string; text: string }[];
}

export interface DocSubheading {
  kind: 'subheading';
  text: string;
}

/** A chart (drawn in HTML, shown as its small data table in Markdown). */
export interface DocChart {
  kind: 'chart';
  chart: ChartSpec;
  /** What Markdown shows: the chart's data table (the default), or nothing when a table nearby has the data. */
  text?: 'table' | 'omit';
  /** HTML: drawn at half width, consecutive half-width charts two to a row. */
  half?: boolean;
}

export type DocBlock = DocTable | DocParagraph | DocList | DocSubheading | DocChart;

export interface DocSection {
  id: string;
  title: string;
  blocks: DocBlock[];
}

/** A headline figure of the header card, e.g. { label: "Total", value: "$1,547.89/month" }. */
export interface DocFigure {
  label: string;
  value: string;
}

export interface ReportDocument {
  title: string;
  /** The run's status as shown: `partial` for a completed run that dropped entries (the generator fell behind). */
  status: RunReport['status'] | 'partial';
  /** Shown as a banner when the run did not complete; null when it did. */
  banner: string | null;
  /** The design-review sentence (cost.summary). */
  sentence: string;
  figures: DocFigure[];
  sections: DocSection[];
}

/** How a series is drawn: the line style tells apart the metrics of one bus, the colour the bus. */
export type SeriesStyle = 'solid' | 'dashed' | 'dotted';

export interface ChartSeries {
  name: string;
  /** [x, y] pairs: x in seconds since the schedule start (time charts) or 1/(1 - percentile) (spectrum). */
  points: Array<[number, number]>;
  style: SeriesStyle;
  /** Index into the palette (one colour per bus, or per component in the cost chart). */
  colorIndex: number;
}

/** A bar series: one value per category (null: no bar, e.g. a bus missing on one side of a comparison). */
export interface BarSeries {
  name: string;
  /** One value per category. */
  values: Array<number | null>;
  colorIndex: number;
  /** In a grouped chart, series with the same stack id are stacked on one bar. */
  stack?: string;
  /** Drawn lighter (the "before" side of a comparison). */
  faded?: boolean;
}

interface ChartBase {
  /** Stable id (HTML id, test hook). */
  id: string;
  title: string;
  /** One sentence on how to read the chart. */
  caption: string;
  /** Why there is nothing to draw; null when there is. */
  emptyReason: string | null;
  /** The chart's data as a small text table (null when empty). */
  table: DocTable | null;
}

export interface LineChart extends ChartBase {
  kind: 'time' | 'spectrum';
  xLabel: string;
  yLabel: string;
  series: ChartSeries[];
}

/**
 * A bar chart, one group per category. Stacked (the default): every series on one bar (the cost chart).
 * Grouped: the series side by side (stacking only those that share a `stack` id), values written on the bars.
 */
export interface StackedBarChart extends ChartBase {
  kind: 'stacked-bar';
  layout?: 'stacked' | 'grouped';
  categories: string[];
  yLabel: string;
  series: BarSeries[];
  /** How values read on the axis and the bars: dollars (default) or plain numbers. */
  valueFormat?: 'usd' | 'number';
}

export type ChartSpec = LineChart | StackedBarChart;

/** A left-aligned column (text). */
export const leftColumn = (label: string): DocColumn => ({ label, align: 'left' });
/** A right-aligned column (numbers). */
export const rightColumn = (label: string): DocColumn => ({ label, align: 'right' });
