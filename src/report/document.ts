/**
 * The report as a format-neutral document: titled sections of paragraphs, tables, lists, charts
 * and embedded Markdown. The HTML and Markdown renderers both render this one document, so the
 * two formats always carry the same tables and charts.
 */
import type { VegaLiteSpec } from './spec.js';

/** A table: header cells and rows of text cells. */
export interface TableBlock {
  /** Block kind. */
  kind: 'table';
  /** What the table shows. */
  caption: string;
  /** Column headers. */
  head: string[];
  /** Rows of cell text. */
  rows: string[][];
}

/** A paragraph of plain text. */
export interface ParagraphBlock {
  /** Block kind. */
  kind: 'paragraph';
  /** The text. */
  text: string;
}

/** A bulleted list of plain-text items. */
export interface ListBlock {
  /** Block kind. */
  kind: 'list';
  /** The items. */
  items: string[];
}

/** A chart: a Vega-Lite spec, rendered to SVG for static output. */
export interface ChartBlock {
  /** Block kind. */
  kind: 'chart';
  /** File-safe name, e.g. `fpr-fnr-language` (names the SVG file beside a Markdown report). */
  name: string;
  /** Alternative text: what the chart shows. */
  alt: string;
  /** The spec. */
  spec: VegaLiteSpec;
}

/** Markdown from another stage (a datasheet, a model card, an experiment summary), shown as it is. */
export interface MarkdownBlock {
  /** Block kind. */
  kind: 'markdown';
  /** Summary line (HTML shows the Markdown collapsed under it unless `open`). */
  summary: string;
  /** Shown expanded (HTML) or inline (Markdown) rather than collapsed. Default false. */
  open?: boolean;
  /** The Markdown text. */
  markdown: string;
}

/** Any block. */
export type Block = TableBlock | ParagraphBlock | ListBlock | ChartBlock | MarkdownBlock;

/** A titled section. */
export interface Section {
  /** Section title. */
  title: string;
  /** Blocks in order. */
  blocks: Block[];
}

/** A whole report. */
export interface ReportDocument {
  /** Report title. */
  title: string;
  /** The synthetic-data notice (with provenance) shown first. */
  notice: string;
  /** Sections in order. */
  sections: Section[];
}

/** All chart blocks of a document, in order. */
export function documentCharts(doc: ReportDocument): ChartBlock[] {
  return doc.sections.flatMap((s) => s.blocks.filter((b): b is ChartBlock => b.kind === 'chart'));
}
