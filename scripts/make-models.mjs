#!/usr/bin/env node
/**
 * Trains one small reference model per family on data-synthetic/baseline-train.csv and writes
 * models/<family>/ (parameters, featurizer, card.json, card.md), then models/README.md with each
 * model's ROC-AUC on data-synthetic/baseline-test.csv (true label). Run with `npm run models`
 * (builds first). Seeded: the same data and seed give the same baseline models byte for byte.
 */
import { statSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createClassifier, readDataset, rocAuc, writeFileAtomic, VERSION } from '../dist/index.js';

const root = fileURLToPath(new URL('../', import.meta.url));
const TRAIN = 'data-synthetic/baseline-train.csv';
const TEST = 'data-synthetic/baseline-test.csv';
const SEED = 1;
const LABEL = 'observedLabel';
const FAMILIES = [
  ['keywords', {}],
  ['naive-bayes', {}],
  ['logreg', {}],
  ['embedding-bag', {}],
];

function dirBytes(dir) {
  return readdirSync(dir).reduce((sum, f) => sum + statSync(join(dir, f)).size, 0);
}

const train = await readDataset(join(root, TRAIN));
const test = await readDataset(join(root, TEST));
const labels = test.map((r) => r.label);
const rows = [];
for (const [name, options] of FAMILIES) {
  const model = createClassifier(name, options);
  const start = performance.now();
  await model.fit(train, { seed: SEED, labelField: LABEL });
  const secs = (performance.now() - start) / 1000;
  const dir = join(root, 'models', name);
  await model.save(dir);
  const scores = await model.predict(test.map((r) => r.text));
  const auc = rocAuc(labels, scores);
  const kb = dirBytes(dir) / 1024;
  rows.push(`| ${name} | ${model.card().backend} | ${auc.toFixed(3)} | ${kb.toFixed(0)} KB |`);
  process.stdout.write(`${name}: fit ${secs.toFixed(2)} s, test ROC-AUC ${auc.toFixed(3)}, ${kb.toFixed(0)} KB -> models/${name}\n`);
}

const readme = [
  '# Reference models',
  '',
  `Small reference models, one per family, trained by \`npm run models\` (scripts/make-models.mjs, adscreen ${VERSION})`,
  `on \`${TRAIN}\` (${train.length} synthetic ads, label field \`${LABEL}\`, seed ${SEED}) with default options.`,
  'Each directory holds the parameters, the featurizer or phrase list, and a model card (`card.json`, `card.md`).',
  'Load one with `loadClassifier(dir)` or `adscreen predict --model models/<family> ...`.',
  '',
  'Synthetic data only: these models have never seen a real ad and must not be used to screen real ads.',
  '',
  `| Model | Backend | ROC-AUC on \`${TEST}\` (true label, ${test.length} ads) | Size |`,
  '|---|---|---|---|',
  ...rows,
  '',
];
writeFileAtomic(join(root, 'models', 'README.md'), readme.join('\n'));
