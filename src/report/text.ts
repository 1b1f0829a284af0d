/** Text helpers shared by the HTML, Markdown and explorable outputs: escaping and the synthetic-data notice. */
import type { ProvenanceLike } from './input.js';
import { VERSION } from '../version.js';

/** Escapes text for HTML element content and attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

/** Serialises JSON for a `<script type="application/json">` element (no `</script>` break-out). */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

/**
 * The one-line synthetic-data notice every report and page carries: what the data is, the
 * generator version, seed and scenario hash (each "unknown" when not recorded), and the adscreen
 * version that wrote the file.
 */
export function syntheticNotice(provenance: ProvenanceLike | undefined): string {
  const p = provenance ?? {};
  const parts = [
    `generator version ${p.generatorVersion ?? 'unknown'}`,
    `seed ${p.seed ?? 'unknown'}`,
    `scenario hash ${p.scenarioHash ?? 'unknown'}`,
  ];
  if (p.scenario) parts.unshift(`scenario "${p.scenario}"`);
  return (
    `SYNTHETIC DATA: every ad, label and score here was made up by the adscreen generator (${parts.join(', ')}); ` +
    `written by adscreen ${VERSION}. For research and teaching only, never for screening real people's ads.`
  );
}
