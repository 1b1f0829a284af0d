/**
 * `report()`: a result directory or result object in, a self-contained HTML page or a Markdown
 * file with SVG charts out. `writeReport()` writes it atomically.
 */
import { basename, dirname, extname, join } from 'node:path';
import { writeFileAtomic } from '../io/atomic.js';
import type { ProgressCallback } from '../progress.js';
import { buildReport } from './build.js';
import { assertAudit, loadReportBundle, type ReportBundle } from './bundle.js';
import { documentCharts, type ReportDocument } from './document.js';
import { renderHtml } from './html.js';
import type { AuditLike } from './input.js';
import { renderMarkdown } from './markdown.js';
import { renderSvg, stampSvg } from './svg.js';
import { InputError } from '../errors.js';

/** Output formats. */
export type ReportFormat = 'html' | 'md';

/** Options for {@link report}. */
export interface ReportOptions {
  /** Output format. Default `html`. */
  format?: ReportFormat;
  /** Markdown only: folder (relative to the report) for chart SVGs. Default `report-charts`. */
  chartDir?: string;
  /** Called after each chart is rendered. */
  onProgress?: ProgressCallback;
}

/** A rendered report: the main file's text and any files that go beside it. */
export interface ReportOutput {
  /** Format rendered. */
  format: ReportFormat;
  /** Content of the main file. */
  content: string;
  /** Files beside it (Markdown: chart SVGs), paths relative to the main file's folder. */
  files: Array<{ path: string; content: string }>;
}

/** A report's input: a result directory, a bundle, or a bare audit result. */
export type ReportInput = string | ReportBundle | AuditLike;

/** Turns any report input into a bundle. */
export function toBundle(input: ReportInput): ReportBundle {
  if (typeof input === 'string') return loadReportBundle(input);
  if ('schema' in input && typeof input.schema === 'string') return { audit: assertAudit(input) };
  if ('audit' in input) return { ...input, audit: assertAudit(input.audit) };
  throw new InputError('expected a result directory, an audit result or a report bundle with an `audit`');
}

async function renderCharts(doc: ReportDocument, onProgress?: ProgressCallback): Promise<Map<string, string>> {
  const charts = documentCharts(doc);
  const svgs = new Map<string, string>();
  for (const c of charts) {
    svgs.set(c.name, await renderSvg(c.spec, { idPrefix: c.name }));
    onProgress?.(svgs.size, charts.length, c.name);
  }
  return svgs;
}

/**
 * Renders a report. Reads the directory when given a path; otherwise pure apart from rendering.
 *
 * @example
 * ```ts
 * import { audit, report } from 'adscreen';
 *
 * const result = audit({
 *   labels: [1, 0, 0, 1, 0, 0, 1, 0],
 *   scores: [0.9, 0.7, 0.2, 0.4, 0.6, 0.1, 0.8, 0.3],
 *   groups: { gender: ['woman', 'woman', 'woman', 'woman', 'man', 'man', 'man', 'man'] },
 *   bootstrap: 20, seed: 1,
 * });
 * const md = await report(result, { format: 'md' });
 * console.log(md.content.slice(0, 200));                // the Markdown text
 * console.log(md.files.map((f) => f.path));             // chart SVGs to write beside it
 * ```
 */
export async function report(input: ReportInput, options: ReportOptions = {}): Promise<ReportOutput> {
  const format = options.format ?? 'html';
  if (format !== 'html' && format !== 'md') throw new InputError(`unknown format "${String(format)}": expected html or md`, { field: 'format' });
  const doc = buildReport(toBundle(input));
  const svgs = await renderCharts(doc, options.onProgress);
  if (format === 'html') return { format, content: renderHtml(doc, svgs), files: [] };
  const dir = options.chartDir ?? 'report-charts';
  const path = (name: string): string => `${dir}/${name}.svg`;
  return {
    format,
    content: renderMarkdown(doc, path),
    files: [...svgs].map(([name, svg]) => ({ path: path(name), content: stampSvg(svg, doc.notice) })),
  };
}

/** Options for {@link writeReport}. */
export interface WriteReportOptions {
  /** Output format. Default: `md` when `out` ends in `.md`, else `html`. */
  format?: ReportFormat;
  /** Output file. Markdown charts go in `<name>-charts/` beside it. */
  out: string;
  /** Progress callback. */
  onProgress?: ProgressCallback;
}

/**
 * Renders and writes a report atomically (chart files first, the report last). Returns the paths written.
 *
 * @example
 * ```ts
 * import { audit, writeReport } from 'adscreen';
 *
 * const result = audit({
 *   labels: [1, 0, 0, 1, 0, 0, 1, 0],
 *   scores: [0.9, 0.7, 0.2, 0.4, 0.6, 0.1, 0.8, 0.3],
 *   groups: { gender: ['woman', 'woman', 'woman', 'woman', 'man', 'man', 'man', 'man'] },
 *   bootstrap: 20, seed: 1,
 * });
 * // one self-contained HTML file (a result directory written by `experiment()` works too)
 * const written = await writeReport({ title: 'Toy screener', audit: result }, { out: 'out/report.html' });
 * console.log(written);
 * ```
 */
export async function writeReport(input: ReportInput, options: WriteReportOptions): Promise<string[]> {
  const format = options.format ?? (options.out.toLowerCase().endsWith('.md') ? 'md' : 'html');
  const chartDir = `${basename(options.out, extname(options.out))}-charts`;
  const reportOptions: ReportOptions = { format, chartDir };
  if (options.onProgress) reportOptions.onProgress = options.onProgress;
  const out = await report(input, reportOptions);
  const written: string[] = [];
  for (const f of out.files) {
    const p = join(dirname(options.out), f.path);
    writeFileAtomic(p, f.content);
    written.push(p);
  }
  writeFileAtomic(options.out, out.content);
  written.push(options.out);
  return written;
}
