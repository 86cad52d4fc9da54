/**
 * The neutral document every report product renders (run report, comparison, cost): a headline, figures and
 * sections of tables, paragraphs, lists and charts, all plain text. The Markdown and HTML renderers draw this
 * one model, so both formats always carry the same content; each escapes the plain text for its own format.
 */
import type { ChartSpec } from './chart-spec.js';
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

/** A left-aligned column (text). */
export const leftColumn = (label: string): DocColumn => ({ label, align: 'left' });
/** A right-aligned column (numbers). */
export const rightColumn = (label: string): DocColumn => ({ label, align: 'right' });
