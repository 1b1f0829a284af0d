/**
 * The Vega-Lite spec type adscreen's chart functions return: a plain JSON object that notebooks
 * display as it is (`application/vnd.vegalite.v5+json` or v6) and that {@link renderSvg} renders.
 */

/** Vega-Lite schema URL the specs declare. */
export const VEGA_LITE_SCHEMA = 'https://vega.github.io/schema/vega-lite/v6.json';

/** A Vega-Lite spec as plain JSON. */
export interface VegaLiteSpec {
  /** Schema URL. */
  $schema: string;
  /** The rest of the spec. */
  [key: string]: unknown;
}

/** Options every chart function takes. */
export interface ChartOptions {
  /** Chart width in pixels (for each panel of a faceted chart). Default depends on the chart. */
  width?: number;
  /** Chart height in pixels. Default depends on the chart. */
  height?: number;
  /**
   * What data the chart shows, appended to the title, e.g. `test split, scenario default`.
   * Default `synthetic data`.
   */
  dataLabel?: string;
}

/** Rounds a number to 4 decimals so specs are stable across platforms; keeps null. */
export function round4(x: number | null | undefined): number | null {
  if (x === null || x === undefined || !Number.isFinite(x)) return null;
  return Math.round(x * 1e4) / 1e4;
}

/** Splits text into lines of at most `width` characters at spaces (a longer word keeps its own line). */
export function wrapText(text: string, width = 90): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter((w) => w !== '')) {
    if (line !== '' && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line === '' ? word : `${line} ${word}`;
  }
  if (line !== '') lines.push(line);
  return lines;
}

/** The common title object: what is measured, then on which data (subtitle lines wrapped at 90 characters). */
export function chartTitle(text: string, options: ChartOptions, subtitle?: string): Record<string, unknown> {
  const data = options.dataLabel ?? 'synthetic data';
  const lines = [subtitle, `Data: ${data}`].filter((s): s is string => s !== undefined && s !== '').flatMap((s) => wrapText(s));
  return { text, subtitle: lines, anchor: 'start', fontSize: 15, subtitleFontSize: 12 };
}

/** Shared config: readable fonts, no chart border. */
export const BASE_CONFIG: Record<string, unknown> = {
  font: 'Helvetica, Arial, sans-serif',
  view: { stroke: null },
  axis: { labelFontSize: 12, titleFontSize: 13, grid: true, gridColor: '#e6e6e6' },
  legend: { labelFontSize: 12, titleFontSize: 13 },
  header: { labelFontSize: 13, titleFontSize: 13 },
};

/** Wraps chart content in a top-level spec with schema, title, config and description. */
export function topLevel(content: Record<string, unknown>, title: Record<string, unknown>, description: string): VegaLiteSpec {
  return { $schema: VEGA_LITE_SCHEMA, description, title, ...content, config: BASE_CONFIG };
}

/** A threshold as text: at most 4 decimals, trailing zeros dropped (0.29088... -> 0.2909). */
export function formatThreshold(t: number): string {
  return String(+t.toFixed(4));
}
