#!/usr/bin/env node
/**
 * Report-stage speed and size: building the explorable page's histograms from N scored ads,
 * the page's size, computing its numbers for every slider position (what the page does on each
 * move), and rendering an HTML report (all charts to SVG) from a synthetic audit-shaped object.
 * Writes benchmarks/results/report.md.
 *
 *   npx tsc -p tsconfig.build.json && node benchmarks/report.mjs [--n 200000] [--groups 4]
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Rng, exploreData, explorePage, exploreStats, report, VERSION } from '../dist/index.js';
import { option } from './options.mjs';

const n = Number(option('--n', '200000'));
const nGroups = Number(option('--groups', '4'));
const rng = new Rng(1);
const groups = Array.from({ length: nGroups }, (_, i) => `group-${i}`);
const ads = [];
for (let i = 0; i < n; i++) {
  const label = rng.bernoulli(0.1) ? 1 : 0;
  const g = i % nGroups;
  const score = Math.min(1, Math.max(0, (label ? 0.6 : 0.3) + 0.05 * g + 0.25 * (rng.float() - 0.5)));
  ads.push({ id: `a${i}`, label, score, group: groups[g] });
}

const ms = (t0) => Number(process.hrtime.bigint() - t0) / 1e6;
let t0 = process.hrtime.bigint();
const data = exploreData(ads);
const tData = ms(t0);
t0 = process.hrtime.bigint();
const page = explorePage(data);
const tPage = ms(t0);
t0 = process.hrtime.bigint();
for (let bin = 0; bin <= data.bins; bin++) exploreStats(data, { bin, prevalence: 0.01, volume: 100000 });
const tStats = ms(t0) / (data.bins + 1);

const rows = groups.map((group, i) => ({
  group, n: n / nGroups, fpr: 0.05 + 0.03 * i, fnr: 0.2 - 0.02 * i, ci: { fpr: [0.04 + 0.03 * i, 0.06 + 0.03 * i], fnr: [0.18 - 0.02 * i, 0.22 - 0.02 * i] },
}));
const curve = (f) => Array.from({ length: 201 }, (_, k) => f(k / 200));
const curves = Object.fromEntries(groups.map((g, i) => [g, {
  roc: curve((x) => ({ fpr: x, tpr: Math.pow(x, 0.2 + 0.05 * i) })),
  pr: curve((x) => ({ recall: x, precision: 1 - 0.5 * x * x })),
  threshold: curve((x) => ({ threshold: x, fpr: Math.pow(1 - x, 2 + i) })),
  calibration: curve((x) => ({ meanScore: x, fractionPositive: x * x, count: 10 })).slice(0, 20),
}]));
const audit = { schema: 'adscreen.audit/1', threshold: 0.5, overall: { fpr: 0.1, fnr: 0.15 }, groups: { group: rows }, curves: { group: curves }, warnings: [] };
t0 = process.hrtime.bigint();
const html = await report(audit, { format: 'html' });
const tReport = ms(t0);

const lines = [
  '# Report stage benchmark',
  '',
  `- date: ${new Date().toISOString().slice(0, 10)}; machine: ${cpus().length} cores (${cpus()[0]?.model ?? 'unknown'}); node ${process.version}; adscreen ${VERSION}; backend: none (pure JavaScript)`,
  `- command: \`node benchmarks/report.mjs --n ${n} --groups ${nGroups}\``,
  '',
  '| Step | Result |',
  '| --- | --- |',
  `| exploreData on ${n.toLocaleString('en-US')} scored ads (${nGroups} groups, 1,000 bins) | ${tData.toFixed(1)} ms (${Math.round(n / (tData / 1000)).toLocaleString('en-US')} ads/s) |`,
  `| explorePage (HTML string) | ${tPage.toFixed(1)} ms, ${(page.length / 1024).toFixed(0)} KiB |`,
  `| exploreStats per slider position (mean over 1,001) | ${tStats.toFixed(3)} ms |`,
  `| report() HTML with ${(html.content.match(/<svg /g) ?? []).length} charts rendered to SVG | ${tReport.toFixed(0)} ms, ${(html.content.length / 1024).toFixed(0)} KiB |`,
  '',
];
const out = fileURLToPath(new URL('./results/report.md', import.meta.url));
mkdirSync(fileURLToPath(new URL('./results/', import.meta.url)), { recursive: true });
writeFileSync(out, lines.join('\n'));
process.stdout.write(lines.join('\n'));
