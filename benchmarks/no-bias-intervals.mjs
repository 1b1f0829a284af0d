#!/usr/bin/env node
/**
 * Phenomenon 1 at any size: runs examples/experiments/no-bias.json (baseline scenario, no bias
 * knob on) with a fast linear model and counts the per-group FPR-difference intervals (95%,
 * poster bootstrap) that exclude zero, on raw text and with explicit proxy mentions masked.
 * Under the null, about one in twenty should. From the built package:
 *
 *   npx tsc -p tsconfig.build.json && node benchmarks/no-bias-intervals.mjs [--n 24000] [--seeds 1,2,3] [--model logreg]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { option } from './options.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const { experiment, loadExperiment, readCellRecord } = await import('../dist/index.js');
const n = Number(option('--n', '24000'));
const seeds = option('--seeds', '1,2,3').split(',').map(Number);
const model = option('--model', 'logreg');
const config = loadExperiment(join(here, '..', 'examples', 'experiments', 'no-bias.json'));
const out = mkdtempSync(join(tmpdir(), 'adscreen-no-bias-'));
try {
  const t0 = performance.now();
  const res = await experiment(
    { ...config, models: [model], train: { scenario: 'baseline', n }, test: { n: 6000, twins: false }, seeds, audit: { threshold: { fpr: 0.05 }, bootstrap: 200 } },
    { out },
  );
  const tally = new Map();
  for (const c of res.cells) {
    const m = readCellRecord(out, c.id).metrics;
    const t = tally.get(c.mitigation.label) ?? { total: 0, excluding: [] };
    for (const [group, d] of Object.entries(m.fprDifferences ?? {})) {
      if (group === m.reference) continue;
      t.total++;
      if (d.ci[0] > 0 || d.ci[1] < 0) t.excluding.push(`seed ${c.seed} ${group}: ${d.value.toFixed(3)} [${d.ci[0].toFixed(3)}, ${d.ci[1].toFixed(3)}]`);
    }
    tally.set(c.mitigation.label, t);
  }
  console.log(`no-bias, ${model}, ${n.toLocaleString('en-US')} training ads, seeds ${seeds.join(',')} (${((performance.now() - t0) / 1000).toFixed(0)} s)`);
  for (const [mitigation, t] of tally) {
    console.log(`  ${mitigation}: ${t.excluding.length} of ${t.total} intervals exclude zero${t.excluding.length ? ` (${t.excluding.join('; ')})` : ''}`);
  }
} finally {
  rmSync(out, { recursive: true, force: true });
}
