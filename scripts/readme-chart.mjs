#!/usr/bin/env node
/**
 * Renders the README's chart: per-group false positive and false negative rates, with bootstrap
 * intervals, of a small real run (generate -> train logreg -> audit) to docs/img/fpr-by-group.svg.
 * Everything is seeded, so the same adscreen version writes the same bytes.
 *
 *   npx tsc -p tsconfig.build.json && node scripts/readme-chart.mjs [--scenario biased-annotation] [--out docs/img/fpr-by-group.svg]
 */
import { audit, errorRateChart, renderSvg, stampSvg, syntheticNotice, thresholdForFpr, train, writeFileAtomic } from '../dist/index.js';
import { generate, loadScenario } from '../dist/generate/index.js';

function arg(name, fallback) {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : fallback;
}
const scenarioName = arg('scenario', 'biased-annotation');
const out = arg('out', 'docs/img/fpr-by-group.svg');
const nTrain = 4000;
const nTest = 4000;
const targetFpr = 0.05;

const scenario = loadScenario(scenarioName);
const trainAds = generate(scenario, { n: nTrain, seed: 1 });
const testAds = generate(scenario, { n: nTest, seed: 2 });
const model = await train(trainAds, { model: 'logreg', seed: 1 });
const scores = await model.predict(testAds.map((r) => r.text));
const labels = testAds.map((r) => r.label);
const threshold = thresholdForFpr(labels, scores, { fpr: targetFpr }) ?? 0.5;
const result = audit({ labels, scores, groups: { group: testAds.map((r) => r.group) }, threshold, bootstrap: 500, seed: 1 });

const first = testAds[0];
const provenance = { generatorVersion: first.generatorVersion, seed: first.seed, scenarioHash: first.scenarioHash, scenario: scenarioName };
const spec = errorRateChart(result, {
  column: 'group',
  dataLabel: `synthetic ads, scenario "${scenarioName}" (${nTest.toLocaleString('en-US')} test ads, seed 2); logreg trained on ${nTrain.toLocaleString('en-US')} ads (seed 1), threshold set for ${100 * targetFpr}% overall FPR`,
});
const svg = stampSvg(await renderSvg(spec, { idPrefix: 'fpr-by-group' }), syntheticNotice(provenance));
writeFileAtomic(out, svg);
process.stdout.write(`wrote ${out} (threshold ${threshold.toFixed(4)}, scenario ${scenarioName})\n`);
