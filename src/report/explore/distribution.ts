/**
 * A static SVG of each group's score distributions for the explorable page: benign ads as a
 * filled area, trafficking ads as a black line, each scaled to its own peak, with the flagged
 * region (score at or above the threshold) shaded. The page's script moves only the threshold
 * line and the shaded region.
 */
import type { ExploreData } from './data.js';
import { GROUP_COLORS } from '../palette.js';
import { escapeHtml } from '../text.js';

/** Width of the SVG's coordinate system; the threshold t sits at x = t * DISTRIBUTION_WIDTH. */
export const DISTRIBUTION_WIDTH = 1000;
const ROW = 90;
const COARSE = 50;

/** Sums fine histogram bins into `COARSE` equal-width bins. */
function coarsen(counts: readonly number[]): number[] {
  const out = new Array<number>(COARSE).fill(0);
  counts.forEach((c, k) => {
    const j = Math.min(COARSE - 1, Math.floor((k * COARSE) / counts.length));
    out[j] = (out[j] as number) + c;
  });
  return out;
}

/** Points of a step outline of a histogram in a band from `top` to `top + height`. */
function steps(counts: readonly number[], top: number, height: number): string {
  const peak = Math.max(...counts);
  const w = DISTRIBUTION_WIDTH / counts.length;
  const y = (c: number): number => Math.round((top + height - (peak > 0 ? (c / peak) * height : 0)) * 10) / 10;
  const pts: string[] = [`0,${top + height}`];
  counts.forEach((c, j) => {
    pts.push(`${Math.round(j * w)},${y(c)}`, `${Math.round((j + 1) * w)},${y(c)}`);
  });
  pts.push(`${DISTRIBUTION_WIDTH},${top + height}`);
  return pts.join(' ');
}

/** The distribution SVG for the page (threshold at its initial position). Pure. */
export function distributionSvg(data: ExploreData): string {
  const height = ROW * data.groups.length;
  const x = (DISTRIBUTION_WIDTH * data.initialBin) / data.bins;
  const rows = data.groups
    .map((g, i) => {
      const top = i * ROW + 30;
      const color = GROUP_COLORS[i % GROUP_COLORS.length] as string;
      return (
        `<text x="6" y="${i * ROW + 24}" font-size="24" font-weight="bold" fill="#111">${escapeHtml(g.group)}</text>` +
        `<polygon points="${steps(coarsen(g.benign), top, ROW - 36)}" fill="${color}" fill-opacity="0.45" stroke="${color}"/>` +
        `<polyline points="${steps(coarsen(g.trafficking), top, ROW - 36)}" fill="none" stroke="#111" stroke-width="2.5"/>`
      );
    })
    .join('');
  const label =
    'Score distributions by group: benign ads filled, trafficking ads as a black line, each scaled to its own peak; ' +
    'ads right of the dashed threshold line are flagged.';
  return (
    `<svg id="distribution" viewBox="0 0 ${DISTRIBUTION_WIDTH} ${height + 30}" width="100%" role="img" aria-label="${escapeHtml(label)}">` +
    `<rect id="flagged-region" x="${x}" y="0" width="${DISTRIBUTION_WIDTH - x}" height="${height}" fill="#000" fill-opacity="0.07"/>` +
    rows +
    `<line id="threshold-line" x1="${x}" x2="${x}" y1="0" y2="${height}" stroke="#111" stroke-width="3" stroke-dasharray="10 6"/>` +
    `<text x="0" y="${height + 26}" font-size="22" fill="#444">score 0</text>` +
    `<text x="${DISTRIBUTION_WIDTH}" y="${height + 26}" font-size="22" fill="#444" text-anchor="end">score 1</text>` +
    `</svg>`
  );
}
