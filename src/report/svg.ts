/**
 * Static rendering of Vega-Lite specs to SVG in Node with vega's headless View. No canvas and no
 * network are needed: data is inline in every adscreen spec, and the View's loader is replaced by
 * one that refuses to fetch. vega and vega-lite are imported on the first render, not with the
 * package: together they take about 0.2 s to load, which code that draws no chart need not pay.
 */
import type { TopLevelSpec } from 'vega-lite';
import type { loader } from 'vega';
import type { VegaLiteSpec } from './spec.js';

/** vega and vega-lite, loaded by the first {@link renderSvg} call. */
let vegaModules: Promise<[typeof import('vega-lite'), typeof import('vega')]> | undefined;

/** Options for {@link renderSvg}. */
export interface RenderSvgOptions {
  /**
   * Prefix for the element ids inside the SVG (clip paths, gradients). Vega numbers them from a
   * process-wide counter; adscreen renumbers them from 1 under this prefix so the same spec gives
   * the same bytes and several SVGs can be inlined in one HTML page. Default `chart`.
   */
  idPrefix?: string;
}

/** A vega loader that fails on any URL, so rendering can never make a request. */
function offlineLoader(vega: typeof import('vega')): ReturnType<typeof loader> {
  const base = vega.loader();
  const refuse = (uri: string): Promise<never> =>
    Promise.reject(new Error(`adscreen renders offline; the spec asked to load ${uri}`));
  base.load = refuse;
  base.http = refuse;
  base.file = refuse;
  return base;
}

/** Renumbers `id="…"` definitions and their `url(#…)`/`href="#…"` references under a prefix. */
export function renumberSvgIds(svg: string, prefix: string): string {
  const map = new Map<string, string>();
  for (const m of svg.matchAll(/\sid="([^"]+)"/g)) {
    const id = m[1] as string;
    if (!map.has(id)) map.set(id, `${prefix}-${map.size + 1}`);
  }
  if (map.size === 0) return svg;
  return svg
    .replace(/(\sid=")([^"]+)(")/g, (_, a: string, id: string, b: string) => `${a}${map.get(id) ?? id}${b}`)
    .replace(/url\(#([^)]+)\)/g, (all, id: string) => (map.has(id) ? `url(#${map.get(id)})` : all))
    .replace(/href="#([^"]+)"/g, (all, id: string) => (map.has(id) ? `href="#${map.get(id)}"` : all));
}

/** Renders a Vega-Lite spec to an SVG string (deterministic for a given spec and prefix). */
export async function renderSvg(spec: VegaLiteSpec, options: RenderSvgOptions = {}): Promise<string> {
  vegaModules ??= Promise.all([import('vega-lite'), import('vega')]);
  const [vegaLite, vega] = await vegaModules;
  const vegaSpec = vegaLite.compile(spec as unknown as TopLevelSpec).spec;
  const view = new vega.View(vega.parse(vegaSpec), { renderer: 'none', loader: offlineLoader(vega) });
  try {
    const svg = await view.toSVG();
    return renumberSvgIds(svg, options.idPrefix ?? 'chart');
  } finally {
    view.finalize();
  }
}

/**
 * Adds a `<desc>` element right after the opening `<svg>` tag, so an SVG file saved on its own
 * still says what it is (used for the synthetic-data notice on chart files).
 */
export function stampSvg(svg: string, description: string): string {
  const text = description.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  return svg.replace(/^(<svg\b[^>]*>)/, `$1<desc>${text}</desc>`);
}
